/**
 * What a person reads when a credential_process helper fails: which program was not found and on
 * which PATH, or how the helper ended and the first thing it wrote to stderr.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { isAbsolute, join, delimiter as posixDelimiter, resolve } from 'node:path';
import { AppErrorException, appError } from '../../domain/errors';
import { scrubSecrets } from './errors';

const REMEDIATION =
  'Run the command in a terminal to see why; check it is installed and on the PATH of your login shell.';
/** A PATH longer than this is shown by its first entries and a count of the rest. */
const PATH_SHOWN_MAX = 200;

export function helperFailure(message: string, remediation = REMEDIATION): AppErrorException {
  return new AppErrorException(appError('no-credentials', message, { remediation, retryable: true }));
}

/** A helper that ended with a non-zero status or a signal: how, and its first line of stderr. */
export function exitFailure(
  helper: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
): AppErrorException {
  const how = code === null ? `was stopped by ${signal ?? 'a signal'}` : `failed with exit code ${code}`;
  return helperFailure(`${helper} ${how}${firstLine(stderr)}`);
}

/** The helper's program is not on PATH (or its path does not exist): the program and the PATH, named. */
export function notFound(
  helper: string,
  program: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): AppErrorException {
  const path = shownPath(env, platform);
  return helperFailure(
    `${helper} could not run: \`${scrubSecrets(program)}\` was not found on PATH (${path}).`,
    'Install the program, or write its full path in the profile’s credential_process. Programs are looked up on the PATH shown (in the desktop app, the PATH of your login shell).',
  );
}

/**
 * The shell's "command not found": 127 for POSIX shells (POSIX, Shell Command Language, 2.8.2
 * "Exit Status for Commands"), 9009 for cmd.exe (not documented by Microsoft as such; it is the
 * ERRORLEVEL cmd.exe sets for "is not recognized as an internal or external command").
 */
export function isNotFoundExit(code: number, platform: NodeJS.Platform): boolean {
  return platform === 'win32' ? code === 9009 : code === 127;
}

/** The program a command line runs: its first word, after any `NAME=value` assignments, unquoted. */
export function programOf(command: string): string {
  let rest = command.trim();
  for (;;) {
    const assignment = /^[A-Za-z_][A-Za-z0-9_]*=("[^"]*"|'[^']*'|\S*)\s+/.exec(rest);
    if (!assignment) break;
    rest = rest.slice(assignment[0].length);
  }
  const quoted = /^(["'])(.*?)\1/.exec(rest);
  if (quoted) return quoted[2] ?? '';
  return rest.split(/\s/)[0] ?? '';
}

/** Whether `program` would be found: a path is checked as it is, a bare name in each PATH entry. */
export async function onPath(program: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<boolean> {
  if (!program) return false;
  const executable = async (file: string) =>
    access(file, platform === 'win32' ? constants.F_OK : constants.X_OK).then(
      () => true,
      () => false,
    );
  if (/[\\/]/.test(program)) return executable(isAbsolute(program) ? program : resolve(program));
  const extensions = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';')] : [''];
  for (const dir of pathEntries(env, platform)) {
    for (const ext of extensions) if (await executable(join(dir, program + ext))) return true;
  }
  return false;
}

function pathEntries(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const value = env.PATH ?? env.Path ?? '';
  return value.split(platform === 'win32' ? ';' : posixDelimiter).filter((d) => d !== '');
}

/** PATH as shown in a message: the home folder as ~, and only the first entries when it is long. */
export function shownPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const entries = pathEntries(env, platform);
  if (entries.length === 0) return 'PATH is empty';
  const home = env.HOME || env.USERPROFILE;
  const shown = entries.map((d) => (home && (d === home || d.startsWith(`${home}/`)) ? `~${d.slice(home.length)}` : d));
  const separator = platform === 'win32' ? ';' : ':';
  const whole = shown.join(separator);
  if (whole.length <= PATH_SHOWN_MAX) return whole;
  const kept: string[] = [];
  for (const d of shown) {
    if ([...kept, d].join(separator).length > PATH_SHOWN_MAX - 20) break;
    kept.push(d);
  }
  return `${kept.join(separator)}${separator}… and ${shown.length - kept.length} more`;
}

/**
 * ": <the first non-empty line the helper wrote to stderr>." or "." — helpers print their error
 * first and usage or a stack trace after it. Scrubbed, since helpers handle secrets.
 */
export function firstLine(stderr: string): string {
  const line =
    stderr
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  if (!line) return '.';
  const shown = scrubSecrets(line);
  return `: ${shown.length > 200 ? `${shown.slice(0, 197)}...` : shown}${/[.!?]$/.test(shown) ? '' : '.'}`;
}

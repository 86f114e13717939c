/**
 * What the backend commands of the command line share: where the settings live (the same folder
 * the app's userData uses), a backend with a terminal MFA prompt, progress on stderr, tables and
 * `--json` output, and the AppError text the app shows.
 */

import os from 'node:os';
import path from 'node:path';
import type { ActivityEntry, AppEvent, Channel, RequestOf, Responses } from '../../contract/api';
import {
  type Backend,
  createBackend,
  MfaCodeNotGiven,
  type MfaPrompt,
  type RefreshSummary,
  toAppError,
} from '../core/backend';
import { closest } from '../domain/closest';
import { type AppError, AppErrorException, appError, isAppErrorException } from '../domain/errors';
import { ACCOUNT_ID_PATTERN, APP_NAME } from '../domain/ids';
import { isRegion, PROFILE_NAME_MAX } from '../domain/limits';
import { closestRegion, isKnownRegion } from '../domain/regions';
import type { ServiceRow } from '../domain/row';
import { APP_VERSION } from '../domain/version';
import type { CliFlag, CliIo, CliValues } from './command';
import { formatError } from './command';
import { exitCodeOf } from './exit';
import { openSignInPageFromTerminal } from './open-browser';
import { wantsJson } from './output';
import { createProgressLine, type ProgressLine } from './terminal';
import { terminalText } from './terminal-text';

/** The app's userData folder: Electron puts it under the platform's app-data folder, named after the app. */
export function defaultSettingsDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

export function settingsDirOf(values: CliValues, io: CliIo): string {
  const flag = values['settings-dir'];
  if (typeof flag === 'string' && flag) return path.resolve(io.cwd, flag);
  if (io.env.SHI_SETTINGS_DIR) return path.resolve(io.cwd, io.env.SHI_SETTINGS_DIR);
  return defaultSettingsDir(io.env);
}

export const SETTINGS_DIR_FLAG: CliFlag = {
  name: 'settings-dir',
  type: 'string',
  valueName: '<dir>',
  description: 'Settings and activity folder (default: $SHI_SETTINGS_DIR, else the app’s own folder)',
};

/**
 * Asks for the code on the terminal (progress held meanwhile). The question says how to get past it:
 * Enter on an empty line skips the device for the rest of the command (the rows that need it say so),
 * Ctrl-C ends the command. Without a terminal nothing is asked: the rows that need a code say how to
 * give one (credential-failures.ts mfaCodeNotGiven).
 */
export function terminalMfaPrompt(ask: CliIo['ask'], progress: ProgressLine): MfaPrompt {
  const skipped = new Set<string>();
  return async (request, signal) => {
    if (!ask) throw new MfaCodeNotGiven('no-terminal', request.serial);
    if (skipped.has(request.serial)) throw new MfaCodeNotGiven('skipped', request.serial);
    const question = `MFA code for ${terminalText(request.serial)} (${terminalText(request.profiles.join(', '))}; Enter on an empty line skips it, Ctrl-C stops): `;
    const answer = await progress.hold(async () => (await ask(question, signal)).trim());
    if (answer === '') {
      skipped.add(request.serial);
      throw new MfaCodeNotGiven('skipped', request.serial);
    }
    return answer;
  };
}

export interface Session {
  backend: Backend;
  /**
   * One contract channel through the backend's `invoke`, so the command line meets the same request
   * schemas as the window; a failure is thrown as its AppErrorException.
   */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Responses[C]>;
  /** Subscribes to the backend's events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * Reads the rows of `scope` now: the refresh's rows as its `refresh-progress` events brought them
   * (the engine keeps none), and how it ended.
   */
  refreshRows(
    scope: RequestOf<'refresh:start'>['scope'],
  ): Promise<{ rows: ServiceRow[]; summary: RefreshSummary | null }>;
  close(): Promise<void>;
}

/**
 * How long a command waits for the account names after its rows (a few calls: one per account, one
 * list per organization and per SSO session). Past it, the rows print with the names known before.
 */
export const NAMES_WAIT_MS = 15_000;

function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work.then(() => undefined), late]).finally(() => clearTimeout(timer));
}

/** A backend for one command; progress events become a one-line counter on a terminal's stderr. */
export function openSession(values: CliValues, io: CliIo, options: { progress?: boolean } = {}): Session {
  // Progress only where a person watches (stderr is a terminal), never in a pipe or a log file.
  const progress = createProgressLine(io.stderr, options.progress !== false && io.stderrIsTerminal === true);
  const listeners = new Set<(event: AppEvent) => void>();
  const emit = (event: AppEvent) => {
    for (const listener of listeners) listener(event);
    if (event.type === 'refresh-progress') progress.show(`Reading rows: ${event.done}/${event.total}`);
    if (event.type === 'refresh-finished') progress.clear();
  };
  const backend = createBackend({
    env: io.env,
    settingsDir: settingsDirOf(values, io),
    source: 'cli',
    version: APP_VERSION,
    demo: false,
    emit,
    clipboard: {
      writeText: () => {
        throw new AppErrorException(appError('invalid-request', 'The command line has no clipboard.'));
      },
    },
    openExternal: async () => ({ opened: false, reason: 'The command line does not open a browser.' }),
    openSignInPage: openSignInPageFromTerminal,
    chooseSavePath: async () => null,
    promptMfa: terminalMfaPrompt(io.ask, progress),
  });
  // A damaged settings file is said before anything else: read-only was forced ON because of it.
  if (backend.settingsNotice) io.stderr(`Warning: ${terminalText(backend.settingsNotice)}\n`);
  return {
    backend,
    async call(channel, request) {
      const result = await backend.invoke(channel, request);
      if (!result.ok) throw new AppErrorException(result.error);
      return result.value as Responses[typeof channel];
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async refreshRows(scope) {
      // Listening before the refresh starts: its first rows may come before start() answers.
      const seen: { refreshId: string; rows: ServiceRow[] }[] = [];
      listeners.add(collect);
      function collect(event: AppEvent) {
        if (event.type === 'refresh-progress') seen.push({ refreshId: event.refreshId, rows: event.rows });
      }
      try {
        const started = await this.call('refresh:start', { scope });
        const summary = (await backend.refresh.wait(started.refreshId)) ?? null;
        // The account names come after the rows: waited for a while, so the table can show them.
        progress.show('Reading account names…');
        await settledWithin(backend.namesSettled(), NAMES_WAIT_MS);
        progress.clear();
        return { rows: seen.filter((s) => s.refreshId === started.refreshId).flatMap((s) => s.rows), summary };
      } finally {
        listeners.delete(collect);
      }
    },
    async close() {
      progress.clear();
      await backend.dispose();
    },
  };
}

/** Prints the failure: JSON `{ ok: false, error }` on stdout with --json, the app's text on stderr otherwise. */
export function reportFailure(error: unknown, values: CliValues, io: CliIo): number {
  const appErr: AppError = isAppErrorException(error) ? error.appError : toAppError(error);
  if (appErr.alreadyDone) {
    // Nothing to do is not a failure (exit 0); it is said, not hidden.
    if (wantsJson(values))
      io.stdout(`${JSON.stringify({ ok: true, alreadyDone: true, message: appErr.message }, null, 2)}\n`);
    else io.stdout(`${terminalText(appErr.message)}\n`);
    return 0;
  }
  if (wantsJson(values)) io.stdout(`${JSON.stringify({ ok: false, error: appErr }, null, 2)}\n`);
  else io.stderr(formatError(appErr));
  return exitCodeOf(appErr);
}

/** The two flags naming an administrator's row (invite, members and the member batches). */
export const ADMIN_ROW_FLAGS: CliFlag[] = [
  { name: 'profile', type: 'string', valueName: '<name>', description: 'The administrator account’s profile' },
  { name: 'region', type: 'string', valueName: '<region>', description: 'The region' },
];

/** A flag value's rule: the test, the words for the error and, for a near miss, what was meant. */
export interface FlagCheck {
  test(value: string): boolean;
  what: string;
  suggest?(value: string): string | null;
}

export function requiredString(values: CliValues, name: string, check?: FlagCheck): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') {
    throw new AppErrorException(appError('invalid-request', `--${name} is required.`));
  }
  if (check && !check.test(value)) {
    const meant = check.suggest?.(value);
    throw new AppErrorException(
      appError(
        'invalid-request',
        `--${name} must be ${check.what}; got "${value.slice(0, 80)}"${meant ? ` (did you mean ${meant}?)` : ''}.`,
      ),
    );
  }
  return value;
}

// The limits are main/domain/limits.ts's, the same the contract's schemas and the stored rows use.
// A region typed on the command line must be one the AWS SDK knows: us-east-9 is a typo, not a region.
export const regionCheck: FlagCheck = {
  test: (v) => isRegion(v) && isKnownRegion(v),
  what: 'an AWS region such as us-east-1',
  suggest: closestRegion,
};
export const accountCheck: FlagCheck = { test: (v) => ACCOUNT_ID_PATTERN.test(v), what: 'a 12-digit AWS account id' };
export const profileCheck: FlagCheck = {
  test: (v) => v.length <= PROFILE_NAME_MAX,
  what: `a profile name of at most ${PROFILE_NAME_MAX} characters`,
};

/**
 * Every profile a command names must be in the AWS config files: a mistyped name is a usage error
 * (exit 2, with the closest name), said before anything is planned, read or sent.
 */
export async function checkProfilesExist(session: Pick<Session, 'call'>, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const known = (await session.call('profiles:list', undefined)).profiles.map((p) => p.name);
  const have = new Set(known);
  for (const name of names) {
    if (have.has(name)) continue;
    const meant = closest(name, known);
    throw new AppErrorException(
      appError(
        'invalid-request',
        `There is no profile named "${name.slice(0, 80)}" in the AWS config files${meant ? ` (did you mean ${meant}?)` : ''}.`,
        { remediation: 'Profile names are case-sensitive; `profiles` lists them.' },
      ),
    );
  }
}

/** Every value of a repeatable flag must pass the check. */
export function checkEach(list: string[], name: string, check: FlagCheck): string[] {
  for (const value of list) requiredString({ [name]: value }, name, check);
  return list;
}

export function stringList(values: CliValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * Writes an earlier run sent and never settled (it was killed before AWS answered): said once, on
 * stderr (so JSON on stdout stays clean), by the first command or app to start after.
 */
export function leftOverWritesText(entries: readonly ActivityEntry[]): string {
  const lines = entries.map((e) => {
    const who = e.administratorId ?? e.target;
    return `  ${e.sentAt ?? e.time}  ${e.action}${who ? ` ${who}` : ''} for ${e.profile} in ${e.region} (${e.source === 'cli' ? 'command line' : 'app'})`;
  });
  const n = entries.length;
  return `${[
    `Warning: ${n === 1 ? '1 write was' : `${n} writes were`} sent but never settled: the process that sent ${n === 1 ? 'it' : 'them'} ended before AWS answered, so AWS may have applied ${n === 1 ? 'it' : 'them'}.`,
    ...lines.map(terminalText),
    '  Read those rows again (status --profile P --region R) to see what AWS shows; the activity log calls them interrupted.',
  ].join('\n')}\n`;
}

/** Runs one command with its own backend: a failure is reported the app's way, the backend always disposed. */
export async function withSession(
  values: CliValues,
  io: CliIo,
  options: { progress?: boolean },
  run: (session: Session) => Promise<number>,
): Promise<number> {
  const session = openSession(values, io, options);
  try {
    const leftOver = await session.backend.leftOverWrites;
    if (leftOver.length > 0) io.stderr(leftOverWritesText(leftOver));
    return await run(session);
  } catch (error) {
    return reportFailure(error, values, io);
  } finally {
    await session.close();
  }
}

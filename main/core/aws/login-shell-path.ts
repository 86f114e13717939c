/**
 * A desktop app started from the Dock, Finder, a launcher or a .desktop file gets a minimal PATH
 * (/usr/bin:/bin:/usr/sbin:/sbin on macOS), so `credential_process = aws-vault …` or `granted …`
 * cannot be found although it works in the user's terminal. The SDK spawns credential_process with
 * process.env, so the fix is to give process.env the PATH the user's login shell would have.
 *
 * The Electron main process starts applyLoginShellPath() once at startup, alongside the first window
 * (a slow shell rc must not keep the window from showing), and credential helpers wait for it before
 * they are spawned (credentials.ts: helperPathReady). It asks the login shell (`$SHELL -ilc`) for its
 * PATH once, with a timeout and with stdin on /dev/null (an rc file that reads input gets end-of-file
 * instead of waiting for the timeout), and merges it with the
 * current PATH: the shell's entries first (as a terminal would order them), then any entry only the
 * current PATH had. It never throws: on failure the PATH is left as it was and the reason returned.
 */
import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';

export interface LoginShellPathOptions {
  /** The environment to read and update (default process.env). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
  /** Run even when launched from a terminal (the PATH is then already the shell's). */
  force?: boolean;
  /** Whether stdout is a terminal (default process.stdout.isTTY). */
  isTerminal?: boolean;
}

export interface LoginShellPathResult {
  changed: boolean;
  /** Entries the login shell added to PATH. */
  added: string[];
  /** Why nothing was done, or null. */
  skipped: string | null;
}

// Markers around the value: interactive shells may print banners or set titles around it.
const START = '__SHI_PATH_START__';
const END = '__SHI_PATH_END__';

export async function applyLoginShellPath(options: LoginShellPathOptions = {}): Promise<LoginShellPathResult> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') return skip('Windows programs get the full PATH from the system.');
  const launchedFromTerminal = options.isTerminal ?? Boolean(process.stdout.isTTY);
  if (launchedFromTerminal && !options.force) return skip('Started from a terminal: PATH is already the shell’s.');
  const shell = env.SHELL || (platform === 'darwin' ? '/bin/zsh' : '/bin/sh');

  let output: string;
  try {
    output = await run(shell, ['-ilc', `printf '%s' "${START}\${PATH}${END}"`], env, options.timeoutMs ?? 5_000);
  } catch (error) {
    return skip(`The login shell did not report its PATH: ${(error as Error).message}`);
  }
  const start = output.lastIndexOf(START);
  const end = output.lastIndexOf(END);
  if (start === -1 || end < start) return skip('The login shell printed no PATH.');
  const shellPath = output.slice(start + START.length, end);

  const merged = mergePath(shellPath, env.PATH ?? '');
  const before = new Set(splitPath(env.PATH ?? ''));
  const added = splitPath(merged).filter((entry) => !before.has(entry));
  const changed = merged !== (env.PATH ?? '');
  if (changed) env.PATH = merged;
  return { changed, added, skipped: null };
}

/** The shell's entries first, then entries only the current PATH has; no duplicates, no empties. */
export function mergePath(shellPath: string, currentPath: string): string {
  return [...new Set([...splitPath(shellPath), ...splitPath(currentPath)])].join(delimiter);
}

function splitPath(value: string): string[] {
  return value.split(delimiter).filter((entry) => entry.trim() !== '');
}

function skip(reason: string): LoginShellPathResult {
  return { changed: false, added: [], skipped: reason };
}

const MAX_OUTPUT = 1024 * 1024;

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, {
      // oh-my-zsh and similar frameworks skip their update prompts with these.
      env: { ...env, DISABLE_AUTO_UPDATE: 'true', ZSH_DISABLE_COMPFIX: 'true' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.length > MAX_OUTPUT) child.kill('SIGKILL');
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise(output);
      else reject(new Error(signal ? `stopped by ${signal}` : `exit status ${code}`));
    });
  });
}

/**
 * The process groups of running credential helpers, and how they end.
 *
 * A helper runs in its own process group (credential-process.ts says why), so the terminal's Ctrl-C
 * does not reach it: without this module a helper waiting for a passphrase outlived `status` after
 * Ctrl-C, re-parented to PID 1. Every group is tracked from spawn until it is over, and a hook on
 * the process's 'exit' event ends the groups still running. 'exit' is emitted on every way out that
 * runs JavaScript: a normal end, process.exit (the command line turns SIGINT, SIGTERM and SIGHUP into
 * it, cli/signals.ts), an uncaught exception and an unhandled rejection.
 *
 * Ending a group: SIGTERM to the whole group, then SIGKILL to it after a grace period (helpers that
 * ignore SIGTERM exist: a shell script with `trap '' TERM`). Inside the exit hook only synchronous
 * work is possible, so the grace there is a short synchronous wait that ends early once the group's
 * leader is seen gone (Linux: /proc; elsewhere the whole wait), and SIGKILL follows regardless — a
 * group whose members all ended ignores it. On Windows the helper's tree is ended with taskkill.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** How long a helper may take to exit after SIGTERM before the group gets SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** The same grace while this process exits: a synchronous wait, so a short one. */
const EXIT_GRACE_MS = 300;
const EXIT_POLL_MS = 10;

interface Group {
  pid: number;
  platform: NodeJS.Platform;
  /** SIGTERM was sent: the group stays tracked until SIGKILL follows (members may ignore SIGTERM). */
  stopping: boolean;
}

const groups = new Map<number, Group>();
let hookInstalled = false;

/**
 * Told when a group starts being tracked and when it no longer is. A worker thread (main/core/workers)
 * passes this on to the main thread, which tracks the same groups: a thread that is terminated, or
 * that ends with the process, runs no 'exit' hook of its own.
 */
export type HelperGroupListener = (pid: number, platform: NodeJS.Platform, state: 'started' | 'ended') => void;
let listener: HelperGroupListener | null = null;

export function reportHelperGroups(report: HelperGroupListener | null): void {
  listener = report;
}

function release(group: Group): void {
  if (groups.get(group.pid) !== group) return;
  groups.delete(group.pid);
  listener?.(group.pid, group.platform, 'ended');
}

export interface TrackedHelper {
  /** The helper's own process ended: a group not being stopped is released (its leftovers are its own). */
  exited(): void;
  /** Ends the group now: SIGTERM, then SIGKILL after the grace (or at this process's exit, if sooner). */
  stop(): void;
}

/** Tracks a helper's process group (its pid is the group id) from its spawn on. */
export function trackHelperGroup(pid: number, platform: NodeJS.Platform): TrackedHelper {
  const group: Group = { pid, platform, stopping: false };
  groups.set(pid, group);
  listener?.(pid, platform, 'started');
  if (!hookInstalled) {
    process.on('exit', endHelperGroups);
    hookInstalled = true;
  }
  return {
    exited() {
      if (!group.stopping) release(group);
    },
    stop() {
      if (group.stopping || !groups.has(pid)) return;
      group.stopping = true;
      if (platform === 'win32') {
        release(group);
        execFile('taskkill', ['/pid', String(pid), '/T', '/F'], () => undefined);
        return;
      }
      if (!signalGroup(pid, 'SIGTERM')) {
        release(group);
        return;
      }
      setTimeout(() => {
        release(group);
        signalGroup(pid, 'SIGKILL');
      }, KILL_GRACE_MS).unref();
    },
  };
}

/** How many helper groups are tracked (for tests). */
export function trackedHelperGroups(): number {
  return groups.size;
}

/** Ends every tracked group, synchronously: this runs in the 'exit' hook. */
export function endHelperGroups(): void {
  const live = [...groups.values()];
  groups.clear();
  if (live.length === 0) return;
  const posix: Group[] = [];
  for (const group of live) {
    if (group.platform === 'win32') {
      try {
        execFileSync('taskkill', ['/pid', String(group.pid), '/T', '/F'], { stdio: 'ignore', timeout: 5_000 });
      } catch {
        // Already gone, or taskkill failed: nothing more can be done while exiting.
      }
      continue;
    }
    if (group.stopping || signalGroup(group.pid, 'SIGTERM')) posix.push(group);
  }
  if (posix.length === 0) return;
  const waitUntil = Date.now() + EXIT_GRACE_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < waitUntil && posix.some((g) => leaderRunning(g.pid))) Atomics.wait(pause, 0, 0, EXIT_POLL_MS);
  for (const group of posix) signalGroup(group.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone already
  }
}

/**
 * Whether the group's leader still runs. A leader that ended stays a zombie until this process reaps
 * it, which it cannot do inside the exit hook, so Linux's /proc state is read (Z: ended). Where there
 * is no /proc, the leader counts as running and the whole grace is waited.
 */
function leaderRunning(pid: number): boolean {
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S …": the state follows the last ")", since comm may contain one.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

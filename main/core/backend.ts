/**
 * The backend: one object implementing every contract channel (contract/api.ts), knowing nothing of
 * Electron. Every door goes through `invoke` (main/core/invoke.ts): the shell's IPC binding after its
 * sender check, the browser harness, and the command line. Files, clock, prompts, clipboard and
 * dialogs come in through `deps`; the handlers live by feature in main/core/handlers/. This module is
 * also the command line's only entry into main/core.
 */
import type { ActivityEntry, Handlers } from '../../contract/api';
import { type BackendDeps, openCore } from './backend-core';
import { adminHandlers } from './handlers/admin';
import { appHandlers } from './handlers/app';
import { desktopHandlers } from './handlers/desktop';
import { memberHandlers } from './handlers/member';
import { settingsHandlers } from './handlers/settings';
import { ssoHandlers } from './handlers/sso';
import { createInvoke, type Invoke } from './invoke';
import type { RefreshEngine } from './rows/refresh';
import type { WorkerPool } from './workers/pool';

// The command line's one door into main/core (biome.json refuses any other import from main/cli):
// what it needs besides `invoke` is re-exported here.
export { readMembersCsv } from './admin/members-csv';
export type { MfaPrompt } from './aws/clients';
export { toAppError } from './aws/errors';
export { MfaCodeNotGiven } from './aws/mfa-sessions';
export { type ProfileSignIn, profileSignIns } from './aws/profile-sign-ins';
export { listProfiles, loadProfiles } from './aws/profiles';
export { checkSignInPage } from './aws/sso-sign-in/sign-in-pages';
export type { BackendDeps } from './backend-core';
export { permissionsMarkdown } from './permissions/markdown';
export { permissionsPolicy } from './permissions/policy';
export type { RefreshSummary } from './rows/refresh';
export { serviceInfos, servicesRead } from './services/registry';
export { activityToCsv, activityToJsonLines } from './storage/activity-export';

export interface Backend {
  handlers: Handlers;
  /** The one validated way in: schema check, handler, Result envelope. */
  invoke: Invoke;
  /** The refresh engine, for callers that wait for a refresh to finish (command line, benchmark). */
  refresh: RefreshEngine;
  /** Set when a stored file was damaged at open (read-only is then ON): callers must say so first. */
  settingsNotice: string | null;
  /** Resolves once the account names (and trusted administrators seeded) after every finished refresh are read. */
  namesSettled(): Promise<void>;
  /** The worker threads doing the AWS work, or null when it runs on this thread (tests end one on purpose). */
  workers: WorkerPool | null;
  /**
   * Writes an earlier process sent and never settled (it died before AWS answered), found when this
   * backend opened and now logged as interrupted: callers say so, since AWS may have applied them.
   */
  leftOverWrites: Promise<ActivityEntry[]>;
  dispose(): Promise<void>;
}

/** How long disposing waits for activity entries still queued behind another process's lock. */
const ACTIVITY_FLUSH_MS = 5000;

export function createBackend(deps: BackendDeps): Backend {
  const core = openCore(deps);
  const handlers: Handlers = {
    ...appHandlers(core),
    ...memberHandlers(core),
    ...adminHandlers(core),
    ...settingsHandlers(core),
    ...desktopHandlers(core),
    ...ssoHandlers(core),
    // With worker threads, the channels that talk to AWS run there (main/core/workers).
    ...core.workers?.handlers,
  };
  const onUnexpectedError =
    deps.onUnexpectedError ??
    ((channel: string, error: unknown) => console.error(`Unexpected error on ${channel}:`, error));
  return {
    handlers,
    invoke: createInvoke(handlers, { onUnexpectedError }),
    refresh: core.refresh,
    settingsNotice: core.notice(),
    namesSettled: () => core.afterRefresh.settled(),
    workers: core.workers?.pool ?? null,
    leftOverWrites: core.leftOverWrites,
    async dispose() {
      core.dispose();
      // A save started before (off this thread) finishes its temporary file and rename first.
      await core.rows.idle();
      // Entries still waiting for the activity log's lock get a few seconds more; what is left
      // then is written at process exit (activity.ts).
      await core.activity.flush(ACTIVITY_FLUSH_MS);
    },
  };
}

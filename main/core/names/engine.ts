/**
 * Account names for the whole app: the cached names (names.json), a pass after each refresh that
 * asks the sources the refresh's profiles can reach (plan.ts, names-pass.ts), and the names sent out
 * as one `account-names` event once the pass is over. Names never block a row: a pass starts when the
 * refresh's rows are all out, its calls go through a scheduler of their own (a few at a time, the
 * call timeout of the settings), and passes run one after the other.
 *
 * It talks to the rest only through plain data: the profiles a refresh saw in, AccountNames out
 * (ARCHITECTURE.md, "The AWS-talking core, behind plain data").
 */
import type { AppEvent } from '../../../contract/api';
import type { AccountName, AccountNames } from '../../domain/account-names';
import type { NameReads } from '../aws/account-names';
import { isThrottlingError } from '../aws/errors';
import { createCallScheduler } from '../calls/scheduler';
import type { NamesState, NamesStore } from '../storage/names-store';
import { runNamesPass } from './names-pass';
import { type ProfileSeen, planNames } from './plan';

/** Names calls at a time: a few, so a pass is quick and never crowds the rows' calls. */
export const NAMES_CONCURRENCY = 4;

export interface NamesEnv {
  store: NamesStore;
  reads: NameReads;
  clock: () => Date;
  emit: (event: AppEvent) => void;
  callTimeoutMs: () => number;
  /** The accounts the profiles here reach (each profile's last known account). */
  ownAccounts: () => string[];
  /** The services read that Organizations knows by a principal (for their delegated administrators). */
  principals: () => { service: string; principal: string }[];
}

export interface NamesEngine {
  /** Every name known now, and the accounts of yours. */
  current(): AccountNames;
  /** The cached state (delegated administrators, what was seeded). */
  state(): NamesState;
  /** Changes the cached state and saves it (e.g. what was seeded). */
  update(change: (state: NamesState) => void): void;
  /** Reads names with the profiles a refresh has just read; runs after any pass still running. */
  read(seen: ProfileSeen[]): Promise<void>;
  /** Resolves once no pass is running or waiting. */
  settled(): Promise<void>;
  dispose(): void;
}

export function createNamesEngine(env: NamesEnv): NamesEngine {
  let state = env.store.load();
  let queue: Promise<void> = Promise.resolve();
  const aborter = new AbortController();
  const scheduler = createCallScheduler({
    concurrency: NAMES_CONCURRENCY,
    timeoutMs: env.callTimeoutMs(),
    isThrottled: isThrottlingError,
  });
  const runner =
    (key: string) =>
    <T>(_operation: string, call: (signal: AbortSignal) => Promise<T>) =>
      scheduler.run({ priority: 0, key, signal: aborter.signal }, call);

  function current(): AccountNames {
    const accounts: Record<string, AccountName[]> = {};
    const own = new Set(env.ownAccounts());
    for (const [id, names] of Object.entries(state.names)) {
      accounts[id] = names.map((n) => ({ ...n }));
      // The portal lists the accounts its session may use: they are yours.
      if (names.some((n) => n.source === 'sso-portal')) own.add(id);
    }
    return { accounts, own: [...own].sort() };
  }

  async function pass(seen: ProfileSeen[]): Promise<void> {
    if (aborter.signal.aborted || seen.length === 0) return;
    scheduler.setTimeoutMs(env.callTimeoutMs());
    // Read afresh: another process (the command line) may have read names since.
    const next = env.store.load();
    const now = env.clock();
    const plan = planNames(next, seen, now);
    if (plan.portal.length + plan.aliases.length + plan.organizations.length === 0) return;
    await runNamesPass({ reads: env.reads, runner, principals: env.principals(), now }, next, plan);
    if (aborter.signal.aborted) return;
    state = next;
    try {
      env.store.save(state);
    } catch (error) {
      console.error('Saving account names failed:', error instanceof Error ? error.message : error);
    }
    env.emit({ type: 'account-names', names: current() });
  }

  return {
    current,
    state: () => state,
    update(change) {
      const next = env.store.load();
      change(next);
      state = next;
      env.store.save(state);
    },
    read(seen) {
      const run = queue.then(() => pass(seen));
      queue = run.catch((error: unknown) => console.error('Reading account names failed:', error));
      return queue;
    },
    settled: () => queue,
    dispose() {
      aborter.abort();
    },
  };
}

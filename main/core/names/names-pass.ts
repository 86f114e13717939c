/**
 * One names pass: asks the sources the plan names (plan.ts) through the read ports, and writes what
 * they said into the cached state — the names with their source, who read them and when; when each
 * source answered; a refusal (AccessDenied, or not in an organization) so the source is left alone for
 * a day; each organization listing and its delegated administrators. Anything else that goes wrong
 * (a timeout, a network failure, a session that is not signed in) is remembered nowhere: the next
 * pass asks again. A pass never fails: names are a convenience, not a row.
 */
import { NAME_SOURCES, type NameSource } from '../../domain/account-names';
import { isAppErrorException } from '../../domain/errors';
import type { NameReadContext, NameReads } from '../aws/account-names';
import type { CallRunner } from '../aws/call';
import type { NamesState, StoredName } from '../storage/names-store';
import { coveredBefore, mayAsk, type NamesPlan, type ProfileSeen, sourceKey } from './plan';

export interface PassEnv {
  reads: NameReads;
  /** Runs one call (its own scheduler: names never take a row's place). */
  runner(key: string): CallRunner;
  /** The services read, with the principal Organizations knows each by (for delegated administrators). */
  principals: { service: string; principal: string }[];
  now: Date;
}

/**
 * The answers that mean "this source will not tell this caller": IAM's and Organizations' AccessDenied,
 * and Organizations' "not a member of an organization". Each is remembered for a day.
 */
const REFUSALS = new Set(['AccessDenied', 'AccessDeniedException', 'AWSOrganizationsNotInUseException']);

function refusalCode(error: unknown): string | null {
  if (!isAppErrorException(error)) return null;
  const code = error.appError.awsCode;
  return code && REFUSALS.has(code) ? code : null;
}

const rank = (source: NameSource) => NAME_SOURCES.indexOf(source);

/** Sets (or, with a null name, removes) the account's name from one source, keeping the best first. */
export function putName(
  state: NamesState,
  accountId: string,
  entry: Omit<StoredName, 'name'> & { name: string | null },
) {
  const others = (Object.hasOwn(state.names, accountId) ? (state.names[accountId] ?? []) : []).filter(
    (n) => n.source !== entry.source,
  );
  const next = entry.name ? [...others, { ...entry, name: entry.name }] : others;
  next.sort((a, b) => rank(a.source) - rank(b.source));
  if (next.length > 0) state.names[accountId] = next;
  else delete state.names[accountId];
}

/** Runs `ask`; its answer goes to `onAnswer`, a refusal is remembered, anything else is let go. */
async function ask<T>(
  state: NamesState,
  key: string,
  via: string,
  now: Date,
  send: () => Promise<T>,
  onAnswer: (value: T) => void,
): Promise<boolean> {
  try {
    const value = await send();
    onAnswer(value);
    state.answered[key] = now.toISOString();
    delete state.denied[key];
    return true;
  } catch (error) {
    const code = refusalCode(error);
    if (code) state.denied[key] = { code, at: now.toISOString(), via };
    return false;
  }
}

function context(env: PassEnv, p: ProfileSeen): NameReadContext {
  return { profile: p.profile, region: p.region, accountId: p.accountId, run: env.runner(`names:${p.accountId}`) };
}

async function readPortals(env: PassEnv, state: NamesState, plan: NamesPlan): Promise<void> {
  const at = env.now.toISOString();
  await Promise.all(
    plan.portal.map((p) => {
      const session = p.portal ?? '';
      const via = session.startsWith('profile:') ? session.slice('profile:'.length) : session;
      return ask(
        state,
        sourceKey.portal(session),
        p.profile,
        env.now,
        () =>
          env.reads.portalAccounts(p.profile, {
            profile: p.profile,
            region: p.region,
            run: env.runner(`names:sso:${session}`),
          }),
        (accounts) => {
          for (const a of accounts ?? []) putName(state, a.accountId, { name: a.name, source: 'sso-portal', via, at });
        },
      );
    }),
  );
}

async function readAliases(env: PassEnv, state: NamesState, plan: NamesPlan): Promise<void> {
  const at = env.now.toISOString();
  await Promise.all(
    plan.aliases.map((p) =>
      ask(
        state,
        sourceKey.alias(p.accountId),
        p.profile,
        env.now,
        () => env.reads.alias(context(env, p)),
        (alias) => putName(state, p.accountId, { name: alias, source: 'iam-alias', via: p.profile, at }),
      ),
    ),
  );
}

/** The organization's accounts, then its delegated administrators for each service read. */
async function listOrganization(env: PassEnv, state: NamesState, p: ProfileSeen): Promise<string[] | null> {
  const at = env.now.toISOString();
  const result: { listed: string[] | null } = { listed: null };
  const answered = await ask(
    state,
    sourceKey.organizations(p.accountId),
    p.profile,
    env.now,
    () => env.reads.organizationAccounts(context(env, p)),
    (accounts) => {
      const ids = accounts.map((a) => a.accountId);
      result.listed = ids;
      for (const a of accounts)
        putName(state, a.accountId, { name: a.name, source: 'organizations', via: p.profile, at });
      state.organizations = [
        ...state.organizations.filter((o) => o.lister !== p.accountId),
        { lister: p.accountId, via: p.profile, at, accounts: ids },
      ];
    },
  );
  if (!answered || env.principals.length === 0) return result.listed;
  const found: NamesState['delegated'] = [];
  const read = await ask(
    state,
    sourceKey.delegated(p.accountId),
    p.profile,
    env.now,
    async () => {
      for (const { service, principal } of env.principals) {
        for (const accountId of await env.reads.delegatedAdministrators(context(env, p), principal)) {
          found.push({ service, accountId, via: p.profile, at });
        }
      }
    },
    () => undefined,
  );
  if (read) {
    const services = new Set(env.principals.map((s) => s.service));
    const replaced = (d: NamesState['delegated'][number]) => services.has(d.service) && d.via === p.profile;
    state.delegated = [...state.delegated.filter((d) => !replaced(d)), ...found];
  }
  return result.listed;
}

/** One organization listing per organization: accounts asked in turn, those already listed skipped. */
async function readOrganizations(env: PassEnv, state: NamesState, plan: NamesPlan): Promise<void> {
  const askable = plan.organizations.filter((p) => mayAsk(state, sourceKey.organizations(p.accountId), env.now));
  const covered = coveredBefore(state, new Set(askable.map((p) => p.accountId)), env.now);
  for (const p of plan.organizations) {
    if (covered.has(p.accountId)) continue;
    const previous = state.organizations.find((o) => o.lister === p.accountId)?.accounts ?? [];
    // Answered within minutes: its listing stands (and holds its own account).
    const listed = askable.includes(p) ? await listOrganization(env, state, p) : previous;
    // A lister that could not answer this time still tells which accounts its organization held.
    for (const id of listed ?? previous) covered.add(id);
  }
}

/** Asks what the plan names and writes the answers into `state` (which the caller saves). */
export async function runNamesPass(env: PassEnv, state: NamesState, plan: NamesPlan): Promise<void> {
  await Promise.all([
    readPortals(env, state, plan),
    readAliases(env, state, plan),
    readOrganizations(env, state, plan),
  ]);
}

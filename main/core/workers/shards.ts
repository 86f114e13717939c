/**
 * Which worker thread holds which profiles. Profiles that share anything of their credentials go to
 * one worker, so there is one prompt, one token refresh and one helper run for them, as in a single
 * thread: the profiles of one source_profile chain (one base profile), of one SSO session (or start
 * URL), of one MFA device, and of one credential_process command. Such a group is a shard.
 *
 * A shard is given a worker the first time one of its profiles is asked for, and keeps it: its
 * credentials (an MFA session, a refreshed SSO token, assumed roles, a helper's answer) live there. A
 * new shard goes where its profiles' known accounts already are, when that worker is not much busier
 * than the others — so the profiles that reach one account usually read it in one worker, where the
 * account-region's throttling pauses and shared reads are — else to the least busy worker.
 */
import { credentialChain } from '../aws/credential-chain';
import { type IniFile, sourceChain } from '../aws/profiles';

export interface Shards {
  /** The worker of the profile (assigned on first use, then kept). */
  workerOf(profile: string): number;
  /** Profiles per worker. */
  loads(): number[];
  /** The profiles were read again: the groups are formed anew, each keeping its worker where it can. */
  update(sdkProfiles: IniFile): void;
}

/** What a profile's credentials share with others': the keys of its group. */
export function credentialRoots(profile: string, sdk: IniFile): string[] {
  const roots = new Set<string>();
  const chain = credentialChain(profile, sdk);
  const names = chain ? [...chain.roles, chain.base] : sourceChain(profile, sdk);
  for (const name of names) {
    const values = sdk[name];
    roots.add(`profile:${name}`);
    if (!values) continue;
    if (values.mfa_serial) roots.add(`mfa:${values.mfa_serial}`);
    if (values.sso_session) roots.add(`sso-session:${values.sso_session}`);
    else if (values.sso_start_url) roots.add(`sso-start:${values.sso_start_url}`);
    if (values.credential_process) roots.add(`helper:${values.credential_process}`);
  }
  return [...roots];
}

/** Union-find over root keys: profiles meeting on any key are one group (profile → group key). */
function groupsOf(sdk: IniFile): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(key, root);
    return root;
  };
  const add = (key: string) => {
    if (!parent.has(key)) parent.set(key, key);
  };
  const groupOf = new Map<string, string>();
  for (const profile of Object.keys(sdk)) {
    const roots = credentialRoots(profile, sdk);
    for (const root of roots) add(root);
    const [first, ...rest] = roots;
    if (!first) continue;
    for (const root of rest) parent.set(find(root), find(first));
  }
  for (const profile of Object.keys(sdk)) groupOf.set(profile, find(`profile:${profile}`));
  return groupOf;
}

function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/** How much busier than the average a worker may be and still take a shard for its accounts. */
const AFFINITY_SLACK = 1.5;

export function createShards(size: number, knownAccount: (profile: string) => string | null): Shards {
  let groupOf = new Map<string, string>();
  let membersOf = new Map<string, string[]>();
  const workerOfGroup = new Map<string, number>();
  const workerOfProfile = new Map<string, number>();
  const accountWorker = new Map<string, number>();
  const load = new Array<number>(size).fill(0);

  const members = (group: string) => membersOf.get(group) ?? [];

  function choose(profiles: string[]): number {
    const least = load.indexOf(Math.min(...load));
    const average = load.reduce((a, b) => a + b, 0) / size;
    const near = profiles
      .map((p) => knownAccount(p))
      .map((account) => (account === null ? undefined : accountWorker.get(account)))
      .filter((w): w is number => w !== undefined)
      .sort((a, b) => (load[a] as number) - (load[b] as number))[0];
    return near !== undefined && (load[near] as number) <= average * AFFINITY_SLACK + 1 ? near : least;
  }

  function place(profiles: string[], worker: number): void {
    for (const profile of profiles) {
      if (workerOfProfile.get(profile) === worker) continue;
      const before = workerOfProfile.get(profile);
      if (before !== undefined) load[before] = (load[before] as number) - 1;
      workerOfProfile.set(profile, worker);
      load[worker] = (load[worker] as number) + 1;
      const account = knownAccount(profile);
      if (account !== null && !accountWorker.has(account)) accountWorker.set(account, worker);
    }
  }

  return {
    workerOf(profile) {
      const known = workerOfProfile.get(profile);
      if (known !== undefined) return known;
      const group = groupOf.get(profile) ?? `profile:${profile}`;
      const profiles = groupOf.has(profile) ? members(group) : [profile];
      const worker = workerOfGroup.get(group) ?? choose(profiles);
      workerOfGroup.set(group, worker);
      place(profiles, worker);
      return worker;
    },
    loads: () => [...load],
    update(sdkProfiles) {
      groupOf = groupsOf(sdkProfiles);
      membersOf = new Map();
      for (const [profile, group] of groupOf) listOf(membersOf, group).push(profile);
      // A group keeps the worker most of its profiles had; profiles assigned before and not in any
      // group now keep theirs.
      const byGroup = new Map<string, number[]>();
      for (const [profile, group] of groupOf) {
        const worker = workerOfProfile.get(profile);
        if (worker !== undefined) listOf(byGroup, group).push(worker);
      }
      workerOfGroup.clear();
      for (const [group, workers] of byGroup) {
        const counts = new Map<number, number>();
        for (const w of workers) counts.set(w, (counts.get(w) ?? 0) + 1);
        const [kept] = [...counts].sort((a, b) => b[1] - a[1])[0] as [number, number];
        workerOfGroup.set(group, kept);
        place(members(group), kept);
      }
    },
  };
}

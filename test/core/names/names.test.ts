/**
 * Account names through the real SDK against the emulator's demo: AWS Organizations (admin,
 * 111111111111, is the organization's delegated administrator and may list it), each account's IAM
 * alias, and the IAM Identity Center portal's list for the signed-in session `demo` (sso-dev). The
 * calls are counted from the emulator's request log, by source, over a first and a second refresh.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../contract/api';
import { accountNote, nameOf } from '../../../main/domain/account-names';
import type { RequestLogEntry } from '../../emulator/index';
import { type Harness, startHarness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A clock the test moves forward (names' freshness and refusals are timed). */
function movableClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

const NAME_SERVICES = new Set(['iam', 'organizations', 'sso']);

/** The names calls of the log, `service:Operation` → count. */
function namesCalls(log: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of log) {
    if (!NAME_SERVICES.has(e.service) || e.operation === 'GetRoleCredentials') continue;
    const key = `${e.service}:${e.operation}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const HOUR = 60 * 60_000;

describe('account names', () => {
  it('names the demo accounts from the three sources, after the rows, with the source and the time', async () => {
    h = await startHarness();
    const summary = await h.refreshAll();
    expect(summary.done).toBeGreaterThan(20);
    const names = await h.backend.handlers['names:get'](undefined);
    // AWS Organizations, listed by admin (the delegated administrator): accounts without a profile too.
    expect(nameOf(names, '111111111111')).toMatchObject({
      name: 'Security Tooling',
      source: 'organizations',
      via: 'admin',
    });
    expect(nameOf(names, '100000000000')?.name).toBe('Management');
    expect(nameOf(names, '444444444444')?.name).toBe('Org Workload');
    // IAM aliases of accounts outside the organization.
    expect(nameOf(names, '222222222222')).toMatchObject({ name: 'globex-pending', source: 'iam-alias' });
    expect(nameOf(names, '999999999999')).toMatchObject({
      name: 'acme-operations',
      source: 'iam-alias',
      via: 'proc-ops',
    });
    // Every source kept, best first: the Organizations name, then the portal's, then the alias.
    expect(names.accounts['888888888888']?.map((n) => n.source)).toEqual(['organizations', 'sso-portal']);
    expect(names.accounts['111111111111']?.map((n) => `${n.source}:${n.name}`)).toEqual([
      'organizations:Security Tooling',
      'iam-alias:acme-security',
    ]);
    expect(names.accounts['888888888888']?.[1]).toMatchObject({ name: 'Developers', via: 'demo' });
    // An account nobody names and no profile reaches says so; one of yours without a name says nothing.
    expect(accountNote(names, '123456789012')).toBe('not one of your accounts');
    expect(accountNote(names, '777777777777')).toBeNull();
    expect(names.own).toContain('777777777777');

    // Names come as their own event, after the refresh's last row and its end.
    const types = h.events.map((e) => e.type);
    const namesAt = types.lastIndexOf('account-names');
    expect(namesAt).toBeGreaterThan(types.lastIndexOf('refresh-finished'));
    expect(namesAt).toBeGreaterThan(types.lastIndexOf('refresh-progress'));
    const event = h.events[namesAt] as Extract<AppEvent, { type: 'account-names' }>;
    expect(event.names).toEqual(names);
  }, 60_000);

  it('asks each source once per refresh: one portal list per session, one alias per account, one organization listing', async () => {
    const clock = movableClock();
    h = await startHarness({ deps: { clock: clock.now } });
    h.emulator.clearLog();
    await h.refreshAll();
    const first = namesCalls(h.emulator.requestLog());
    // Accounts with a working profile: 111, 222, 333, 444, 555, 666, 777, 888, 999 (legacy-iam is 333 too).
    expect(first['iam:ListAccountAliases']).toBe(9);
    expect(first['sso:ListAccounts']).toBe(1);
    // admin lists the organization first (it administers members), so 444 and 888 are never asked;
    // the six accounts outside it each answer "not in an organization" once.
    const orgLog = h.emulator
      .requestLog()
      .filter((e) => e.service === 'organizations' && e.operation === 'ListAccounts');
    expect(orgLog.filter((e) => e.errorCode === null).map((e) => e.accountId)).toEqual(['111111111111']);
    expect(orgLog.filter((e) => e.errorCode === 'AccessDeniedException')).toEqual([]);
    expect(orgLog.filter((e) => e.errorCode === 'AWSOrganizationsNotInUseException')).toHaveLength(6);
    expect(first['organizations:ListDelegatedAdministrators']).toBe(1);

    // A refresh minutes later asks nothing again.
    h.emulator.clearLog();
    await h.refreshAll();
    expect(namesCalls(h.emulator.requestLog())).toEqual({});

    // Later on: each source once more, but not the accounts outside any organization (refused within the day).
    clock.advance(HOUR);
    h.emulator.clearLog();
    await h.refreshAll();
    expect(namesCalls(h.emulator.requestLog())).toEqual({
      'sso:ListAccounts': 1,
      'iam:ListAccountAliases': 9,
      'organizations:ListAccounts': 1,
      'organizations:ListDelegatedAdministrators': 1,
    });

    // A day later the refusals are asked again.
    clock.advance(24 * HOUR);
    h.emulator.clearLog();
    await h.refreshAll();
    expect(namesCalls(h.emulator.requestLog())['organizations:ListAccounts']).toBe(7);
  }, 120_000);
});

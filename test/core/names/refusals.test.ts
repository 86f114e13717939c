/**
 * Names ask quietly: a source that refused (AccessDenied, or "not in an organization") is not asked
 * again for a day — each refusal is an event in the account's CloudTrail — counted from the
 * emulator's answers by code; and a names source that hangs (the hostile stand-in server as the IAM
 * endpoint) never holds up a row.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../contract/api';
import { DEMO_SCENARIO_PATH, parseScenario } from '../../emulator/index';
import { answers, type HostileServer, startHostileServer } from '../../helpers/hostile-server';
import { type Harness, startHarness } from '../harness';

let h: Harness | undefined;
let hostile: HostileServer | undefined;
afterEach(async () => {
  await h?.close();
  await hostile?.stop();
  h = undefined;
  hostile = undefined;
});

const HOUR = 60 * 60_000;

function movableClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

/** The demo with IAM denying ListAccountAliases to admin's user (an explicit deny, as in a real policy). */
function aliasDeniedToAdmin() {
  const scenario = JSON.parse(readFileSync(DEMO_SCENARIO_PATH, 'utf8'));
  for (const principal of scenario.principals) {
    if (principal.accountId === '111111111111' && String(principal.arn).endsWith(':user/alice')) {
      principal.deniedActions = [...(principal.deniedActions ?? []), 'iam:ListAccountAliases'];
    }
  }
  return parseScenario(scenario);
}

describe('a names source that refused', () => {
  it('IAM: one AccessDenied, then not asked again for a day', async () => {
    const clock = movableClock();
    h = await startHarness({ emulator: { scenario: aliasDeniedToAdmin() }, deps: { clock: clock.now } });
    const admin = { kind: 'profile' as const, profile: 'admin' };
    h.emulator.clearLog();
    await h.refresh(admin);
    expect(h.emulator.answersByCode('iam')).toEqual({ AccessDenied: 1 });

    for (const hours of [1, 12, 23]) {
      clock.advance(hours === 1 ? HOUR : 11 * HOUR);
      h.emulator.clearLog();
      await h.refresh(admin);
      // Still named by Organizations, asked again as usual; IAM is left alone.
      expect(h.emulator.answersByCode('iam'), `${hours} h later`).toEqual({});
      expect(h.emulator.answersByCode('organizations').OK, `${hours} h later`).toBeGreaterThan(0);
    }
    clock.advance(2 * HOUR);
    h.emulator.clearLog();
    await h.refresh(admin);
    expect(h.emulator.answersByCode('iam')).toEqual({ AccessDenied: 1 });
  }, 60_000);

  it('Organizations: a member that may not list its organization is asked once a day', async () => {
    const clock = movableClock();
    h = await startHarness({ deps: { clock: clock.now } });
    const orgMember = { kind: 'profile' as const, profile: 'org-member' };
    h.emulator.clearLog();
    await h.refresh(orgMember);
    expect(h.emulator.answersByCode('organizations')).toEqual({ AccessDeniedException: 1 });
    clock.advance(HOUR);
    h.emulator.clearLog();
    await h.refresh(orgMember);
    expect(h.emulator.answersByCode('organizations')).toEqual({});
    clock.advance(24 * HOUR);
    h.emulator.clearLog();
    await h.refresh(orgMember);
    expect(h.emulator.answersByCode('organizations')).toEqual({ AccessDeniedException: 1 });
  }, 60_000);

  it('Organizations: an account a listing holds is not asked at all', async () => {
    const clock = movableClock();
    h = await startHarness({ deps: { clock: clock.now } });
    await h.refresh({ kind: 'profile', profile: 'admin' });
    clock.advance(HOUR);
    h.emulator.clearLog();
    await h.refresh({ kind: 'select', profiles: ['org-member', 'sso-dev'] });
    // admin's listing holds 444444444444 and 888888888888: neither is asked (nor refused).
    expect(h.emulator.answersByCode('organizations')).toEqual({});
    expect(h.emulator.answersByCode('iam').OK).toBe(2);
  }, 60_000);
});

describe('a names source that hangs', () => {
  it('never holds up a row: the next refresh streams its rows while the names calls wait', async () => {
    hostile = await startHostileServer();
    const server = hostile;
    server.route(() => answers.hang());
    // Every profile's IAM endpoint is the stand-in, which never answers (given as the backend opens:
    // worker threads take their environment when they start).
    h = await startHarness({ settings: { callTimeoutMs: 120_000 }, env: { AWS_ENDPOINT_URL_IAM: server.url } });
    const harness = h;

    const firstRowMs = async () => {
      const startedAt = Date.now();
      const { refreshId } = await harness.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
      const summary = await harness.backend.refresh.wait(refreshId);
      const index = harness.events.findIndex(
        (e: AppEvent) => e.type === 'refresh-progress' && e.refreshId === refreshId,
      );
      return { ms: (harness.eventTimes[index] ?? Number.POSITIVE_INFINITY) - startedAt, summary };
    };

    const first = await firstRowMs();
    expect(first.summary?.done).toBeGreaterThan(20);
    // The names pass has started: its alias calls wait on the stand-in.
    await expect.poll(() => server.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.action === 'ListAccountAliases')).toBe(true);

    const second = await firstRowMs();
    expect(second.summary?.done).toBe(first.summary?.done);
    // Every row of the second refresh came while the names calls were still waiting.
    expect(server.responses.some((r) => !r.closedByClient && r.bytesSent === 0)).toBe(true);
    expect(harness.events.filter((e) => e.type === 'account-names')).toEqual([]);
    // And its first row came about as soon as the first refresh's (a head start of 0.5 s at most).
    expect(second.ms).toBeLessThan(Math.max(3 * first.ms, first.ms + 1500));
  }, 60_000);
});

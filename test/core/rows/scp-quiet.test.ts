/**
 * Reading quietly under a region-deny service control policy (the control AWS publishes and Control
 * Tower applies: every region but the allowed ones denied). Every call an SCP denies is an
 * AccessDenied event in the account's CloudTrail, the events the CIS "unauthorized API calls" alarm
 * counts: the first refresh may cost one per account, region and service (the probe), later ones
 * none, until a day has passed or the user asks for a re-check. The emulator counts its answers by
 * error code, as the benchmark reports them.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { REGION_RECHECK_MS } from '../../../main/core/rows/region-checks';
import { isFailedRow } from '../../../main/domain/row-rules';
import { DEMO_SCENARIO_PATH, type Scenario } from '../../emulator/index';
import { type Harness, startHarness } from '../harness';

/** The delegated administrator and a member account, allowed only us-east-1 (af-south-1 is opt-in). */
const GOVERNED = ['111111111111', '222222222222'];
const DENIED_REGIONS = ['eu-west-1', 'ap-southeast-2'];

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function scpScenario(): Promise<Scenario> {
  const demo = JSON.parse(await readFile(DEMO_SCENARIO_PATH, 'utf8')) as Scenario;
  return { ...demo, scpDenials: [{ accountIds: GOVERNED, allowedRegions: ['us-east-1'] }] };
}

/** AccessDenied answers of Security Hub to the governed accounts, by account-region. */
function deniedByAccountRegion(h: Harness): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of h.emulator.requestLog()) {
    if (e.service !== 'securityhub' || e.errorCode !== 'AccessDeniedException') continue;
    if (!GOVERNED.includes(e.accountId ?? '')) continue;
    const key = `${e.accountId}/${e.region}`;
    out.set(key, [...(out.get(key) ?? []), e.operation]);
  }
  return out;
}

const deniedCount = (h: Harness) => h.emulator.answersByCode('securityhub').AccessDeniedException ?? 0;

describe('a region-deny service control policy', () => {
  it('costs one AccessDenied per account-region on the first refresh, none on the second, and says "blocked"', async () => {
    let now = new Date('2026-06-01T08:00:00.000Z');
    h = await startHarness({ emulator: { scenario: await scpScenario() }, deps: { clock: () => now } });
    // Only the admin and member-pending profiles: legacy-iam's own IAM denials are another matter.
    const scope = { kind: 'select' as const, profiles: ['admin', 'member-pending'] };
    h.emulator.clearLog();

    const first = await h.refresh(scope);
    const firstDenials = deniedCount(h);
    const perAccountRegion = deniedByAccountRegion(h);
    // One probe per denied account-region; nothing else sent there, and never the deprecated name.
    expect([...perAccountRegion.keys()].sort()).toEqual(
      GOVERNED.flatMap((a) => DENIED_REGIONS.map((r) => `${a}/${r}`)).sort(),
    );
    for (const ops of perAccountRegion.values()) expect(ops).toEqual(['GetAdministratorAccount']);
    expect(h.operations('GetMasterAccount')).toEqual([]);
    expect(firstDenials).toBe(GOVERNED.length * DENIED_REGIONS.length);

    const blocked = first.rows.filter((r) => DENIED_REGIONS.includes(r.region));
    expect(blocked).toHaveLength(4);
    for (const row of blocked) {
      expect(row.state).toBe('blocked');
      expect(row.error?.kind).toBe('organization-policy');
      expect(row.error?.message).toBe(
        `Your organization's service control policy denies Security Hub CSPM in ${row.region} for account ${row.accountId} (securityhub:GetAdministratorAccount).`,
      );
      expect(row.error?.remediation).not.toMatch(/grant/i);
      expect(isFailedRow(row)).toBe(false);
    }
    expect(first.failed).toBe(0);
    // The allowed region reads as always.
    expect(first.rows.find((r) => r.profile === 'member-pending' && r.region === 'us-east-1')?.state).toBe('on');

    // Minutes later: nothing is sent to the denied regions; the rows say when it was asked.
    now = new Date(now.getTime() + 5 * 60_000);
    h.emulator.clearLog();
    const second = await h.refresh(scope);
    const secondDenials = deniedCount(h);
    expect(secondDenials).toBe(0);
    expect(
      h.emulator.requestLog().filter((e) => e.service === 'securityhub' && DENIED_REGIONS.includes(e.region ?? '')),
    ).toEqual([]);
    for (const row of second.rows.filter((r) => DENIED_REGIONS.includes(r.region))) {
      expect(row.state).toBe('blocked');
      expect(row.notes.join(' ')).toMatch(/Not asked again since 2026-06-01T08:00:00.000Z/);
    }
    console.info(`SCP scenario: AccessDenied answers, first refresh ${firstDenials}, second refresh ${secondDenials}`);

    // Re-check regions: each blocked account-region is probed once more, at once.
    h.emulator.clearLog();
    const recheck = await h.backend.handlers['regions:recheck']({});
    expect(recheck.forgotten).toBe(4);
    await h.backend.refresh.wait(recheck.refreshId as string);
    expect(deniedCount(h)).toBe(4);

    // A day after the check the regions are asked again, one probe each.
    now = new Date(now.getTime() + REGION_RECHECK_MS);
    h.emulator.clearLog();
    await h.refresh(scope);
    expect(deniedCount(h)).toBe(4);
  });

  it('costs one AccessDenied per account, region and service with every service read, none the second time', async () => {
    let now = new Date('2026-06-01T08:00:00.000Z');
    h = await startHarness({
      emulator: { scenario: await scpScenario() },
      deps: { clock: () => now },
      settings: { serviceMode: 'all' },
    });
    const scope = { kind: 'select' as const, profiles: ['admin', 'member-pending'] };
    const denied = () =>
      h?.emulator
        .requestLog()
        .filter((e) => e.errorCode === 'AccessDeniedException' && GOVERNED.includes(e.accountId ?? ''))
        .filter((e) => DENIED_REGIONS.includes(e.region ?? ''))
        .map((e) => `${e.service}/${e.accountId}/${e.region}`)
        .sort() ?? [];
    h.emulator.clearLog();
    await h.refresh(scope);
    // Each service's first call in a denied account-region is its only one there (GuardDuty's
    // ListDetectors alone, not ListInvitations beside it).
    const expected = ['detective', 'guardduty', 'macie2', 'securityhub']
      .flatMap((service) => GOVERNED.flatMap((a) => DENIED_REGIONS.map((r) => `${service}/${a}/${r}`)))
      .sort();
    expect(denied()).toEqual(expected);

    now = new Date(now.getTime() + 5 * 60_000);
    h.emulator.clearLog();
    await h.refresh(scope);
    expect(denied()).toEqual([]);
  });

  it('reads as the policy even where the role’s name says MFA: not as a refused MFA code', async () => {
    // mfa-audit assumes arn:aws:iam::777777777777:role/SecurityAuditMfa with an MFA code; the denial's
    // principal ARN carries that name, and the code itself was accepted.
    const demo = await scpScenario();
    h = await startHarness({
      emulator: { scenario: { ...demo, scpDenials: [{ accountIds: ['777777777777'], regions: ['eu-west-1'] }] } },
    });
    const scope = { kind: 'select' as const, profiles: ['mfa-audit'], regions: ['eu-west-1'] };
    h.emulator.clearLog();
    const [row] = (await h.refresh(scope)).rows;
    expect(row?.state).toBe('blocked');
    expect(row?.error?.kind).toBe('organization-policy');
    expect(deniedCount(h)).toBe(1);
    h.emulator.clearLog();
    await h.refresh(scope);
    expect(deniedCount(h)).toBe(0);
  });

  it('is one answer for every profile that reaches the account', async () => {
    // member-enabled and legacy-iam both reach 333333333333; the policy is the account's, whoever asks.
    const demo = await scpScenario();
    h = await startHarness({
      emulator: { scenario: { ...demo, scpDenials: [{ accountIds: ['333333333333'], regions: ['eu-west-1'] }] } },
    });
    h.emulator.clearLog();
    const read = await h.refresh({
      kind: 'select',
      profiles: ['member-enabled', 'legacy-iam'],
      regions: ['eu-west-1'],
    });
    expect(read.rows.map((r) => [r.profile, r.state])).toEqual(
      expect.arrayContaining([
        ['member-enabled', 'blocked'],
        ['legacy-iam', 'blocked'],
      ]),
    );
    expect(deniedCount(h)).toBe(1);
  });
});

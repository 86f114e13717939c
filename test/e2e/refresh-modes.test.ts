/**
 * A full refresh under throttling and server errors ends with every row either right or explicitly
 * failed; read-only mode sends no mutating call, whatever the page tries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../contract/api';
import type { ServiceRow } from '../../main/domain/types';
import { HARNESS_REGIONS, type Harness, startHarness } from './harness';
import {
  DEMO_MFA_CODES,
  DEMO_PROFILES,
  finishRefreshAnsweringMfa,
  hubCalls,
  MUTATING_OPERATIONS,
  overviewCell,
  overviewRow,
} from './helpers';

type Progress = Extract<AppEvent, { type: 'refresh-progress' }>;

/** The last row each refresh produced, by `profile|region`, for refresh number `nth` (1-based). */
function rowsOfRefresh(h: Harness, nth: number): Map<string, ServiceRow> {
  const finished = h.events.filter((e) => e.type === 'refresh-finished');
  const refreshId = finished[nth - 1]?.refreshId;
  const rows = new Map<string, ServiceRow>();
  for (const e of h.events) {
    if (e.type === 'refresh-progress' && (e as Progress).refreshId === refreshId) {
      for (const row of e.rows) rows.set(`${row.profile}|${row.region}`, row);
    }
  }
  return rows;
}

describe('full refresh with throttling and 500s', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ overviewPageSize: 100 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('ends with every row right or explicitly failed', async () => {
    const codes = await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
    const baseline = rowsOfRefresh(h, 1);
    expect(baseline.size).toBe(DEMO_PROFILES.length * HARNESS_REGIONS.length);

    h.emulator.clearLog();
    h.emulator.setFaults({ throttling: true, throttleRate: 0.2, errorRate: 0.6 });
    await h.page.getByTestId('refresh').click();
    await finishRefreshAnsweringMfa(h, 2, DEMO_MFA_CODES.slice(codes.length));
    h.emulator.setFaults({ throttling: false, throttleRate: 0, errorRate: 0 });

    // The faults really happened, so the assertions below are not vacuous.
    const log = h.emulator.requestLog();
    expect(log.filter((e) => e.status === 429).length).toBeGreaterThan(0);
    expect(log.filter((e) => e.status === 500).length).toBeGreaterThan(0);

    const finished = h.events.filter((e) => e.type === 'refresh-finished')[1];
    expect(finished).toMatchObject({ done: baseline.size, total: baseline.size, cancelled: false });
    const after = rowsOfRefresh(h, 2);
    expect([...after.keys()].sort()).toEqual([...baseline.keys()].sort());

    // The window lived through the storm: no render error (a re-rendering shell once chained Cloudscape
    // re-measurements past React's update depth here), and the table is still there.
    expect(h.pageErrors).toEqual([]);
    await h.page.getByTestId('overview-table').waitFor();

    let failed = 0;
    let faultFailures = 0;
    for (const [key, row] of after) {
      const [profile = '', region = ''] = key.split('|');
      const before = baseline.get(key)!;
      const stateCell = await overviewCell(h.page, profile, region, 'Security Hub CSPM');
      if (row.error) {
        if (row.state === 'error') failed += 1;
        if (!before.error) faultFailures += 1;
        // Explicitly failed: the cell says so, and its popover trigger carries the full reason.
        expect(stateCell, key).toMatch(/^(Error|Region not enabled|Off)/);
        const labels = await h.page
          .getByTestId(`error-${key}`)
          .evaluate((el) =>
            [el, ...el.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? ''),
          );
        expect(labels.join('\n'), key).toContain(row.error.message);
        continue;
      }
      // Right: the same facts as without faults, for every part that was read.
      expect(row.state, key).toBe(before.state);
      expect(row.accountId, key).toBe(before.accountId);
      const unread = new Set(row.partialErrors.map((p) => p.part));
      const context = `${key}: ${JSON.stringify({ administrator: row.administrators[0], partialErrors: row.partialErrors, notes: row.notes })}`;
      if (!unread.has('administrator')) {
        expect(row.administrators[0]?.accountId ?? null, context).toBe(before.administrators[0]?.accountId ?? null);
      }
      if (!unread.has('invitations')) {
        expect(
          row.pendingInvitations.map((i) => i.accountId),
          context,
        ).toEqual(before.pendingInvitations.map((i) => i.accountId));
      }
      if (unread.size > 0) expect(stateCell, key).toMatch(/Partial/);
      expect(stateCell, key).not.toMatch(/^Error/);
    }
    expect(finished?.type === 'refresh-finished' && finished.failed).toBe(failed);
    console.log(
      `Refresh under faults: ${log.filter((e) => e.status === 429).length} throttled and ${log.filter((e) => e.status === 500).length} failed calls; ${after.size} rows, ${faultFailures} failed because of the faults, ${[...after.values()].filter((r) => r.partialErrors.length > 0).length} partly read.`,
    );
    // Nothing is left loading or stale once the refresh is over.
    expect(await h.page.getByTestId('refresh-progress').count()).toBe(0);
    expect(await h.page.getByText('Stale', { exact: true }).count()).toBe(0);
  });
});

describe('read-only mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { readOnly: true }, overviewPageSize: 100 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('disables every action and sends no mutating call, even when the page calls the API itself', async () => {
    const { page } = h;
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
    await page.getByTestId('read-only-alert').waitFor();

    const accept = page.getByTestId('accept-member-pending|us-east-1|111111111111');
    await accept.waitFor();
    expect((await accept.isDisabled()) || (await accept.getAttribute('aria-disabled')) === 'true').toBe(true);
    await accept.click({ force: true });
    const disassociate = page.getByTestId('disassociate-member-enabled|us-east-1');
    await disassociate.click({ force: true });
    await page.waitForTimeout(300);
    expect(await page.getByTestId('confirm-modal').count()).toBe(0);

    // A page that ignores its own disabled buttons still gets refused by the main process.
    const results = await page.evaluate(async () => {
      const api = (window as unknown as { api: Record<string, (r: unknown) => Promise<unknown>> }).api;
      const row = { profile: 'member-pending', region: 'us-east-1' };
      return Promise.all([
        api.acceptInvitation?.({ ...row, administratorId: '111111111111', invitationId: 'x' }),
        api.declineInvitation?.({ ...row, administratorId: '111111111111' }),
        api.disassociateFromAdministrator?.({ profile: 'member-enabled', region: 'us-east-1' }),
        api.inviteMembers?.({ profile: 'admin', region: 'us-east-1', accountIds: ['999999999999'] }),
        api.enableService?.({ profile: 'hub-off', region: 'eu-west-1', enableDefaultStandards: false }),
      ]);
    });
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { kind: 'read-only' } });

    const mutating = h.emulator.requestLog().filter((e) => MUTATING_OPERATIONS.has(e.operation));
    expect(mutating).toEqual([]);
    expect(hubCalls(h).length).toBeGreaterThan(0);
    // The row is unchanged.
    expect(await overviewCell(page, 'member-pending', 'us-east-1', 'Relationship')).toBe('-');
    expect(await overviewRow(page, 'member-pending', 'us-east-1').count()).toBe(1);
  });
});

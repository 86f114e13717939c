/**
 * When the administrator cannot be read, the invitation behind the current relationship must still
 * not be offered as pending: its own MemberStatus (Enabled) says it is not.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIO_PATH, parseScenario } from '../../emulator/index';
import { type Harness, startHarness } from '../harness';

let h: Harness;

beforeAll(async () => {
  const scenario = JSON.parse(readFileSync(DEMO_SCENARIO_PATH, 'utf8'));
  // legacy-iam (account 333333333333, an Enabled member of 111111111111) may read neither name.
  for (const principal of scenario.principals) {
    if (principal.accessKeyId === 'AKIAEMULLEGACYIAM003') {
      principal.deniedActions = [...principal.deniedActions, 'securityhub:GetMasterAccount'];
    }
  }
  h = await startHarness({ emulator: { scenario: parseScenario(scenario) } });
});
afterAll(() => h?.close());

describe('a row whose administrator cannot be read', () => {
  it('does not list the accepted invitation as pending', async () => {
    await h.refresh({ kind: 'row', profile: 'legacy-iam', region: 'us-east-1' });
    const row = await h.row('legacy-iam', 'us-east-1');
    expect(row.administrators).toEqual([]);
    expect(row.partialErrors.map((p) => p.part)).toContain('administrator');
    expect(row.pendingInvitations).toEqual([]);
  });

  it('still reads the administrator and nothing pending through a profile that may', async () => {
    await h.refresh({ kind: 'row', profile: 'member-enabled', region: 'us-east-1' });
    const row = await h.row('member-enabled', 'us-east-1');
    expect(row.administrators[0]?.accountId).toBe('111111111111');
    expect(row.pendingInvitations).toEqual([]);
  });
});

/**
 * A centrally managed account (Security Hub CSPM's central configuration, research F4): its own
 * EnableSecurityHub is refused with the central configuration sentence (the emulator's inference from
 * the real answer to UpdateSecurityHubConfiguration, terraform-provider-aws#39687). The refusal is its
 * own kind, never "grant"; the row learns it, the window offers no turn-on, and the same write is not
 * sent again.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIO_PATH, type Scenario } from '../../emulator/index';
import { appErrorOf, type Harness, startHarness } from '../harness';

const ORG_MEMBER = '444444444444';
let h: Harness;

beforeAll(async () => {
  const demo = JSON.parse(await readFile(DEMO_SCENARIO_PATH, 'utf8')) as Scenario & {
    accounts: { id: string; hubRegions?: string[] }[];
    organization: { securityHub?: Record<string, unknown> };
  };
  // The policy keeps Security Hub CSPM off for the org member in the linked region eu-west-1.
  const accounts = demo.accounts.map((a) => (a.id === ORG_MEMBER ? { ...a, hubRegions: ['us-east-1'] } : a));
  const organization = {
    ...demo.organization,
    securityHub: {
      ...demo.organization.securityHub,
      centralConfiguration: {
        homeRegion: 'us-east-1',
        linkedRegions: ['eu-west-1'],
        centrallyManagedAccounts: [ORG_MEMBER],
      },
    },
  };
  h = await startHarness({ emulator: { scenario: { ...demo, accounts, organization } as Scenario } });
});
afterAll(() => h?.close());

const here = { profile: 'org-member', region: 'eu-west-1' };

describe('a centrally managed account', () => {
  it('is refused by AWS once, told why, and not offered or sent the turn-on again', async () => {
    const before = await h.row('org-member', 'eu-west-1');
    expect(before.state).toBe('off');
    expect(before.centrallyManagedSince).toBeUndefined();

    h.emulator.clearLog();
    const error = await appErrorOf(h.backend.handlers['service:enable']({ ...here, enableDefaultStandards: true }));
    expect(error).toMatchObject({ kind: 'central-configuration', awsCode: 'AccessDeniedException' });
    expect(error.message).toBe(
      "Security Hub CSPM in account 444444444444 in eu-west-1 is set by the organization's central configuration, so only the delegated administrator can change it (EnableSecurityHub was refused).",
    );
    expect(error.remediation).not.toMatch(/grant/i);
    expect(h.operations('EnableSecurityHub')).toHaveLength(1);

    // The next read still says "off"; the row keeps what the refusal taught.
    const after = await h.row('org-member', 'eu-west-1');
    expect(after.state).toBe('off');
    expect(after.centrallyManagedSince).toEqual(expect.any(String));

    const again = await appErrorOf(h.backend.handlers['service:enable']({ ...here, enableDefaultStandards: true }));
    expect(again.kind).toBe('central-configuration');
    expect(h.operations('EnableSecurityHub')).toHaveLength(1);
  });

  it('configures itself outside the home and linked regions', async () => {
    h.emulator.clearLog();
    const off = await h.row('org-member', 'ap-southeast-2');
    expect(off.state).toBe('off');
    const outcome = await h.backend.handlers['service:enable']({
      profile: 'org-member',
      region: 'ap-southeast-2',
      enableDefaultStandards: false,
    });
    expect(outcome.row.state).toBe('on');
    expect(outcome.row.centrallyManagedSince).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { regionsForProfile } from '../../../main/core/rows/regions';
import { pendingInvitations } from '../../../main/core/services/row-parts';
import { securityHub } from '../../../main/core/services/securityhub';
import { DEFAULT_SETTINGS } from '../../../main/core/storage/settings';
import { partitionOfArn, partitionOfRegion } from '../../../main/domain/regions';

const securityHubRegions = securityHub.regions;

describe('regions', () => {
  it('puts the profile’s own region first and adds the user’s set without duplicates', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      defaultRegionMode: 'list' as const,
      defaultRegions: ['us-east-1', 'eu-west-1'],
    };
    expect(regionsForProfile({ name: 'a', region: 'eu-west-1' }, settings, securityHubRegions).regions).toEqual([
      'eu-west-1',
      'us-east-1',
    ]);
    expect(regionsForProfile({ name: 'a', region: null }, settings, securityHubRegions).regions).toEqual([
      'us-east-1',
      'eu-west-1',
    ]);
  });

  it('uses the per-profile set instead of the default set', () => {
    const settings = { ...DEFAULT_SETTINGS, defaultRegions: ['us-east-1'], profileRegions: { b: ['ap-southeast-2'] } };
    expect(regionsForProfile({ name: 'b', region: 'us-west-2' }, settings, securityHubRegions).regions).toEqual([
      'us-west-2',
      'ap-southeast-2',
    ]);
  });

  it('drops regions of another partition with a note', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      defaultRegionMode: 'list' as const,
      defaultRegions: ['us-east-1', 'us-gov-west-1', 'cn-north-1'],
    };
    const commercial = regionsForProfile({ name: 'c', region: 'eu-west-1' }, settings, securityHubRegions);
    expect(commercial.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(commercial.notes).toHaveLength(2);
    expect(commercial.notes[0]).toMatch(/us-gov-west-1 was skipped.*aws-us-gov/);
    const gov = regionsForProfile({ name: 'g', region: 'us-gov-east-1' }, settings, securityHubRegions);
    expect(gov.regions).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    expect(gov.partition).toBe('aws-us-gov');
  });

  it('reads every Security Hub region of the profile’s partition by default, and keeps per-profile sets', () => {
    expect(DEFAULT_SETTINGS.defaultRegionMode).toBe('all');
    const settings = { ...DEFAULT_SETTINGS, profileRegions: { mine: ['eu-west-1'] } };
    const commercial = regionsForProfile({ name: 'a', region: 'eu-west-1' }, settings, securityHubRegions).regions;
    expect(commercial[0]).toBe('eu-west-1');
    expect(commercial).toEqual([...new Set(['eu-west-1', ...securityHubRegions('aws')])]);
    expect(commercial).toContain('af-south-1'); // opt-in regions too: each is probed with one call
    expect(commercial).not.toContain('us-gov-west-1');
    expect(
      regionsForProfile({ name: 'g', region: 'us-gov-west-1' }, settings, securityHubRegions).regions.sort(),
    ).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    expect(regionsForProfile({ name: 'n', region: null }, settings, securityHubRegions).regions).toContain('us-east-1');
    expect(regionsForProfile({ name: 'mine', region: 'us-east-1' }, settings, securityHubRegions).regions).toEqual([
      'us-east-1',
      'eu-west-1',
    ]);
  });

  it('reads the partition from a region or an ARN', () => {
    expect(partitionOfRegion('cn-northwest-1')).toBe('aws-cn');
    expect(partitionOfRegion('af-south-1')).toBe('aws');
    // The European Sovereign Cloud is its own partition, not commercial AWS.
    expect(partitionOfRegion('eusc-de-east-1')).toBe('aws-eusc');
    expect(partitionOfRegion('eusc-de-west-9')).toBe('aws-eusc');
    expect(partitionOfRegion('us-isof-south-1')).toBe('aws-iso-f');
    expect(partitionOfArn('arn:aws-eusc:iam::123456789012:user/x')).toBe('aws-eusc');
    expect(partitionOfArn('arn:aws-us-gov:iam::123456789012:user/x')).toBe('aws-us-gov');
    expect(partitionOfArn('not an arn')).toBeNull();
  });
});

describe('pending invitations', () => {
  const inv = (accountId: string, invitationId: string) => ({
    accountId,
    invitationId,
    invitedAt: null,
    memberStatus: 'Invited',
  });
  it('excludes the invitation behind the current relationship only', () => {
    const list = [inv('111111111111', 'a'), inv('222222222222', 'b')];
    expect(pendingInvitations(list, [])).toEqual(list);
    const byId = { accountId: '111111111111', invitationId: 'a', invitedAt: null, memberStatus: 'Invited' };
    expect(pendingInvitations(list, [byId]).map((i) => i.invitationId)).toEqual(['b']);
    // Enabled relationship without an invitation id (Organizations): same administrator account.
    const enabled = { accountId: '222222222222', invitationId: null, invitedAt: null, memberStatus: 'ENABLED' };
    expect(pendingInvitations(list, [enabled]).map((i) => i.invitationId)).toEqual(['a']);
    // Not Enabled and another id: still pending.
    const invited = { accountId: '222222222222', invitationId: 'zzz', invitedAt: null, memberStatus: 'Invited' };
    expect(pendingInvitations(list, [invited])).toHaveLength(2);
    // Paused (Macie suspended in the member) still holds the membership: its administrator's invitation is not pending.
    const paused = { accountId: '222222222222', invitationId: null, invitedAt: null, memberStatus: 'Paused' };
    expect(pendingInvitations(list, [paused]).map((i) => i.invitationId)).toEqual(['a']);
  });
});

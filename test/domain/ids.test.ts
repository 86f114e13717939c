import { describe, expect, it } from 'vitest';
import { ACCOUNT_ID_PATTERN, REGION_PATTERN, rowKey } from '../../main/domain/ids';
import { hasMemberStatus, holdsMembership, isEnabled, isInvited, memberOfStatus } from '../../main/domain/statuses';
import { APP_VERSION } from '../../main/domain/version';
import packageJson from '../../package.json';

describe('ids and patterns', () => {
  it('accepts region names of every partition and refuses look-alikes', () => {
    for (const region of [
      'us-east-1',
      'eu-west-3',
      'ap-southeast-2',
      'us-gov-west-1',
      'cn-north-1',
      'eu-isoe-west-1',
    ]) {
      expect(REGION_PATTERN.test(region), region).toBe(true);
    }
    for (const bad of ['US-EAST-1', 'us-east', 'useast1', 'us-east-1 ', 'us-east-123', '']) {
      expect(REGION_PATTERN.test(bad), bad).toBe(false);
    }
  });

  it('accepts exactly 12 digits as an account id', () => {
    expect(ACCOUNT_ID_PATTERN.test('111111111111')).toBe(true);
    for (const bad of ['11111111111', '1111111111111', '11111111111a', ' 111111111111']) {
      expect(ACCOUNT_ID_PATTERN.test(bad), bad).toBe(false);
    }
  });

  it('keys rows so that no two service × profile × region rows collide', () => {
    const key = (profile: string, region: string, service = 'securityhub') => rowKey({ service, profile, region });
    expect(key('a-b', 'c')).not.toBe(key('a', 'b-c'));
    expect(key('x', 'us-east-1')).toBe(key('x', 'us-east-1'));
    expect(key('x', 'us-east-1')).not.toBe(key('x', 'us-east-1', 'guardduty'));
  });

  it('compares AWS member statuses case-insensitively', () => {
    expect(isEnabled('ENABLED')).toBe(true);
    expect(isEnabled('Enabled')).toBe(true);
    expect(isEnabled('Invited')).toBe(false);
    expect(isEnabled(null)).toBe(false);
    expect(hasMemberStatus('invited', 'Invited')).toBe(true);
  });

  it('counts Enabled (any spelling) and Paused as a held membership, and names it in a sentence', () => {
    expect(['Enabled', 'ENABLED', 'ASSOCIATED', 'Paused'].map(holdsMembership)).toEqual([true, true, true, true]);
    expect(['Invited', 'Resigned', 'Removed', 'Created', 'ACCEPTED_BUT_DISABLED', null].map(holdsMembership)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(memberOfStatus('ENABLED')).toBe('an Enabled member');
    expect(memberOfStatus('Paused')).toBe('a Paused member');
  });

  it('counts the legacy ASSOCIATED (the AWS CLI examples print it) as an active relationship', () => {
    expect(isEnabled('ASSOCIATED')).toBe(true);
    expect(isEnabled('Resigned')).toBe(false);
  });

  it('calls only an Invited invitation pending', () => {
    expect(isInvited('INVITED')).toBe(true);
    for (const status of ['Enabled', 'ASSOCIATED', 'Resigned', 'Removed', 'Deleted', 'Created', null]) {
      expect(isInvited(status)).toBe(false);
    }
  });

  it('takes the version from package.json', () => {
    expect(APP_VERSION).toBe(packageJson.version);
  });
});

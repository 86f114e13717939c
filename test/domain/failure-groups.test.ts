/** Failures grouped by cause: the names that differ from row to row do not split a cause; a different cause does. */
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../main/domain/errors';
import { groupFailures } from '../../main/domain/failure-groups';
import type { ProfileSummary } from '../../main/domain/types';
import { serviceRow } from '../helpers/rows';

const error = (message: string, kind: AppError['kind'] = 'access-denied'): AppError => ({
  kind,
  message,
  remediation: null,
  command: null,
  retryable: false,
});
const failed = (profile: string, region: string, message: string, kind?: AppError['kind']) =>
  serviceRow(profile, region, { state: 'error', error: error(message, kind) });
const summary = (name: string, ssoSession: string | null): ProfileSummary => ({
  name,
  kind: 'sso',
  region: 'us-east-1',
  usable: true,
  reason: null,
  mfa: false,
  sourceProfile: null,
  ssoSession,
  isDefault: false,
  configuredAccountId: null,
});

describe('groupFailures', () => {
  it('one cause across profiles, accounts, ARNs and regions; another cause apart', () => {
    const rows = [
      failed('a', 'us-east-1', 'Profile "a" could not assume role arn:aws:iam::200000000030:role/X in us-east-1.'),
      failed('a', 'eu-west-1', 'Profile "a" could not assume role arn:aws:iam::200000000030:role/X in eu-west-1.'),
      failed('b', 'us-east-1', 'Profile "b" could not assume role arn:aws:iam::200000000031:role/Y in us-east-1.'),
      failed('c', 'us-east-1', 'The network is down.', 'network'),
      serviceRow('c', 'eu-west-1'),
    ];
    const groups = groupFailures(rows, []);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ profiles: ['a', 'b'], rows: 3, everyRegion: true, example: { profile: 'a' } });
    // c failed in one of the two regions it was read in: the region is named.
    expect(groups[1]).toMatchObject({ kind: 'network', profiles: ['c'], regions: ['us-east-1'], everyRegion: false });
  });

  it('sign-ins by sso-session, and the profiles signed in one by one together', () => {
    const rows = ['x', 'y', 'l1', 'l2'].map((p) =>
      failed(p, 'us-east-1', `The SSO sign-in of profile "${p}" has expired.`, 'sign-in-needed'),
    );
    const groups = groupFailures(rows, [summary('x', 'corp'), summary('y', 'corp'), summary('l1', null)]);
    expect(groups.map((g) => [g.ssoSession, g.legacySignIn, g.profiles, g.command])).toEqual([
      [null, true, ['l1', 'l2'], null],
      ['corp', false, ['x', 'y'], 'aws sso login --sso-session corp'],
    ]);
  });
});

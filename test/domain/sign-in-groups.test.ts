import { describe, expect, it } from 'vitest';
import { type AppError, appError } from '../../main/domain/errors';
import { groupSignIns, ssoLoginCommand } from '../../main/domain/sign-in-groups';
import type { ProfileSummary, ServiceRow } from '../../main/domain/types';
import { serviceRow } from '../helpers/rows';

function profile(name: string, ssoSession: string | null): ProfileSummary {
  return {
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
  };
}

function row(name: string, region: string, error: AppError | null): ServiceRow {
  return serviceRow(name, region, { state: error ? 'error' : 'on', error, fetchedAt: '2026-12-01T00:00:00.000Z' });
}

const signIn = (name: string) =>
  appError('sign-in-needed', `The SSO sign-in of profile "${name}" has expired or is missing.`, {
    command: `aws sso login --profile ${name}`,
  });

describe('groupSignIns', () => {
  it('makes one group per sso-session, its profiles sorted and each once, whatever the regions', () => {
    const names = Array.from({ length: 30 }, (_, i) => `corp-${String(30 - i).padStart(2, '0')}`);
    const profiles = [...names.map((n) => profile(n, 'corp')), profile('b-1', 'beta')];
    const rows = [
      ...names.flatMap((n) => [row(n, 'us-east-1', signIn(n)), row(n, 'eu-west-1', signIn(n))]),
      row('b-1', 'us-east-1', signIn('b-1')),
    ];
    const groups = groupSignIns(rows, profiles);
    expect(groups.sessions.map((s) => s.ssoSession)).toEqual(['beta', 'corp']);
    const corp = groups.sessions[1];
    expect(corp?.profiles).toEqual([...names].sort());
    expect(corp?.command).toBe('aws sso login --sso-session corp');
    expect(corp?.sentence).toBe('30 profiles on sso-session corp need sign-in: aws sso login --sso-session corp');
    expect(groups.sessions[0]?.sentence).toBe(
      '1 profile on sso-session beta needs sign-in: aws sso login --sso-session beta',
    );
    expect(groups.profiles).toEqual([]);
    expect(groups.others).toEqual([]);
  });

  it('makes one group per legacy profile, keeping its row’s command, and leaves other rows as they are', () => {
    const roleOnLegacy = appError('sign-in-needed', 'The SSO sign-in of profile "role" has expired or is missing.', {
      command: 'aws sso login --profile base',
    });
    const denied = row('corp-1', 'eu-west-1', appError('access-denied', 'IAM does not allow it.'));
    const fine = row('keys', 'us-east-1', null);
    const rows = [
      row('old', 'us-east-1', signIn('old')),
      row('old', 'eu-west-1', signIn('old')),
      row('role', 'us-east-1', roleOnLegacy),
      denied,
      fine,
      row('corp-1', 'us-east-1', signIn('corp-1')),
    ];
    const groups = groupSignIns(rows, [profile('old', null), profile('role', null), profile('corp-1', 'corp')]);
    expect(groups.profiles).toEqual([
      {
        profile: 'old',
        command: 'aws sso login --profile old',
        sentence: 'Profile "old" needs sign-in: aws sso login --profile old',
      },
      {
        profile: 'role',
        command: 'aws sso login --profile base',
        sentence: 'Profile "role" needs sign-in: aws sso login --profile base',
      },
    ]);
    // corp-1's denied row is not a sign-in: it stays with the others, the signed-out one is grouped.
    expect(groups.sessions.map((s) => [s.ssoSession, s.profiles])).toEqual([['corp', ['corp-1']]]);
    expect(groups.others).toEqual([denied, fine]);
  });

  it('treats a profile missing from the list as legacy, with the command its row carries or a default', () => {
    const bare = { ...signIn('gone'), command: null };
    const groups = groupSignIns([row('gone', 'us-east-1', bare)], []);
    expect(groups.profiles).toEqual([
      {
        profile: 'gone',
        command: 'aws sso login --profile gone',
        sentence: 'Profile "gone" needs sign-in: aws sso login --profile gone',
      },
    ]);
  });

  it('writes the AWS CLI command for a session and for a profile', () => {
    expect(ssoLoginCommand({ ssoSession: 'corp' })).toBe('aws sso login --sso-session corp');
    expect(ssoLoginCommand({ profile: 'dev' })).toBe('aws sso login --profile dev');
  });
});

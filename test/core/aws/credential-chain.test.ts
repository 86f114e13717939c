/**
 * The chains the app resolves itself, read by fromIni's rules (resolveProfileData): which profile
 * gives the first credentials, which roles go on top, and what is left to fromIni.
 */
import { describe, expect, it } from 'vitest';
import { credentialChain, roleParams } from '../../../main/core/aws/credential-chain';
import type { IniFile } from '../../../main/core/aws/profiles';

const keys = { aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 'secret' };
const profiles: IniFile = {
  base: { ...keys },
  role: { role_arn: 'arn:aws:iam::111111111111:role/A', source_profile: 'base' },
  chained: { role_arn: 'arn:aws:iam::222222222222:role/B', source_profile: 'role' },
  // The documented pattern: a role whose source is the profile itself, with its own keys.
  self: { role_arn: 'arn:aws:iam::111111111111:role/A', source_profile: 'self', ...keys },
  // A source with keys and a role of its own: its keys win (fromIni takes static keys of a source first).
  keyed: { role_arn: 'arn:aws:iam::333333333333:role/C', source_profile: 'base', ...keys },
  above_keyed: { role_arn: 'arn:aws:iam::222222222222:role/B', source_profile: 'keyed' },
  sso: { sso_session: 'corp', sso_account_id: '111111111111', sso_role_name: 'Admin' },
  over_sso: { role_arn: 'arn:aws:iam::222222222222:role/B', source_profile: 'sso' },
  helper: { credential_process: 'aws-vault export x' },
  over_helper: { role_arn: 'arn:aws:iam::222222222222:role/B', source_profile: 'helper' },
  web: { role_arn: 'arn:aws:iam::111111111111:role/W', web_identity_token_file: '/tmp/token' },
  from_env: { role_arn: 'arn:aws:iam::111111111111:role/E', credential_source: 'Environment' },
  loop_a: { role_arn: 'arn:aws:iam::111111111111:role/A', source_profile: 'loop_b' },
  loop_b: { role_arn: 'arn:aws:iam::111111111111:role/A', source_profile: 'loop_a' },
  dangling: { role_arn: 'arn:aws:iam::111111111111:role/A', source_profile: 'nowhere' },
  empty: {},
};

describe('credentialChain', () => {
  it.each([
    ['base', { base: 'base', kind: 'static', roles: [] }],
    ['role', { base: 'base', kind: 'static', roles: ['role'] }],
    ['chained', { base: 'base', kind: 'static', roles: ['role', 'chained'] }],
    ['self', { base: 'self', kind: 'static', roles: ['self'] }],
    ['above_keyed', { base: 'keyed', kind: 'static', roles: ['above_keyed'] }],
    ['keyed', { base: 'base', kind: 'static', roles: ['keyed'] }],
    ['sso', { base: 'sso', kind: 'sso', roles: [] }],
    ['over_sso', { base: 'sso', kind: 'sso', roles: ['over_sso'] }],
    ['over_helper', { base: 'helper', kind: 'credential-process', roles: ['over_helper'] }],
    ['web', { base: 'web', kind: 'web-identity', roles: [] }],
  ])('%s', (profile, chain) => {
    expect(credentialChain(profile, profiles)).toEqual(chain);
  });

  it.each(['from_env', 'loop_a', 'dangling', 'empty', 'missing'])('leaves %s to fromIni', (profile) => {
    expect(credentialChain(profile, profiles)).toBeNull();
  });
});

describe('roleParams', () => {
  it('builds what fromIni sends: a session name, one hour, the deferred MFA code', () => {
    expect(roleParams({ role_arn: 'arn:aws:iam::1:role/A', mfa_serial: 'arn:aws:iam::1:mfa/a' }, 42)).toEqual({
      RoleArn: 'arn:aws:iam::1:role/A',
      RoleSessionName: 'aws-sdk-js-42',
      ExternalId: undefined,
      DurationSeconds: 3600,
      SerialNumber: 'arn:aws:iam::1:mfa/a',
      TokenCode: 'deferred',
    });
  });
});

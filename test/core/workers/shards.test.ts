/**
 * Which worker holds which profiles: everything that shares credentials in one worker (one prompt,
 * one token refresh, one helper run), a shard keeping its worker once given, the workers' loads kept
 * level, and a new shard placed where its profiles' accounts already are.
 */
import { describe, expect, it } from 'vitest';
import type { IniFile } from '../../../main/core/aws/profiles';
import { createShards, credentialRoots } from '../../../main/core/workers/shards';

const PROFILES: IniFile = {
  // One SSO session behind two profiles and a role on top of one of them.
  'sso-a': { sso_session: 'corp', sso_account_id: '111111111111', sso_role_name: 'Admin' },
  'sso-b': { sso_session: 'corp', sso_account_id: '222222222222', sso_role_name: 'Admin' },
  'role-on-sso': { role_arn: 'arn:aws:iam::333333333333:role/x', source_profile: 'sso-a' },
  // Two roles behind one MFA device, on different source profiles.
  'keys-1': { aws_access_key_id: 'AKIA1', aws_secret_access_key: 's' },
  'keys-2': { aws_access_key_id: 'AKIA2', aws_secret_access_key: 's' },
  'mfa-1': { role_arn: 'arn:aws:iam::444444444444:role/x', source_profile: 'keys-1', mfa_serial: 'arn:mfa/alice' },
  'mfa-2': { role_arn: 'arn:aws:iam::555555555555:role/x', source_profile: 'keys-2', mfa_serial: 'arn:mfa/alice' },
  // One helper command behind two profiles.
  'helper-1': { credential_process: 'vault exec corp' },
  'helper-2': { credential_process: 'vault exec corp' },
  // Alone.
  'solo-1': { aws_access_key_id: 'AKIA3', aws_secret_access_key: 's' },
  'solo-2': { aws_access_key_id: 'AKIA4', aws_secret_access_key: 's' },
  'solo-3': { aws_access_key_id: 'AKIA5', aws_secret_access_key: 's' },
};

describe('credential roots', () => {
  it('names what a profile’s credentials come from', () => {
    expect(credentialRoots('role-on-sso', PROFILES)).toEqual(
      expect.arrayContaining(['profile:role-on-sso', 'profile:sso-a', 'sso-session:corp']),
    );
    expect(credentialRoots('mfa-2', PROFILES)).toEqual(
      expect.arrayContaining(['profile:mfa-2', 'profile:keys-2', 'mfa:arn:mfa/alice']),
    );
    expect(credentialRoots('helper-1', PROFILES)).toContain('helper:vault exec corp');
    expect(credentialRoots('solo-1', PROFILES)).toEqual(['profile:solo-1']);
  });
});

describe('shards', () => {
  const groups = [
    ['sso-a', 'sso-b', 'role-on-sso'],
    ['mfa-1', 'mfa-2', 'keys-1', 'keys-2'],
    ['helper-1', 'helper-2'],
  ];

  it('puts every profile sharing credentials in one worker', () => {
    const shards = createShards(3, () => null);
    shards.update(PROFILES);
    for (const group of groups) {
      const workers = new Set(group.map((p) => shards.workerOf(p)));
      expect(workers.size, group.join(',')).toBe(1);
    }
  });

  it('keeps the loads level and the first answer for good', () => {
    const shards = createShards(3, () => null);
    shards.update(PROFILES);
    const first = Object.keys(PROFILES).map((p) => shards.workerOf(p));
    expect(new Set(first).size).toBe(3);
    const loads = shards.loads();
    expect(loads.reduce((a, b) => a + b, 0)).toBe(Object.keys(PROFILES).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(3);
    expect(Object.keys(PROFILES).map((p) => shards.workerOf(p))).toEqual(first);
    // Read again (the files unchanged): nothing moves.
    shards.update(PROFILES);
    expect(Object.keys(PROFILES).map((p) => shards.workerOf(p))).toEqual(first);
  });

  it('joins two groups a new profile links in the worker most of them had', () => {
    const shards = createShards(2, () => null);
    shards.update(PROFILES);
    const ssoWorker = shards.workerOf('sso-a');
    const helperWorker = shards.workerOf('helper-1');
    expect(helperWorker).not.toBe(ssoWorker);
    // helper-2 now also names the SSO session: one group of five, in the worker three of them had.
    shards.update({ ...PROFILES, 'helper-2': { ...PROFILES['helper-2'], sso_session: 'corp' } });
    for (const profile of ['sso-a', 'sso-b', 'role-on-sso', 'helper-1', 'helper-2']) {
      expect(shards.workerOf(profile), profile).toBe(ssoWorker);
    }
    expect(shards.loads().reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('places a new shard beside the profiles reaching the same account, unless that worker is much busier', () => {
    const accounts: Record<string, string> = { 'solo-1': '999999999999', 'solo-3': '999999999999' };
    const shards = createShards(2, (p) => accounts[p] ?? null);
    shards.update(PROFILES);
    const w1 = shards.workerOf('solo-1');
    shards.workerOf('solo-2');
    expect(shards.workerOf('solo-3')).toBe(w1);
  });

  it('gives a profile the files do not name a worker of its own choosing', () => {
    const shards = createShards(2, () => null);
    shards.update(PROFILES);
    const worker = shards.workerOf('not-in-the-files');
    expect([0, 1]).toContain(worker);
    expect(shards.workerOf('not-in-the-files')).toBe(worker);
  });
});

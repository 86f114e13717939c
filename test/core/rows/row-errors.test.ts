/**
 * Each kind of failure lands on its own row (never failing the others), with the right kind:
 * IAM denial, expired and unknown credentials, network, timeout, MFA wrong or cancelled, SSO
 * signed out, opt-in region, partial denial of one read.
 */
import fs from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../main/domain/types';
import { DEMO_SCENARIO_PATH } from '../../emulator/index';
import { type Harness, startHarness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The demo scenario plus principals whose policies deny single reads, and an expired session. */
async function scenarioWithDenials() {
  const demo = JSON.parse(await fs.readFile(DEMO_SCENARIO_PATH, 'utf8'));
  demo.accounts.push(
    { id: '121212121212', hubRegions: ['us-east-1'] },
    { id: '131313131313', hubRegions: ['us-east-1'] },
    { id: '141414141414', hubRegions: ['us-east-1'] },
  );
  demo.principals.push(
    {
      accessKeyId: 'AKIAEMULDENIEDHUB001',
      secretAccessKey: 'emulatorDeniedHubSecretKey/00000000000001',
      accountId: '121212121212',
      arn: 'arn:aws:iam::121212121212:user/no-reads',
      // Every read of a row denied (the deprecated GetMasterAccount too): nothing answers.
      deniedActions: [
        'securityhub:GetAdministratorAccount',
        'securityhub:GetMasterAccount',
        'securityhub:ListInvitations',
        'securityhub:ListMembers',
      ],
    },
    {
      accessKeyId: 'AKIAEMULDENIEDMEM002',
      secretAccessKey: 'emulatorDeniedMemSecretKey/00000000000002',
      accountId: '131313131313',
      arn: 'arn:aws:iam::131313131313:user/no-members',
      deniedActions: ['securityhub:ListMembers'],
    },
    {
      accessKeyId: 'ASIAEMULEXPIRED00003',
      secretAccessKey: 'emulatorExpiredSecretKey/0000000000000003',
      sessionToken: 'emulatorExpiredSessionToken/000000000000000003',
      expiresAt: '2020-01-01T00:00:00Z',
      accountId: '141414141414',
      arn: 'arn:aws:sts::141414141414:assumed-role/Old/session',
    },
  );
  demo.profiles.push(
    { name: 'denied-reads', type: 'static', region: 'us-east-1', accessKeyId: 'AKIAEMULDENIEDHUB001' },
    { name: 'denied-members', type: 'static', region: 'us-east-1', accessKeyId: 'AKIAEMULDENIEDMEM002' },
    { name: 'expired', type: 'static', region: 'us-east-1', accessKeyId: 'ASIAEMULEXPIRED00003' },
  );
  return demo;
}

/** Profiles the scenario cannot express: an unknown key, and an endpoint nobody listens on. */
async function addBrokenProfiles(harness: Harness) {
  const config = harness.env.AWS_CONFIG_FILE!;
  const credentials = harness.env.AWS_SHARED_CREDENTIALS_FILE!;
  await fs.appendFile(
    config,
    [
      '[profile bad-key]',
      'region = us-east-1',
      `endpoint_url = ${harness.emulator.url}`,
      '[profile dead-endpoint]',
      'region = us-east-1',
      'endpoint_url = http://127.0.0.1:9',
      '',
    ].join('\n'),
  );
  await fs.appendFile(
    credentials,
    [
      '[bad-key]',
      'aws_access_key_id = AKIAUNKNOWNKEY000000',
      'aws_secret_access_key = notAKnownSecretKeyAtAll/0000000000000000',
      '[dead-endpoint]',
      'aws_access_key_id = AKIAEMULADMIN0000001',
      'aws_secret_access_key = whateverSecretKeyForADeadEndpoint/000000',
      '',
    ].join('\n'),
  );
  await harness.backend.handlers['profiles:list']({ reload: true });
}

function find(rows: ServiceRow[], profile: string): ServiceRow {
  const row = rows.find((r) => r.profile === profile && r.region === 'us-east-1');
  if (!row) throw new Error(`no row for ${profile}`);
  return row;
}

describe('row-level errors', () => {
  it('gives each failing row its own error kind and leaves the other rows intact', async () => {
    h = await startHarness({
      emulator: { scenario: await scenarioWithDenials() },
      mfaCodes: ['000000'],
      settings: { defaultRegions: ['us-east-1'] },
    });
    await addBrokenProfiles(h);
    const { rows, failed } = await h.refreshAll();

    const denied = find(rows, 'denied-reads');
    expect(denied.state).toBe('error');
    expect(denied.accountId).toBe('121212121212');
    expect(denied.error).toMatchObject({ kind: 'access-denied', action: 'securityhub:GetAdministratorAccount' });
    expect(denied.partialErrors).toEqual([]);

    const partial = find(rows, 'denied-members');
    expect(partial.state).toBe('on');
    expect(partial.error).toBeNull();
    expect(partial.members).toBeNull();
    expect(partial.partialErrors).toHaveLength(1);
    expect(partial.partialErrors[0]).toMatchObject({ part: 'members', error: { kind: 'access-denied' } });

    expect(find(rows, 'expired').error?.kind).toBe('expired-credentials');
    expect(find(rows, 'bad-key').error?.kind).toBe('invalid-credentials');
    expect(find(rows, 'dead-endpoint').error?.kind).toBe('network');
    expect(find(rows, 'mfa-audit').error?.kind).toBe('mfa-needed');
    expect(find(rows, 'sso-signed-out').error).toMatchObject({
      kind: 'sign-in-needed',
      command: 'aws sso login --sso-session expired-session',
    });

    // Everyone else is fine.
    for (const name of [
      'admin',
      'member-pending',
      'member-enabled',
      'org-member',
      'sandbox-role',
      'sso-dev',
      'proc-ops',
    ]) {
      expect(find(rows, name).error, name).toBeNull();
    }
    expect(failed).toBe(6);
    // No error message carries a secret or a key id.
    for (const row of rows) expect(JSON.stringify(row)).not.toMatch(/AKIA|ASIA|SecretKey|SessionToken/);
  });

  it('reads the MFA profile after the code is given, and reports a cancelled prompt as cancelled', async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
    const ok = await h.row('mfa-audit', 'us-east-1');
    expect(ok.accountId).toBe('777777777777');
    expect(ok.error).toBeNull();
    const prompts = h.events.filter((e) => e.type === 'mfa-prompt');
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ serial: 'arn:aws:iam::111111111111:mfa/alice' });
    expect(h.events.some((e) => e.type === 'mfa-prompt-closed')).toBe(true);
    await h.close();

    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] }, mfaCodes: [] });
    const cancelled = await h.row('mfa-audit', 'us-east-1');
    expect(cancelled.error?.kind).toBe('cancelled');
    // The reads that start beside STS (its settings name the role's account) wait for the same
    // credentials: one cancel ends them, and nothing asks for the code a second time.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.events.filter((e) => e.type === 'mfa-prompt')).toHaveLength(1);
  });

  it('times a slow call out as a row error, not a hang', async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'], callTimeoutMs: 1000 } });
    h.emulator.setFaults({ latencyMs: 1500 });
    const row = await h.row('member-pending', 'us-east-1');
    expect(row.error?.kind).toBe('timeout');
  });
});

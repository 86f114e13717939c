import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateMembersCommand, GetMembersCommand, ListMembersCommand } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedAccountId, generateScenario } from './generate';
import { DEMO_SCENARIO_PATH, parseScenario, type RunningEmulator, ScenarioError, startEmulator } from './index';
import { demoScenario, failure, securityHub, sts } from './test-kit';

const dirs: string[] = [];
const running: RunningEmulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(...args: Parameters<typeof startEmulator>) {
  const emu = await startEmulator(...args);
  running.push(emu);
  return emu;
}

describe('scenario validation', () => {
  it('refuses a malformed scenario with the path of each bad field', async () => {
    const s = demoScenario() as unknown as Record<string, unknown[]>;
    (s.profiles![0] as { accessKeyId: string }).accessKeyId = 'AKIANOSUCHKEY0000000';
    (s.administrators![0] as { members: { status: string }[] }).members[1]!.status = 'Happy';
    const error = await startEmulator({ scenario: s as never }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toContain('administrators.0.members.1.status');
    expect(() => parseScenario({ regions: [], accounts: [] })).toThrow(/regions: .*\n.*accounts/s);
    const missing = await startEmulator({ scenario: '/nonexistent/scenario.json' }).catch((e: unknown) => e as Error);
    expect((missing as Error).message).toContain('Cannot read scenario');
  });

  it('the demo scenario has the agreed profiles in order, the first three with static keys', () => {
    const s = parseScenario(JSON.parse(readFileSync(DEMO_SCENARIO_PATH, 'utf8')));
    expect(s.profiles.map((p) => p.name)).toEqual([
      'admin',
      'member-pending',
      'member-enabled',
      'org-member',
      'hub-off',
      'sandbox-role',
      'mfa-audit',
      'sso-dev',
      'sso-signed-out',
      'proc-ops',
      'legacy-iam',
    ]);
    expect(s.profiles.slice(0, 3).every((p) => p.type === 'static')).toBe(true);
    expect(s.productsPerRegion).toBeGreaterThan(120);
  });
});

describe('writeAwsDir', () => {
  it('writes config, credentials, SSO token cache and the credential_process script', async () => {
    const emu = await start();
    const dir = mkdtempSync(join(tmpdir(), 'emulator-awsdir-'));
    dirs.push(dir);
    const out = await emu.writeAwsDir(dir);
    const config = readFileSync(out.configFile, 'utf8');
    expect(config.indexOf('[profile admin]')).toBeLessThan(config.indexOf('[profile member-pending]'));
    expect(config).toContain(`endpoint_url = ${emu.url}`);
    expect(config).toContain('[sso-session demo]');
    expect(config).toContain(`credential_process = "${process.execPath}"`);
    expect(config).toContain('mfa_serial = arn:aws:iam::111111111111:mfa/alice');
    expect(readFileSync(out.credentialsFile, 'utf8')).toContain('[admin]\naws_access_key_id = AKIAEMULADMIN0000001');
    const tokenFile = (name: string) =>
      JSON.parse(
        readFileSync(
          join(out.home, '.aws', 'sso', 'cache', `${createHash('sha1').update(name).digest('hex')}.json`),
          'utf8',
        ),
      );
    expect(Date.parse(tokenFile('demo').expiresAt)).toBeGreaterThan(Date.now() + 3_600_000);
    expect(Date.parse(tokenFile('expired-session').expiresAt)).toBeLessThan(Date.now());
    expect(out.env).toEqual({
      AWS_CONFIG_FILE: out.configFile,
      AWS_SHARED_CREDENTIALS_FILE: out.credentialsFile,
      HOME: out.home,
    });
  });
});

describe('generateScenario', () => {
  it('spreads N profiles over M accounts and R regions; profiles beyond M reuse accounts', async () => {
    const s = generateScenario({ profiles: 7, accounts: 3, regions: 2 });
    const parsed = parseScenario(s);
    expect(parsed.profiles).toHaveLength(7);
    expect(new Set(parsed.principals.map((p) => p.accountId)).size).toBe(3);
    expect(new Set(parsed.profiles.map((p) => p.region))).toEqual(new Set(['us-east-1', 'us-east-2']));
    const emu = await start({ scenario: s });
    const p = parsed.principals[4]!;
    const who = await sts(emu, { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who.Account).toBe(generatedAccountId(1));
    // Invitations stop at 1,000 members; Organizations members at 10,000.
    expect(() =>
      generateScenario({ profiles: 1, accounts: 1, regions: 1, administratorMembers: 1001, organization: false }),
    ).toThrow(/more need organization: true/);
    expect(() => generateScenario({ profiles: 1, accounts: 1, regions: 1, administratorMembers: 10_001 })).toThrow(
      /0\.\.10000/,
    );
  });

  it('has the large benchmark run: 1000 profiles on 250 accounts in 17 standard regions, 1000 members each', () => {
    const s = parseScenario(
      generateScenario({ profiles: 1000, accounts: 250, regions: 17, administratorMembers: 1000 }),
    );
    expect(s.profiles).toHaveLength(1000);
    expect(new Set(s.principals.map((p) => p.accountId)).size).toBe(250);
    expect(new Set(s.profiles.map((p) => p.region)).size).toBe(17);
    expect(s.regions).toContain('ap-northeast-3');
    expect(s.administrators.map((a) => [a.accountId, a.members.length])).toEqual(
      s.regions.map(() => [generatedAccountId(0), 1000]),
    );
  });

  it('builds an administrator of 1000 members in every region, with member-side invitations', async () => {
    const s = generateScenario({
      profiles: 1000,
      accounts: 1000,
      regions: ['us-east-1', 'eu-west-1'],
      administratorMembers: 1000,
    });
    const emu = await start({ scenario: s });
    const admin = parseScenario(s).principals[0]!;
    const client = securityHub(
      emu,
      { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey },
      'eu-west-1',
    );
    const t = performance.now();
    const first = await client.send(new ListMembersCommand({ OnlyAssociated: false, MaxResults: 50 }));
    expect(first.Members).toHaveLength(50);
    const got = await client.send(
      new GetMembersCommand({ AccountIds: [generatedAccountId(4), generatedAccountId(3)] }),
    );
    expect(got.Members?.map((m) => m.MemberStatus)).toEqual(['Invited', 'Enabled']);
    expect(performance.now() - t).toBeLessThan(1000);
    const over = await failure(() =>
      client.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: '123456789012' }] })),
    );
    expect(over.name).toBe('LimitExceededException');
    const state = emu.state();
    const side = state.memberSides.find((m) => m.accountId === generatedAccountId(4) && m.region === 'eu-west-1');
    expect(side?.invitations).toHaveLength(1);
  });
});

/**
 * `permissions`: the policy JSON on stdout (nothing else there), what the use means on stderr, the
 * flags narrowing it, README.md's table from --markdown, and usage errors for a wrong use or service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-process';

const ROOT = path.resolve(__dirname, '../..');
const cli = (...argv: string[]) => runCliInProcess(argv, { PATH: process.env.PATH }, ROOT);

describe('permissions', () => {
  it('prints the member policy as JSON alone on stdout, and what member means on stderr', async () => {
    const out = await cli('permissions', '--use', 'member');
    expect(out.code).toBe(0);
    const policy = JSON.parse(out.stdout);
    expect(policy.Version).toBe('2012-10-17');
    const actions = policy.Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toContain('securityhub:AcceptAdministratorInvitation');
    expect(actions).toContain('guardduty:ListInvitations');
    expect(actions).not.toContain('securityhub:InviteMembers');
    expect(actions).not.toContain('securityhub:AcceptInvitation');
    expect(out.stderr).toMatch(/^# member: read, and answer invitations/);
  });

  it('narrows to the services given, with the deprecated names and without the name reads when asked', async () => {
    const out = await cli(
      'permissions',
      '--service',
      'guardduty',
      '--use',
      'administrator',
      '--include-deprecated',
      '--without-account-names',
    );
    expect(out.code).toBe(0);
    const policy = JSON.parse(out.stdout);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['GuardDuty']);
    expect(policy.Statement[0].Action).toContain('guardduty:DeleteMembers');
    expect(policy.Statement[0].Action).toContain('guardduty:GetMasterAccount');
  });

  it('reads as read-only policy by default', async () => {
    const out = await cli('permissions');
    const actions = JSON.parse(out.stdout).Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toContain('securityhub:ListMembers');
    expect(actions.some((a: string) => /Accept|Create|Invite|Delete|Disassociate|Enable/.test(a))).toBe(false);
  });

  it('prints README.md’s table with --markdown', async () => {
    const out = await cli('permissions', '--markdown');
    expect(out.code).toBe(0);
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(out.stdout.trim());
  });

  it('refuses a use or a service it does not know as a usage error', async () => {
    expect((await cli('permissions', '--use', 'owner')).code).toBe(2);
    const wrong = await cli('permissions', '--service', 'inspector');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/service/);
  });
});

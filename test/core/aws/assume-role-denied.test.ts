/**
 * A role the source cannot assume: STS refuses AssumeRole with AccessDenied ("User: … is not
 * authorized to perform: sts:AssumeRole on resource: <role>", the emulator's copy of AWS's wording),
 * and the row names that action, the role and the source profile — not the GetCallerIdentity call
 * the refusal happened under.
 */
import { appendFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../main/domain/row';
import { type Harness, startHarness } from '../harness';

const ROLE = 'arn:aws:iam::666666666666:role/SecurityAudit';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const endpoint = `endpoint_url = ${h.emulator.url}`;
  await appendFile(
    h.env.AWS_CONFIG_FILE as string,
    // SecurityAudit trusts 111111111111 only: member-pending (222222222222) is refused.
    `\n[profile untrusted-role]\nregion = us-east-1\n${endpoint}\nrole_arn = ${ROLE}\nsource_profile = member-pending\n` +
      // A chain: the first hop (sandbox-role, trusted) works, the second is refused.
      `\n[profile chained-untrusted]\nregion = us-east-1\n${endpoint}\nrole_arn = arn:aws:iam::777777777777:role/SecurityAuditMfa\nsource_profile = sandbox-role\n` +
      // The same refusal above a credential_process source.
      `\n[profile process-untrusted]\nregion = us-east-1\n${endpoint}\nrole_arn = ${ROLE}\nsource_profile = proc-ops\n`,
  );
});
afterAll(() => h?.close());

async function rowOf(profile: string): Promise<ServiceRow> {
  const started = await h.backend.handlers['refresh:start']({
    scope: { kind: 'row', profile, region: 'us-east-1' },
    reload: true,
  });
  await h.backend.refresh.wait(started.refreshId);
  const row = h.rowsOf(started.refreshId).find((r) => r.profile === profile);
  if (!row) throw new Error(`no row for ${profile}`);
  return row;
}

describe('an AssumeRole that STS denies', () => {
  it('names sts:AssumeRole, the role and the source profile', async () => {
    const row = await rowOf('untrusted-role');
    expect(row.error?.kind).toBe('access-denied');
    expect(row.error?.action).toBe('sts:AssumeRole');
    expect(row.error?.message).toContain('sts:AssumeRole');
    expect(row.error?.message).toContain(ROLE);
    expect(row.error?.message).toContain('"member-pending"');
    expect(row.error?.message).not.toContain('GetCallerIdentity');
    expect(row.error?.remediation).toMatch(/trust policy/);
    expect(h.operations('AssumeRole')).toContain('AssumeRole');
  });

  it('names the hop that was refused in a chain of roles', async () => {
    const row = await rowOf('chained-untrusted');
    expect(row.error?.action).toBe('sts:AssumeRole');
    expect(row.error?.message).toContain('arn:aws:iam::777777777777:role/SecurityAuditMfa');
    expect(row.error?.message).toContain('"sandbox-role"');
    expect(row.error?.message).not.toContain('GetCallerIdentity');
  });

  it('names it above a credential_process source too', async () => {
    const row = await rowOf('process-untrusted');
    expect(row.error?.action).toBe('sts:AssumeRole');
    expect(row.error?.message).toContain(ROLE);
    expect(row.error?.message).toContain('"proc-ops"');
  });
});

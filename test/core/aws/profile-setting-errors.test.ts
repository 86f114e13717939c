/**
 * A profile setting that is wrong is told as that setting, not as what it leads to:
 * - a region that is not a region (`us-east-1` mistyped as `us-est-1`) says so with the closest
 *   real one, before any call: before, STS was asked at sts.us-est-1.amazonaws.com and the row
 *   showed a DNS failure;
 * - an endpoint that accepts connections and never answers names the endpoint and where it was set
 *   (the profile's endpoint_url, a [services] section, AWS_ENDPOINT_URL…), not only "did not answer".
 */
import { appendFile, readFile } from 'node:fs/promises';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../main/domain/row';
import { type Harness, startHarness } from '../harness';

let h: Harness;
let silent: net.Server;
let silentUrl: string;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  // Accepts every connection and never answers.
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  h = await startHarness({ settings: { callTimeoutMs: 2000 } });
  const keys = 'source_profile = admin\nrole_arn = arn:aws:iam::666666666666:role/SecurityAudit';
  await appendFile(
    h.env.AWS_CONFIG_FILE as string,
    // No endpoint_url: the region alone decides where the SDK would go.
    `\n[profile typo-region]\nregion = us-est-1\n${keys}\n` +
      `\n[profile hangs]\nregion = us-east-1\nendpoint_url = ${silentUrl}\n${keys}\n` +
      `\n[profile hangs-sts]\nregion = us-east-1\nservices = slow-sts\n${keys}\n` +
      `\n[services slow-sts]\nsts =\n  endpoint_url = ${silentUrl}\n` +
      // STS answers (the emulator); only Security Hub's endpoint hangs.
      `\n[profile hangs-hub]\nregion = us-east-1\nendpoint_url = ${h.emulator.url}\nservices = slow-hub\n${keys}\n` +
      `\n[services slow-hub]\nsecurityhub =\n  endpoint_url = ${silentUrl}\n`,
  );
  // Static keys (admin's): nothing to resolve, so the first call to hang is GetCallerIdentity itself.
  const credentials = await readFile(h.env.AWS_SHARED_CREDENTIALS_FILE as string, 'utf8');
  const admin = /\[admin\]\n(aws_access_key_id = \S+\naws_secret_access_key = \S+)/.exec(credentials)?.[1];
  await appendFile(
    h.env.AWS_CONFIG_FILE as string,
    `\n[profile hangs-keys]\nregion = us-east-1\nendpoint_url = ${silentUrl}\n${admin}\n`,
  );
});
afterAll(async () => {
  await h?.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
});

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

describe('a profile region that is not a region', () => {
  it('says so with the closest real region, and asks nobody', async () => {
    h.emulator.clearLog();
    const row = await rowOf('typo-region');
    expect(row.error?.kind).toBe('config');
    expect(row.error?.message).toContain('"us-est-1" is not an AWS region');
    expect(row.error?.message).toContain('did you mean us-east-1?');
    expect(row.error?.remediation).toContain('aws configure set region us-east-1 --profile typo-region');
    expect(row.error?.message).not.toMatch(/resolve|DNS|ENOTFOUND|EAI_AGAIN/);
  }, 30_000);
});

describe('an endpoint that never answers', () => {
  it('names the endpoint and the profile’s endpoint_url', async () => {
    const row = await rowOf('hangs');
    expect(row.error?.kind).toBe('timeout');
    expect(row.error?.message).toContain(silentUrl);
    expect(row.error?.message).toContain('endpoint_url of profile "hangs"');
  }, 30_000);

  it('names it when the identity call itself hangs (static keys)', async () => {
    const row = await rowOf('hangs-keys');
    expect(row.error?.kind).toBe('timeout');
    expect(row.error?.message).toContain(
      `The STS endpoint is ${silentUrl}, set by endpoint_url of profile "hangs-keys".`,
    );
    expect(row.error?.remediation).toContain('remove endpoint_url of profile "hangs-keys"');
  }, 30_000);

  it('names the [services] section that set it', async () => {
    const row = await rowOf('hangs-sts');
    expect(row.error?.kind).toBe('timeout');
    expect(row.error?.message).toContain(silentUrl);
    expect(row.error?.message).toContain('[services slow-sts]');
  }, 30_000);

  it('names the security service’s own endpoint when its call hangs, and the setting that chose it', async () => {
    const row = await rowOf('hangs-hub');
    expect(row.error?.kind).toBe('timeout');
    expect(row.error?.message).toContain(
      `The Security Hub CSPM endpoint is ${silentUrl}, set by securityhub endpoint_url in [services slow-hub], named by profile "hangs-hub".`,
    );
    expect(row.error?.remediation).toContain(`Check that ${silentUrl} is up and reachable`);
  }, 30_000);
});

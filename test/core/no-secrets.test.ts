/**
 * No secret leaves the AWS layer: a full session (refresh with every credential kind, actions,
 * failures, exports) is scanned — every event, every handler result, every console line and every
 * file the app wrote — for each key, secret, session token and SSO token the credentials hold, and
 * for every token, refresh token, client secret and device code a sign-in to IAM Identity Center
 * was given by the emulator.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SCENARIO_PATH } from '../emulator/index';
import { type Harness, startHarness } from './harness';

let h: Harness | undefined;
afterAll(async () => {
  vi.restoreAllMocks();
  await h?.close();
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

describe('secrets', () => {
  it('never appear in events, results, console output or stored files', async () => {
    const consoleText: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleText.push(
          args
            .map((a) =>
              a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a),
            )
            .join(' '),
        );
      });
    }
    h = await startHarness({ settings: { defaultRegions: ['us-east-1', 'eu-west-1', 'af-south-1'] } });
    const handlers = h.backend.handlers;
    const results: unknown[] = [];
    const keep = async <T>(p: Promise<T>) => {
      try {
        results.push(await p);
      } catch (error) {
        results.push(error instanceof Error ? { message: error.message, ...(error as object) } : error);
      }
    };

    await keep(handlers['app:info'](undefined));
    await keep(handlers['profiles:list']({ reload: true }));
    const summary = await h.refreshAll();
    results.push(summary);
    const pending = summary.rows.find((r) => r.profile === 'member-pending' && r.region === 'us-east-1');
    await keep(
      handlers['invitation:accept']({
        profile: 'member-pending',
        region: 'us-east-1',
        administratorId: '111111111111',
        invitationId: pending?.pendingInvitations[0]?.invitationId ?? 'x',
      }),
    );
    await keep(
      handlers['invitation:decline']({
        profile: 'member-pending',
        region: 'eu-west-1',
        administratorId: '111111111111',
      }),
    );
    await keep(handlers['administrator:disassociate']({ profile: 'org-member', region: 'us-east-1' }));
    await keep(handlers['administrator:disassociate']({ profile: 'sso-signed-out', region: 'us-east-1' }));
    await keep(handlers['members:invite']({ profile: 'admin', region: 'us-east-1', accountIds: ['999999999999'] }));
    await keep(handlers['products:list']({ profile: 'sso-dev', region: 'us-east-1' }));
    await keep(
      handlers['bulk:run']({
        action: 'accept',
        administratorId: '111111111111',
        rows: [
          { profile: 'hub-off', region: 'us-east-1' },
          { profile: 'sso-signed-out', region: 'us-east-1' },
          { profile: 'mfa-audit', region: 'us-east-1' },
        ],
      }),
    );
    await keep(
      handlers['handshake:run']({ administratorProfile: 'sso-dev', memberProfile: 'proc-ops', regions: ['eu-west-1'] }),
    );
    await keep(
      handlers['handshake:run']({
        administratorProfile: 'admin',
        memberProfile: 'sso-signed-out',
        regions: ['us-east-1'],
      }),
    );
    await keep(handlers['snapshots:cached'](undefined));
    await keep(handlers['activity:list'](undefined));
    await keep(handlers['activity:export']({ format: 'csv' }));
    h.savePath = path.join(h.dir, 'export.json');
    await keep(handlers['activity:export']({ format: 'json' }));
    await keep(
      handlers['refresh:start']({ scope: { kind: 'all' }, reload: true }).then((s) =>
        h!.backend.refresh.wait(s.refreshId),
      ),
    );
    // Signing in (the demo scenario approves at once), the status, signing out and in again.
    await keep(handlers['sso:sign-in']({ target: { ssoSession: 'expired-session' }, flow: 'device-code' }));
    const signedIn = () => h!.events.filter((e) => e.type === 'sso-sign-in' && e.progress.state === 'signed-in').length;
    for (let i = 0; i < 200 && signedIn() < 1; i++) await new Promise((r) => setTimeout(r, 25));
    expect(signedIn()).toBe(1);
    await keep(handlers['sso:status'](undefined));
    const ssoCache = path.join(h.env.HOME!, '.aws', 'sso', 'cache');
    const signInSecrets: string[] = [];
    for (const file of await fs.readdir(ssoCache)) {
      const cached = JSON.parse(await fs.readFile(path.join(ssoCache, file), 'utf8'));
      for (const key of ['accessToken', 'refreshToken', 'clientSecret']) {
        if (typeof cached[key] === 'string') signInSecrets.push(cached[key]);
      }
    }
    expect(signInSecrets.some((t) => t.startsWith('emulator-access-'))).toBe(true);
    await keep(handlers['sso:sign-out']({ target: { ssoSession: 'expired-session' } }));
    await keep(handlers['sso:sign-in']({ target: { profile: 'sso-signed-out' }, flow: 'device-code' }));
    for (let i = 0; i < 200 && signedIn() < 2; i++) await new Promise((r) => setTimeout(r, 25));
    await keep(handlers['refresh:start']({ scope: { kind: 'profile', profile: 'sso-signed-out' } }));
    await h.backend.dispose();

    const scenario = JSON.parse(await fs.readFile(DEMO_SCENARIO_PATH, 'utf8')) as {
      principals: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }[];
      ssoSessions: { accessToken: string }[];
    };
    const secrets = [
      ...scenario.principals.flatMap((p) => [
        p.accessKeyId,
        p.secretAccessKey,
        ...(p.sessionToken ? [p.sessionToken] : []),
      ]),
      ...scenario.ssoSessions.map((s) => s.accessToken),
      ...signInSecrets,
    ];
    // Secrets written to the credentials file and the SSO cache: the files the app was given.
    const credentialsText = await fs.readFile(h.env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8');
    for (const match of credentialsText.matchAll(/=\s*(\S{16,})/g)) secrets.push(match[1]!);
    expect(secrets.length).toBeGreaterThan(20);

    const stored = await filesUnder(h.settingsDir);
    expect(stored.some((f) => f.endsWith('activity.jsonl'))).toBe(true);
    // The sign-ins are in the activity log (by session and expiry only, which the scan below checks).
    const activityFile = stored.find((f) => f.endsWith('activity.jsonl'))!;
    expect(await fs.readFile(activityFile, 'utf8')).toContain('Signed in to sso-session expired-session until');
    const texts: [string, string][] = [
      ['events', JSON.stringify(h.events)],
      ['results', JSON.stringify(results)],
      ['console', consoleText.join('\n')],
      ['clipboard', h.clipboard.join('\n')],
      ...(await Promise.all(
        [...stored, path.join(h.dir, 'export.out'), path.join(h.dir, 'export.json')].map(
          async (f) => [f, await fs.readFile(f, 'utf8')] as [string, string],
        ),
      )),
    ];
    expect(h.events.length).toBeGreaterThan(30);
    for (const [where, text] of texts) {
      for (const secret of secrets) expect(text.includes(secret), `${where} holds a secret`).toBe(false);
      // Temporary keys the emulator issued (AssumeRole, SSO) are not in any file we know: match the shape.
      expect(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/.test(text), `${where} holds an access key id`).toBe(false);
      // Every sign-in secret the emulator issues, by its shape (later sign-ins' tokens included).
      expect(
        /emulator-(access|refresh|client-secret|device-code|auth-code)-/.test(text),
        `${where} holds a sign-in secret`,
      ).toBe(false);
    }
  }, 60_000);
});

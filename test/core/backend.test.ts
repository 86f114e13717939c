/**
 * The plain channels of the backend: app info, profiles, settings, activity export, clipboard,
 * external links, MFA answers and refresh ids that do not exist.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf, type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { defaultRegions: ['us-east-1'], hiddenProfiles: ['sso-signed-out'] } });
});
afterAll(() => h?.close());

describe('backend channels', () => {
  it('app:info names the files in use', async () => {
    const info = await h.backend.handlers['app:info'](undefined);
    expect(info).toMatchObject({
      version: '0.0.0-test',
      demo: false,
      platform: process.platform,
      settingsNotice: null,
    });
    expect(info.configFile).toBe(h.env.AWS_CONFIG_FILE);
    expect(info.settingsFile.startsWith(h.settingsDir)).toBe(true);
  });

  it('profiles:list returns every profile, hidden ones included; a refresh of all skips hidden ones', async () => {
    const list = await h.backend.handlers['profiles:list']({ reload: true });
    expect(list.profiles.map((p) => p.name)).toContain('sso-signed-out');
    const summary = await h.refreshAll();
    expect(summary.rows.some((r) => r.profile === 'sso-signed-out')).toBe(false);
    expect(summary.total).toBe(list.profiles.length - 1);
  });

  it('settings:update changes what settings:get returns', async () => {
    const next = await h.backend.handlers['settings:update']({ concurrency: 8, readOnly: false });
    expect(next.concurrency).toBe(8);
    expect((await h.backend.handlers['settings:get'](undefined)).concurrency).toBe(8);
  });

  it('activity:export writes CSV to the chosen path, and saves nothing when the dialog is cancelled', async () => {
    await h.backend.handlers['administrator:disassociate']({ profile: 'member-pending', region: 'us-east-1' }).catch(
      () => null,
    );
    const saved = await h.backend.handlers['activity:export']({ format: 'csv' });
    expect(saved).toMatchObject({ saved: true, path: h.savePath, entries: 1 });
    const text = await fs.readFile(h.savePath!, 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/action/);
    expect(text).toMatch(/disassociate/);
    h.savePath = null;
    expect(await h.backend.handlers['activity:export']({ format: 'json' })).toMatchObject({ saved: false, path: null });
  });

  it('clipboard:write and external:open go to the injected ports', async () => {
    expect(await h.backend.handlers['clipboard:write']({ text: 'aws sso login --profile x' })).toBeNull();
    expect(h.clipboard).toEqual(['aws sso login --profile x']);
    expect(await h.backend.handlers['external:open']({ url: 'https://console.aws.amazon.com/securityhub/' })).toEqual({
      opened: true,
      reason: null,
    });
    expect(h.opened).toEqual(['https://console.aws.amazon.com/securityhub/']);
  });

  it('refuses an answer to an unknown MFA prompt and says a finished refresh was not cancelled', async () => {
    expect((await appErrorOf(h.backend.handlers['mfa:answer']({ promptId: 'nope', code: '123456' }))).kind).toBe(
      'not-found',
    );
    expect(await h.backend.handlers['refresh:cancel']({ refreshId: 'nope' })).toEqual({ cancelled: false });
  });

  it('refresh:start of an unknown profile is a not-found error', async () => {
    const error = await appErrorOf(
      h.backend.handlers['refresh:start']({ scope: { kind: 'profile', profile: 'ghost' } }),
    );
    expect(error.kind).toBe('not-found');
  });
});

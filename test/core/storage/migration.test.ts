/**
 * Files written by the version before services (test/fixtures/stored-v1, made with that version's
 * own code) load after the upgrade: every setting kept and every service read, every row kept as a
 * Security Hub CSPM row of the new shape, every activity entry kept with its service. The settings
 * file the first version with services wrote (test/fixtures/stored-seam) reads every service too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../main/core/backend';
import { serviceIds, servicesRead } from '../../../main/core/services/registry';
import { openActivityLog } from '../../../main/core/storage/activity';
import { openSettings } from '../../../main/core/storage/settings';
import { openSnapshots } from '../../../main/core/storage/snapshots';
import { unpackCachedRows } from '../../../main/domain/cached-rows';
import { rowSchema } from '../../../main/domain/row';
import { filesStartingWith, makeTempDir } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/stored-v1');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const oldRows = () => (JSON.parse(read('snapshots.json')) as { rows: Record<string, unknown>[] }).rows;

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
  for (const name of ['settings.json', 'snapshots.json', 'activity.jsonl']) {
    fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  }
});
afterEach(() => cleanup());

describe('files of the version before services', () => {
  it('are what that version wrote: rows without a service, the state under `hub`, one administrator', () => {
    const rows = oldRows();
    expect(rows).toHaveLength(41);
    for (const row of rows) {
      expect(row).not.toHaveProperty('service');
      expect(row).toHaveProperty('hub');
      expect(row).toHaveProperty('administrator');
    }
    expect(JSON.parse(read('settings.json'))).not.toHaveProperty('services');
  });

  it('keep every setting; every service is read, those added later too, and nothing is reset', () => {
    const store = openSettings({ cwd: dir });
    expect(store.notice).toBeNull();
    expect(store.get()).toEqual({
      serviceMode: 'all',
      services: serviceIds(),
      defaultRegionMode: 'list',
      defaultRegions: ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1'],
      profileRegions: { 'member-pending': ['us-east-1', 'eu-west-1'] },
      hiddenProfiles: ['sso-signed-out'],
      selectedView: 'overview',
      concurrency: 32,
      autoRefreshMinutes: 0,
      callTimeoutMs: 15000,
      credentialTimeoutSeconds: 30,
      readOnly: false,
      confirmations: { decline: true, disassociate: true, adminActions: true },
      theme: 'dark',
      // Added: nothing trusted yet (the first refresh seeds it from what the workstation knows).
      trustedAdministrators: [],
      workers: null,
    });
    expect(store.getWindowState()).toEqual({ x: 40, y: 30, width: 1280, height: 800, maximized: false });
    // The file shows every setting now, the new one included; no backup was needed.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      serviceMode: 'all',
      services: serviceIds(),
    });
    expect(servicesRead(store.get())).toEqual(serviceIds());
    expect(filesStartingWith(dir, 'settings.corrupt-')).toEqual([]);
  });

  it('as the first version with services rewrote them (`services: ["securityhub"]`, no choice made), read every service', () => {
    const seam = path.resolve(__dirname, '../../fixtures/stored-seam/settings.json');
    expect(JSON.parse(fs.readFileSync(seam, 'utf8'))).toMatchObject({ services: ['securityhub'] });
    expect(JSON.parse(fs.readFileSync(seam, 'utf8'))).not.toHaveProperty('serviceMode');
    fs.copyFileSync(seam, path.join(dir, 'settings.json'));
    const store = openSettings({ cwd: dir });
    expect(store.notice).toBeNull();
    expect(store.get()).toMatchObject({
      serviceMode: 'all',
      services: ['securityhub'],
      concurrency: 32,
      theme: 'dark',
    });
    expect(servicesRead(store.get())).toEqual(serviceIds());
    // GuardDuty, added after the file was written, is read too.
    expect(servicesRead(store.get())).toContain('guardduty');
    // The mode is written; a list chosen afterwards stays a list.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({ serviceMode: 'all' });
    store.update({ serviceMode: 'list', services: ['securityhub'] });
    const reopened = openSettings({ cwd: dir });
    expect(reopened.get()).toMatchObject({ serviceMode: 'list', services: ['securityhub'] });
    expect(servicesRead(reopened.get())).toEqual(['securityhub']);
  });

  it('keep every row, as a Security Hub CSPM row of the new shape', () => {
    const store = openSnapshots({ cwd: dir });
    const rows = store.load();
    expect(store.notice).toBeNull();
    expect(rows).toHaveLength(41);
    const before = new Map(oldRows().map((r) => [`${r.profile}|${r.region}`, r]));
    for (const row of rows) {
      const old = before.get(`${row.profile}|${row.region}`) as Record<string, unknown>;
      expect(row.service).toBe('securityhub');
      expect(row.state).toBe(old.hub);
      expect(row.administrators).toEqual(old.administrator ? [old.administrator] : []);
      expect(row.pendingInvitations).toEqual(old.pendingInvitations);
      expect(row.error).toEqual(old.error);
      expect(row.notes).toEqual(old.notes);
      expect(row.fetchedAt).toBe(old.fetchedAt);
      expect(row.stale).toBe(true);
      // The fields no longer read are gone, not carried as null.
      expect(row).not.toHaveProperty('hub');
      expect(row).not.toHaveProperty('hubArn');
      expect(row).not.toHaveProperty('invitationsCount');
      expect(rowSchema.safeParse(row).success).toBe(true);
    }
    const admin = rows.find((r) => r.profile === 'admin' && r.region === 'us-east-1');
    expect(admin?.members?.map((m) => m.accountId).sort()).toEqual([
      '222222222222',
      '333333333333',
      '444444444444',
      '555555555555',
      '999999999999',
    ]);
    const pending = rows.find((r) => r.profile === 'hub-off' && r.region === 'us-east-1');
    expect(pending?.pendingInvitations.map((i) => i.accountId)).toEqual(['111111111111']);
    // Members stored once in `memberLists` come back as the row's own list.
    const member = rows.find((r) => r.profile === 'member-enabled' && r.region === 'us-east-1');
    expect(member?.members).toEqual([]);
    expect(member?.administrators.map((a) => [a.accountId, a.memberStatus])).toEqual([['111111111111', 'Enabled']]);
  });

  it('are saved again in the new shape, and read back the same', () => {
    const rows = openSnapshots({ cwd: dir }).load();
    openSnapshots({ cwd: dir }).save(rows);
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'snapshots.json'), 'utf8')) as {
      version: number;
      rows: Record<string, unknown>[];
    };
    expect(file.version).toBe(3);
    expect(file.rows.every((r) => r.service === 'securityhub' && 'state' in r && !('hub' in r))).toBe(true);
    expect(openSnapshots({ cwd: dir }).load()).toEqual(rows);
  });

  it('keep every activity entry, with its service', async () => {
    const entries = await openActivityLog({ cwd: dir, source: 'app' }).list();
    expect(entries.map((e) => [e.action, e.region, e.service, e.outcome])).toEqual([
      ['decline', 'eu-west-1', 'securityhub', 'succeeded'],
      ['accept', 'us-east-1', 'securityhub', 'succeeded'],
    ]);
  });

  it('open in the app as they are: no notice, the last session’s rows shown, the activity listed', async () => {
    const backend = createBackend({
      env: { AWS_CONFIG_FILE: path.join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-creds') },
      settingsDir: dir,
      source: 'app',
      version: '0.0.0-test',
      demo: false,
      emit: () => {},
      clipboard: { writeText: async () => {} },
      openExternal: async () => ({ opened: false, reason: null }),
      chooseSavePath: async () => null,
    });
    try {
      expect((await backend.handlers['app:info'](undefined)).settingsNotice).toBeNull();
      const cached = unpackCachedRows(await backend.handlers['snapshots:cached'](undefined));
      expect(cached).toHaveLength(41);
      expect(new Set(cached.map((r) => r.service))).toEqual(new Set(['securityhub']));
      expect(await backend.handlers['activity:list'](undefined)).toHaveLength(2);
    } finally {
      await backend.dispose();
    }
  });
});

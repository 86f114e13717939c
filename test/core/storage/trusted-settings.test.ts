/**
 * The trusted administrators list in settings.json: checked as every setting is (at the door and in
 * a hand-edited file), a bad entry costing only itself, and the account-names cache beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openNamesStore } from '../../../main/core/storage/names-store';
import { openSettings } from '../../../main/core/storage/settings';
import { AppErrorException } from '../../../main/domain/errors';
import { filesStartingWith, makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

const SINCE = '2026-12-01T00:00:00.000Z';
const trusted = (accountId: string, service = '*', origin: 'you' | 'administrator' = 'you') => ({
  accountId,
  service,
  origin,
  since: SINCE,
});

describe('trustedAdministrators', () => {
  it('starts empty, and keeps what an update gives it', () => {
    const store = openSettings({ cwd: dir });
    expect(store.get().trustedAdministrators).toEqual([]);
    store.update({ trustedAdministrators: [trusted('111111111111', 'securityhub', 'administrator')] });
    expect(openSettings({ cwd: dir }).get().trustedAdministrators).toEqual([
      trusted('111111111111', 'securityhub', 'administrator'),
    ]);
  });

  it('refuses an entry that is not an account id, a service the app does not have, or an account twice', () => {
    const store = openSettings({ cwd: dir });
    const refused = (list: unknown) => {
      try {
        store.update({ trustedAdministrators: list as never });
      } catch (error) {
        return error instanceof AppErrorException ? error.appError.message : String(error);
      }
      return null;
    };
    expect(refused([trusted('11111111111')])).toMatch(/12-digit/);
    expect(refused([trusted('111111111111', 'nosuchservice')])).toMatch(/services the app reads/);
    expect(refused([trusted('111111111111'), trusted('111111111111')])).toMatch(/twice/);
    expect(store.get().trustedAdministrators).toEqual([]);
  });

  it('keeps the good entries of a hand-edited list with one bad entry, and says so', () => {
    openSettings({ cwd: dir });
    const file = path.join(dir, 'settings.json');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    raw.trustedAdministrators = [trusted('222222222222'), { accountId: 'not-an-account', service: '*' }];
    fs.writeFileSync(file, JSON.stringify(raw));
    const store = openSettings({ cwd: dir });
    expect(store.get().trustedAdministrators).toEqual([trusted('222222222222')]);
    expect(store.notice).toMatch(/"trustedAdministrators" was .*invalid entries removed/);
    expect(filesStartingWith(dir, 'settings.corrupt-')).toHaveLength(1);
  });
});

describe('the account names cache', () => {
  it('keeps the entries that fit and leaves out the others', () => {
    const file = path.join(dir, 'names.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        names: {
          '111111111111': [{ name: 'Security Tooling', source: 'organizations', via: 'admin', at: SINCE }],
          'not-an-id': [{ name: 'x', source: 'organizations', via: 'admin', at: SINCE }],
          '222222222222': [{ name: 'y', source: 'telepathy', via: 'admin', at: SINCE }],
        },
        denied: { 'organizations:444444444444': { code: 'AccessDeniedException', at: SINCE, via: 'org-member' } },
        organizations: [{ lister: '111111111111', via: 'admin', at: SINCE, accounts: ['111111111111', 'bad'] }],
      }),
    );
    const state = openNamesStore({ cwd: dir }).load();
    expect(Object.keys(state.names)).toEqual(['111111111111']);
    expect(state.denied['organizations:444444444444']?.code).toBe('AccessDeniedException');
    // A listing with a bad account id is not trusted whole.
    expect(state.organizations).toEqual([]);
  });

  it('sets a file that is not JSON aside and starts again, saying so', () => {
    fs.writeFileSync(path.join(dir, 'names.json'), '{ not json');
    const store = openNamesStore({ cwd: dir });
    expect(store.load().names).toEqual({});
    expect(store.notice).toMatch(/could not be used \(it is not valid JSON\)/);
    expect(filesStartingWith(dir, 'names.corrupt-')).toHaveLength(1);
    store.save({ ...store.load(), answered: { 'iam:111111111111': SINCE } });
    expect(fs.statSync(path.join(dir, 'names.json')).mode & 0o777).toBe(0o600);
    expect(openNamesStore({ cwd: dir }).load().answered).toEqual({ 'iam:111111111111': SINCE });
  });
});

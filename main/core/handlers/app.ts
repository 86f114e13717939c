/** The app itself, its profiles and its rows: info, profile list, cached rows, refresh. */
import type { Handlers } from '../../../preload/api';
import { packCachedRows } from '../../domain/cached-rows';
import type { BackendCore } from '../backend-core';

type AppChannels =
  | 'app:info'
  | 'profiles:list'
  | 'snapshots:cached'
  | 'refresh:start'
  | 'refresh:cancel'
  | 'regions:recheck';

export function appHandlers(core: BackendCore): Pick<Handlers, AppChannels> {
  const { deps, store, refresh, clients } = core;
  return {
    async 'app:info'() {
      const list = await clients.listProfiles();
      return {
        version: deps.version,
        demo: deps.demo,
        platform: process.platform,
        configFile: list.configFile,
        credentialsFile: list.credentialsFile,
        settingsFile: store.path,
        settingsNotice: store.notice,
      };
    },
    async 'profiles:list'(request) {
      if (request?.reload) await clients.reload();
      return clients.listProfiles();
    },
    async 'snapshots:cached'() {
      core.rows.flush();
      return packCachedRows(store.loadSnapshots());
    },
    'refresh:start'(request) {
      return refresh.start(request.scope, { reload: request.reload ?? false });
    },
    async 'refresh:cancel'(request) {
      return { cancelled: refresh.cancel(request.refreshId) };
    },
    async 'regions:recheck'(request) {
      const { knownAccounts, regionChecks } = core;
      const own = request.profile ? knownAccounts.get(request.profile) : null;
      if (request.profile && !own) return { refreshId: null, total: 0, forgotten: 0 };
      const forgotten = regionChecks.forget(own ? new Set([own]) : undefined);
      // The rows of every profile known to reach an account whose answer was forgotten.
      const existing = new Set((await clients.listProfiles()).profiles.map((p) => p.name));
      const rows = knownAccounts
        .entries()
        .filter(([profile]) => existing.has(profile))
        .flatMap(([profile, accountId]) =>
          forgotten.filter((f) => f.accountId === accountId).map((f) => ({ profile, region: f.region })),
        );
      if (rows.length === 0) return { refreshId: null, total: 0, forgotten: forgotten.length };
      return { ...(await refresh.start({ kind: 'rows', rows })), forgotten: forgotten.length };
    },
  };
}

/** The app itself, its profiles and its rows: info, profile list, cached rows, refresh. */
import type { Handlers } from '../../../preload/api';
import type { BackendCore } from '../backend-core';

type AppChannels = 'app:info' | 'profiles:list' | 'snapshots:cached' | 'refresh:start' | 'refresh:cancel';

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
      return store.loadSnapshots();
    },
    'refresh:start'(request) {
      return refresh.start(request.scope, { reload: request.reload ?? false });
    },
    async 'refresh:cancel'(request) {
      return { cancelled: refresh.cancel(request.refreshId) };
    },
  };
}

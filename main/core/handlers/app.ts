/** The app itself, its profiles and its rows: info, profile list, cached rows, refresh, the rows a selection names. */
import type { Handlers } from '../../../contract/api';
import { packCachedRows } from '../../domain/cached-rows';
import type { BackendCore } from '../backend-core';
import { permissionsPolicy } from '../permissions/policy';
import { planRows } from '../rows/plan-rows';
import { serviceInfos, servicesRead } from '../services/registry';

type AppChannels =
  | 'app:info'
  | 'profiles:list'
  | 'snapshots:cached'
  | 'refresh:start'
  | 'refresh:cancel'
  | 'rows:plan'
  | 'regions:recheck'
  | 'names:get'
  | 'permissions:policy';

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
        settingsNotice: core.notice(),
        services: serviceInfos(),
        unsettledWrites: await core.leftOverWrites,
      };
    },
    async 'profiles:list'(request) {
      if (request?.reload) await core.reloadProfiles();
      return clients.listProfiles();
    },
    async 'snapshots:cached'() {
      core.rows.flush();
      return packCachedRows(core.snapshots.load());
    },
    'refresh:start'(request) {
      return refresh.start(request.scope, { reload: request.reload ?? false });
    },
    async 'refresh:cancel'(request) {
      return { cancelled: refresh.cancel(request.refreshId) };
    },
    async 'rows:plan'(request) {
      const plans = planRows((await clients.listProfiles()).profiles, store.get(), { kind: 'select', ...request });
      return plans.map(({ service, profile, region }) => ({ service, profile, region }));
    },
    async 'permissions:policy'(request) {
      return permissionsPolicy(request);
    },
    async 'names:get'() {
      return core.names.current();
    },
    async 'regions:recheck'(request) {
      const { knownAccounts, regionChecks } = core;
      const own = request.profile ? knownAccounts.get(request.profile) : null;
      if (request.profile && !own) return { refreshId: null, total: 0, forgotten: 0 };
      const forgotten = regionChecks.forget(own ? new Set([own]) : undefined);
      // The rows of every profile known to reach an account whose answer was forgotten: every service
      // read for a region's answer, the one service for a service's.
      const existing = new Set((await clients.listProfiles()).profiles.map((p) => p.name));
      const services = servicesRead(store.get());
      const rows = knownAccounts
        .entries()
        .filter(([profile]) => existing.has(profile))
        .flatMap(([profile, accountId]) =>
          forgotten
            .filter((f) => f.accountId === accountId)
            .flatMap((f) =>
              (f.service === null ? services : services.filter((s) => s === f.service)).map((service) => ({
                service,
                profile,
                region: f.region,
              })),
            ),
        );
      if (rows.length === 0) return { refreshId: null, total: 0, forgotten: forgotten.length };
      return { ...(await refresh.start({ kind: 'rows', rows })), forgotten: forgotten.length };
    },
  };
}

/** The administrator side: members, invitations, turning a service on, the handshake, integrations. */
import type { Handlers } from '../../../contract/api';
import { runHandshake } from '../admin/handshake';
import { memberBatch, readContext, readMemberDetails, readMembers, turnServiceOn } from '../admin/members';
import { readMembersCsv } from '../admin/members-csv';
import type { BackendCore, BackendDeps } from '../backend-core';
import { serviceOf } from '../services/registry';
import { securityHub } from '../services/securityhub';
import { createProductCatalogue } from '../services/securityhub/products';

type AdminChannels =
  | 'members:list'
  | 'members:get'
  | 'members:create'
  | 'members:invite'
  | 'members:disassociate'
  | 'members:delete'
  | 'invitations:delete'
  | 'service:enable'
  | 'members:import-csv'
  | 'handshake:run'
  | 'products:list';

/** Needs only these parts of the core, so a worker thread builds the same handlers (main/core/workers). */
export function adminHandlers({
  actionEnv,
  deps,
  clock,
}: Pick<BackendCore, 'actionEnv' | 'clock'> & { deps: Pick<BackendDeps, 'chooseOpenPath'> }): Pick<
  Handlers,
  AdminChannels
> {
  // The product catalogue is Security Hub CSPM's own (its integrations page).
  const products = createProductCatalogue(
    (profile, region) => readContext(actionEnv, securityHub, profile, region),
    clock,
  );
  const withService = <R extends { service?: string | undefined }>(request: R) => ({
    ...request,
    service: serviceOf(request.service),
  });
  return {
    'members:list': (request) => readMembers(actionEnv, withService(request)),
    'members:get': (request) => readMemberDetails(actionEnv, withService(request)),
    'members:create': (request) => memberBatch(actionEnv, 'create-members', withService(request)),
    'members:invite': (request) => memberBatch(actionEnv, 'invite-members', accountsOf(request)),
    'members:disassociate': (request) => memberBatch(actionEnv, 'disassociate-members', accountsOf(request)),
    'members:delete': (request) => memberBatch(actionEnv, 'delete-members', accountsOf(request)),
    'invitations:delete': (request) => memberBatch(actionEnv, 'delete-invitations', accountsOf(request)),
    'service:enable': (request) => turnServiceOn(actionEnv, withService(request)),
    async 'members:import-csv'() {
      const file = await deps.chooseOpenPath?.({ title: 'Import member accounts', extensions: ['csv'] });
      if (!file) return { path: null, accounts: [], errors: [], moreErrors: 0 };
      return readMembersCsv(file);
    },
    'handshake:run': (request) => runHandshake(actionEnv, withService(request)),
    'products:list': (request) => products.list(request.profile, request.region),
  };
}

function accountsOf(request: { service?: string | undefined; profile: string; region: string; accountIds: string[] }) {
  return {
    service: serviceOf(request.service),
    profile: request.profile,
    region: request.region,
    accounts: request.accountIds.map((accountId) => ({ accountId })),
  };
}

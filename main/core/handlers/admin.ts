/** The administrator side: members, invitations, Security Hub itself, the handshake, integrations. */
import type { Handlers } from '../../../preload/api';
import { runHandshake } from '../admin/handshake';
import { enableHub, memberBatch, readMemberDetails, readMembers } from '../admin/members';
import { readMembersCsv } from '../admin/members-csv';
import { createProductCatalogue } from '../admin/products';
import type { BackendCore } from '../backend-core';

type AdminChannels =
  | 'members:list'
  | 'members:get'
  | 'members:create'
  | 'members:invite'
  | 'members:disassociate'
  | 'members:delete'
  | 'invitations:delete'
  | 'hub:enable'
  | 'members:import-csv'
  | 'handshake:run'
  | 'products:list';

export function adminHandlers({ actions, deps }: BackendCore): Pick<Handlers, AdminChannels> {
  const products = createProductCatalogue(actions);
  return {
    'members:list': (request) => readMembers(actions, request),
    'members:get': (request) => readMemberDetails(actions, request),
    'members:create': (request) => memberBatch(actions, 'CreateMembers', request),
    'members:invite': (request) => memberBatch(actions, 'InviteMembers', accountsOf(request)),
    'members:disassociate': (request) => memberBatch(actions, 'DisassociateMembers', accountsOf(request)),
    'members:delete': (request) => memberBatch(actions, 'DeleteMembers', accountsOf(request)),
    'invitations:delete': (request) => memberBatch(actions, 'DeleteInvitations', accountsOf(request)),
    'hub:enable': (request) => enableHub(actions, request),
    async 'members:import-csv'() {
      const file = await deps.chooseOpenPath?.({ title: 'Import member accounts', extensions: ['csv'] });
      if (!file) return { path: null, accounts: [], errors: [], moreErrors: 0 };
      return readMembersCsv(file);
    },
    'handshake:run': (request) => runHandshake(actions, request),
    'products:list': (request) => products.list(request.profile, request.region),
  };
}

function accountsOf(request: { profile: string; region: string; accountIds: string[] }) {
  return {
    profile: request.profile,
    region: request.region,
    accounts: request.accountIds.map((accountId) => ({ accountId })),
  };
}

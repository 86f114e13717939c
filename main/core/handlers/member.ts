/** The member side: answer invitations, leave the administrator, answer many rows at once. */
import type { Handlers } from '../../../preload/api';
import { runBulk } from '../actions/bulk';
import { acceptInvitation, declineInvitation, disassociateFromAdministrator } from '../actions/member';
import type { BackendCore } from '../backend-core';

type MemberChannels = 'invitation:accept' | 'invitation:decline' | 'administrator:disassociate' | 'bulk:run';

export function memberHandlers({ actions }: BackendCore): Pick<Handlers, MemberChannels> {
  return {
    'invitation:accept': (request) => acceptInvitation(actions, request),
    'invitation:decline': (request) => declineInvitation(actions, request),
    'administrator:disassociate': (request) => disassociateFromAdministrator(actions, request),
    'bulk:run': (request) => runBulk(actions, request),
  };
}

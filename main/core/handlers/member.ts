/** The member side: answer invitations, leave the administrator, answer many rows at once. */
import type { Handlers } from '../../../contract/api';
import { runBulk } from '../actions/bulk';
import { disassociateFromAdministrator } from '../actions/leave';
import { acceptInvitation, declineInvitation } from '../actions/member';
import type { BackendCore } from '../backend-core';
import { serviceOf } from '../services/registry';

type MemberChannels = 'invitation:accept' | 'invitation:decline' | 'administrator:disassociate' | 'bulk:run';

/** Needs only the action environment, so a worker thread builds the same handlers (main/core/workers). */
export function memberHandlers({ actionEnv }: Pick<BackendCore, 'actionEnv'>): Pick<Handlers, MemberChannels> {
  return {
    'invitation:accept': (request) =>
      acceptInvitation(actionEnv, {
        ...request,
        service: serviceOf(request.service),
        invitationId: request.invitationId ?? null,
      }),
    'invitation:decline': (request) =>
      declineInvitation(actionEnv, { ...request, service: serviceOf(request.service) }),
    'administrator:disassociate': (request) =>
      disassociateFromAdministrator(actionEnv, {
        ...request,
        service: serviceOf(request.service),
        administratorId: request.administratorId ?? null,
      }),
    'bulk:run': (request) => runBulk(actionEnv, request),
  };
}

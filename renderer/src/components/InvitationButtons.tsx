import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdministratorInfo, InvitationInfo, ServiceInfo, ServiceRow } from '../../../contract/api';
import { administeredMembers } from '../../../main/domain/row-rules';
import { isEnabled } from '../../../main/domain/statuses';
import { actionId, useRowActions } from '../data/row-actions';
import { rowTestId } from '../data/rows';
import { referenceLabel, useServices } from '../data/services';
import { plural } from '../lib/format';
import { visible } from '../lib/visible';

/** Accept (one click) and Decline for one pending invitation of a row. */
export function InvitationButtons({ row, invitation }: { row: ServiceRow; invitation: InvitationInfo }) {
  const actions = useRowActions();
  const services = useServices();
  // Where the service names invitations by something the person must tell apart (Detective's graph
  // ARN: one administrator may invite through several), the buttons' names say which.
  const named = services.find((s) => s.id === row.service)?.invitationReference;
  const which = named ? ` (${referenceLabel(services, row.service)} ${visible(invitation.invitationId)})` : '';
  const where = `${which} for ${visible(row.profile)} in ${row.region}`;
  const acceptId = actionId.accept(row, invitation.accountId, invitation.invitationId);
  const declineId = actionId.decline(row, invitation.accountId, invitation.invitationId);
  const reason = actions.disabledReason ?? undefined;
  const acceptReason = reason ?? administratorReason(row, services) ?? undefined;
  return (
    <SpaceBetween direction="horizontal" size="xs" alignItems="center">
      <Button
        ariaLabel={`Accept invitation from ${visible(invitation.accountId)}${where}`}
        data-testid={`accept-${rowTestId(row)}|${invitation.accountId}`}
        loading={actions.isBusy(acceptId)}
        disabled={Boolean(acceptReason) || actions.isBusy(declineId)}
        disabledReason={acceptReason}
        onClick={() => actions.accept(row, invitation)}
      >
        Accept
      </Button>
      {/* A link-style Decline keeps both on one line in the Overview's column (two normal buttons
          wrapped, making every pending row three lines tall) and leaves Accept the one to see. */}
      <Button
        variant="inline-link"
        ariaLabel={`Decline invitation from ${visible(invitation.accountId)}${where}`}
        data-testid={`decline-${rowTestId(row)}|${invitation.accountId}`}
        loading={actions.isBusy(declineId)}
        disabled={Boolean(reason) || actions.isBusy(acceptId)}
        disabledReason={reason}
        onClick={() => actions.decline(row, invitation)}
      >
        Decline
      </Button>
    </SpaceBetween>
  );
}

/**
 * Why the row's account cannot accept: it administers members, and the service allows no account to
 * be administrator and member at once (AWS refuses the accept). Null where accepting is allowed.
 */
export function administratorReason(row: ServiceRow, services: readonly ServiceInfo[]): string | null {
  if (!services.find((s) => s.id === row.service)?.administratorCannotAccept) return null;
  const members = administeredMembers(row);
  if (members === 0) return null;
  return `${row.accountId ?? row.profile} administers ${plural(members, 'member')} in ${row.region}; an administrator cannot accept an invitation. Remove its members first.`;
}

/** Memberships the account can leave itself: active, and not the organization's. */
const leavable = (row: ServiceRow) => row.administrators.filter((a) => isEnabled(a.memberStatus) && !a.viaOrganization);

/**
 * Leaves an administrator of the row's region (confirmation as Settings say): the one given, or the
 * row's one. A row with several (Detective's graphs) offers no row-wide leave: which one is chosen
 * on the profile page, where each membership has its own button.
 */
export function DisassociateButton({ row, administrator }: { row: ServiceRow; administrator?: AdministratorInfo }) {
  const actions = useRowActions();
  const services = useServices();
  const id = actionId.disassociate(row, administrator);
  const several = !administrator && leavable(row).length > 1;
  const reason =
    actions.disabledReason ??
    (several
      ? `${visible(row.profile)} is a member of ${leavable(row).length} administrators in ${row.region}: leave one on its profile page.`
      : undefined);
  const leaving = administrator ?? row.administrators.find((a) => isEnabled(a.memberStatus));
  const reference =
    administrator?.invitationId && services.find((s) => s.id === row.service)?.invitationReference
      ? ` (${referenceLabel(services, row.service)} ${visible(administrator.invitationId)})`
      : '';
  return (
    <Button
      ariaLabel={`Disassociate ${visible(row.profile)} from administrator ${visible(leaving?.accountId ?? '')}${reference} in ${row.region}`}
      data-testid={`disassociate-${rowTestId(row)}${administrator ? `|${administrator.accountId}` : ''}`}
      loading={actions.isBusy(id)}
      disabled={Boolean(reason)}
      disabledReason={reason}
      onClick={() => actions.disassociate(row, administrator)}
    >
      Disassociate
    </Button>
  );
}

/**
 * Whether the row's administrator relationship is one the member can still leave: only an active
 * one (Enabled, or its older name Associated) that the organization does not manage. Removed,
 * Resigned, Deleted or AccountSuspended are already over, or not the member's to end; a membership
 * the organization's delegated administrator made only it can end.
 */
export function canDisassociate(row: ServiceRow): boolean {
  return row.administrators.some((a) => isEnabled(a.memberStatus) && !a.viaOrganization);
}

/** The row's active memberships are all the organization's: nothing to leave, and it says why. */
export function isOrganizationManaged(row: ServiceRow): boolean {
  const active = row.administrators.filter((a) => isEnabled(a.memberStatus));
  return active.length > 0 && active.every((a) => a.viaOrganization === true);
}

/** Said where a Leave button would be. */
export function OrganizationManaged({ row }: { row: ServiceRow }) {
  return (
    <Box variant="small" color="text-body-secondary" data-testid={`org-managed-${rowTestId(row)}`}>
      Managed by your organization
    </Box>
  );
}

import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { InvitationInfo, ServiceRow } from '../../../contract/api';
import { isEnabled } from '../../../main/domain/statuses';
import { actionId, useRowActions } from '../data/row-actions';
import { rowTestId } from '../data/rows';
import { visible } from '../lib/visible';

/** Accept (one click) and Decline for one pending invitation of a row. */
export function InvitationButtons({ row, invitation }: { row: ServiceRow; invitation: InvitationInfo }) {
  const actions = useRowActions();
  const where = `for ${visible(row.profile)} in ${row.region}`;
  const acceptId = actionId.accept(row, invitation.accountId);
  const declineId = actionId.decline(row, invitation.accountId);
  const reason = actions.disabledReason ?? undefined;
  return (
    <SpaceBetween direction="horizontal" size="xs" alignItems="center">
      <Button
        ariaLabel={`Accept invitation from ${visible(invitation.accountId)} ${where}`}
        data-testid={`accept-${rowTestId(row)}|${invitation.accountId}`}
        loading={actions.isBusy(acceptId)}
        disabled={Boolean(reason) || actions.isBusy(declineId)}
        disabledReason={reason}
        onClick={() => actions.accept(row, invitation)}
      >
        Accept
      </Button>
      {/* A link-style Decline keeps both on one line in the Overview's column (two normal buttons
          wrapped, making every pending row three lines tall) and leaves Accept the one to see. */}
      <Button
        variant="inline-link"
        ariaLabel={`Decline invitation from ${visible(invitation.accountId)} ${where}`}
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

/** Leaves the current administrator of the row's region (confirmation as Settings say). */
export function DisassociateButton({ row }: { row: ServiceRow }) {
  const actions = useRowActions();
  const id = actionId.disassociate(row);
  const reason = actions.disabledReason ?? undefined;
  return (
    <Button
      ariaLabel={`Disassociate ${visible(row.profile)} from administrator ${visible(row.administrators.find((a) => isEnabled(a.memberStatus))?.accountId ?? '')} in ${row.region}`}
      data-testid={`disassociate-${rowTestId(row)}`}
      loading={actions.isBusy(id)}
      disabled={Boolean(reason)}
      disabledReason={reason}
      onClick={() => actions.disassociate(row)}
    >
      Disassociate
    </Button>
  );
}

/**
 * Whether the row's administrator relationship is one the member can still leave: only an active
 * one (Enabled, or its older name Associated). Removed, Resigned, Deleted or AccountSuspended are
 * already over, or not the member's to end.
 */
export function canDisassociate(row: ServiceRow): boolean {
  return row.administrators.some((a) => isEnabled(a.memberStatus));
}

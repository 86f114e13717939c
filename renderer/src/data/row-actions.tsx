import Button from '@cloudscape-design/components/button';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ActionOutcome, InvitationInfo, Result, ServiceRow } from '../../../contract/api';
import { isEnabled } from '../../../main/domain/statuses';
import { ConfirmModal } from '../components/ConfirmModal';
import { EnableHubModal } from '../components/EnableHub';
import { ErrorDetail } from '../components/ErrorDetail';
import { useFlash } from '../components/flash';
import { api } from '../lib/api';
import { asAppError, call, isServiceOffError, outcomeOfError } from '../lib/errors';
import { READ_ONLY_REASON } from '../lib/read-only';
import { queryKeys } from './keys';
import { useSettings } from './queries';
import { putRows, rowTestId } from './rows';
import { serviceNoun, useServices } from './services';

type Pending =
  | { kind: 'decline'; row: ServiceRow; invitation: InvitationInfo }
  | { kind: 'disassociate'; row: ServiceRow };

export interface RowActions {
  accept(row: ServiceRow, invitation: InvitationInfo): void;
  decline(row: ServiceRow, invitation: InvitationInfo): void;
  disassociate(row: ServiceRow): void;
  isBusy(id: string): boolean;
  /** Why actions are disabled (read-only mode), or null. */
  disabledReason: string | null;
}

export const actionId = {
  accept: (row: ServiceRow, adminId: string) => `accept|${row.service}|${row.profile}|${row.region}|${adminId}`,
  decline: (row: ServiceRow, adminId: string) => `decline|${row.service}|${row.profile}|${row.region}|${adminId}`,
  disassociate: (row: ServiceRow) => `disassociate|${row.service}|${row.profile}|${row.region}`,
};

/** What names a row in a request: its service always, so an action never lands on another service's row. */
const target = (row: ServiceRow) => ({ service: row.service, profile: row.profile, region: row.region });

const DEPRECATED_NOTE = ' IAM denied the new operation, so the deprecated one was used.';

const ActionsContext = createContext<RowActions | null>(null);

/**
 * Runs the member-side actions: one call per click (in-flight ids guard double clicks), the row
 * updated in place from ActionOutcome.row, the result in the Flashbar, confirmations as Settings say.
 */
export function RowActionsProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const flash = useFlash();
  const settings = useSettings().data;
  const services = useServices();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const inFlight = useRef(new Set<string>());
  const [pending, setPending] = useState<Pending | null>(null);
  const [enabling, setEnabling] = useState<ServiceRow | null>(null);
  const readOnly = settings?.readOnly ?? false;

  const run = useCallback(
    async (id: string, title: string, send: () => Promise<Result<ActionOutcome>>, where?: ServiceRow) => {
      if (inFlight.current.has(id)) return;
      inFlight.current.add(id);
      setBusy(new Set(inFlight.current));
      try {
        const outcome = await call(send());
        putRows(client, [outcome.row]);
        flash.push({
          type: 'success',
          header: title,
          content: outcome.message + (outcome.usedDeprecated ? DEPRECATED_NOTE : ''),
          // News of the page it was done on (the Activity page keeps the record).
          untilNavigation: true,
        });
      } catch (error) {
        const appError = asAppError(error);
        flash.push({
          type: 'error',
          // The activity log's word for it: a refusal (nothing changed, the rules say no) is not a failure.
          header: `${title} ${outcomeOfError(appError)}`,
          untilNavigation: true,
          content: <ErrorDetail error={appError} />,
          // The service off is the one refusal the user can clear from here.
          // The modal lives here, not inside the message, so the message can go while it is open.
          ...(where && isServiceOffError(appError)
            ? {
                action: (
                  <Button
                    onClick={() => setEnabling(where)}
                    ariaLabel={`Enable ${serviceNoun(services, where.service)} for ${where.profile} in ${where.region}`}
                    data-testid={`enable-hub-${rowTestId(where)}`}
                  >
                    {`Enable ${serviceNoun(services, where.service)}`}
                  </Button>
                ),
              }
            : {}),
        });
      } finally {
        inFlight.current.delete(id);
        setBusy(new Set(inFlight.current));
        void client.invalidateQueries({ queryKey: queryKeys.activity });
      }
    },
    [client, flash, services],
  );

  const sendDecline = useCallback(
    (row: ServiceRow, invitation: InvitationInfo) =>
      run(actionId.decline(row, invitation.accountId), `Decline invitation from ${invitation.accountId}`, () =>
        api().declineInvitation({ ...target(row), administratorId: invitation.accountId }),
      ),
    [run],
  );
  const sendDisassociate = useCallback(
    (row: ServiceRow) =>
      run(actionId.disassociate(row), `Disassociate ${row.profile} in ${row.region}`, () =>
        api().disassociateFromAdministrator(target(row)),
      ),
    [run],
  );

  const confirmations = settings?.confirmations ?? { decline: true, disassociate: true, adminActions: true };
  const value = useMemo<RowActions>(
    () => ({
      accept: (row, invitation) => {
        if (readOnly) return;
        void run(
          actionId.accept(row, invitation.accountId),
          `Accept invitation from ${invitation.accountId}`,
          () =>
            api().acceptInvitation({
              ...target(row),
              administratorId: invitation.accountId,
              invitationId: invitation.invitationId,
            }),
          row,
        );
      },
      decline: (row, invitation) => {
        if (readOnly) return;
        if (confirmations.decline) setPending({ kind: 'decline', row, invitation });
        else void sendDecline(row, invitation);
      },
      disassociate: (row) => {
        if (readOnly) return;
        if (confirmations.disassociate) setPending({ kind: 'disassociate', row });
        else void sendDisassociate(row);
      },
      isBusy: (id) => busy.has(id),
      disabledReason: readOnly ? READ_ONLY_REASON : null,
    }),
    [busy, confirmations.decline, confirmations.disassociate, readOnly, run, sendDecline, sendDisassociate],
  );

  const confirm = () => {
    if (!pending) return;
    setPending(null);
    if (pending.kind === 'decline') void sendDecline(pending.row, pending.invitation);
    else void sendDisassociate(pending.row);
  };

  return (
    <ActionsContext.Provider value={value}>
      {children}
      {enabling && (
        <EnableHubModal
          target={{ ...target(enabling), accountId: enabling.accountId }}
          onClose={() => setEnabling(null)}
        />
      )}
      {pending && (
        <ConfirmModal
          title={pending.kind === 'decline' ? 'Decline invitation?' : 'Disassociate from administrator?'}
          confirmLabel={pending.kind === 'decline' ? 'Decline' : 'Disassociate'}
          onCancel={() => setPending(null)}
          onConfirm={confirm}
        >
          {pending.kind === 'decline'
            ? `Account ${pending.row.accountId ?? pending.row.profile} (profile ${pending.row.profile}) will decline the invitation from administrator ${pending.invitation.accountId} in ${pending.row.region}.`
            : `Account ${pending.row.accountId ?? pending.row.profile} (profile ${pending.row.profile}) will stop being a member of administrator ${pending.row.administrators.find((a) => isEnabled(a.memberStatus))?.accountId ?? 'unknown'} in ${pending.row.region}. The administrator will no longer see this account's findings there.`}
        </ConfirmModal>
      )}
    </ActionsContext.Provider>
  );
}

export function useRowActions(): RowActions {
  const context = useContext(ActionsContext);
  if (!context) throw new Error('useRowActions needs a RowActionsProvider');
  return context;
}

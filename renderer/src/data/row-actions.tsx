import Button from '@cloudscape-design/components/button';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type {
  ActionOutcome,
  AdministratorInfo,
  InvitationInfo,
  Result,
  ServiceInfo,
  ServiceRow,
} from '../../../contract/api';
import { isEnabled } from '../../../main/domain/statuses';
import { isTrusted, UNTRUSTED } from '../../../main/domain/trust';
import { accountNoteOf } from '../components/AccountId';
import { ConfirmModal } from '../components/ConfirmModal';
import { EnableHubModal, TurnOnAndAccept } from '../components/EnableHub';
import { ErrorDetail } from '../components/ErrorDetail';
import { useFlash } from '../components/flash';
import { api } from '../lib/api';
import { asAppError, call, isServiceOffError, outcomeOfError } from '../lib/errors';
import { READ_ONLY_REASON } from '../lib/read-only';
import { visible } from '../lib/visible';
import { queryKeys } from './keys';
import { useAccountNames, useSettings } from './queries';
import { putRows, rowTestId } from './rows';
import { serviceLabel, serviceNoun, useServices } from './services';

type Pending =
  | { kind: 'decline'; row: ServiceRow; invitation: InvitationInfo }
  /** An accept from an administrator outside the trusted list: asked, naming the account. */
  | { kind: 'trust'; row: ServiceRow; invitation: InvitationInfo }
  /** `administrator`: the membership named, where the row has several (Detective's graphs). */
  | { kind: 'disassociate'; row: ServiceRow; administrator?: AdministratorInfo }
  /** Accepting where the service is off but its invitations are read (GuardDuty without a detector). */
  | { kind: 'turn-on'; row: ServiceRow; invitation: InvitationInfo; trustAdministrator: boolean };

/** What the person agreed to with an accept. */
interface AcceptConsent {
  trustAdministrator: boolean;
  turnOn: boolean;
}

export interface RowActions {
  accept(row: ServiceRow, invitation: InvitationInfo): void;
  decline(row: ServiceRow, invitation: InvitationInfo): void;
  /** Leaves the row's administrator, or the one named where the row has several. */
  disassociate(row: ServiceRow, administrator?: AdministratorInfo): void;
  isBusy(id: string): boolean;
  /** Why actions are disabled (read-only mode), or null. */
  disabledReason: string | null;
}

/** An action's in-flight id; the invitation reference where one administrator may stand behind several. */
export const actionId = {
  accept: (row: ServiceRow, adminId: string, reference = '') =>
    `accept|${row.service}|${row.profile}|${row.region}|${adminId}|${reference}`,
  decline: (row: ServiceRow, adminId: string, reference = '') =>
    `decline|${row.service}|${row.profile}|${row.region}|${adminId}|${reference}`,
  disassociate: (row: ServiceRow, administrator?: AdministratorInfo) =>
    `disassociate|${row.service}|${row.profile}|${row.region}|${administrator ? `${administrator.accountId}|${administrator.invitationId ?? ''}` : ''}`,
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
  const trusted = settings?.trustedAdministrators;
  const names = useAccountNames().data;

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
          // The same failure of the same action, tried again, is one message with a count.
          repeatKey: `${title}\n${appError.kind}\n${appError.message}`,
          // The service off is the one refusal the user can clear from here.
          // The modal lives here, not inside the message, so the message can go while it is open.
          ...(where && isServiceOffError(appError)
            ? {
                action: (
                  <Button
                    onClick={() => setEnabling(where)}
                    ariaLabel={`Enable ${serviceLabel(services, where.service)} for ${where.profile} in ${where.region}`}
                    data-testid={`enable-hub-${rowTestId(where)}`}
                  >
                    {`Enable ${serviceLabel(services, where.service)}`}
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

  const sendAccept = useCallback(
    (row: ServiceRow, invitation: InvitationInfo, { trustAdministrator, turnOn }: AcceptConsent) =>
      run(
        actionId.accept(row, invitation.accountId, invitation.invitationId),
        `Accept invitation from ${invitation.accountId}`,
        async () => {
          const result = await api().acceptInvitation({
            ...target(row),
            administratorId: invitation.accountId,
            invitationId: invitation.invitationId,
            ...(trustAdministrator ? { trustAdministrator: true } : {}),
            ...(turnOn ? { turnOn: true } : {}),
          });
          // The administrator is on the trusted list now (main added it before accepting).
          if (trustAdministrator) void client.invalidateQueries({ queryKey: queryKeys.settings });
          return result;
        },
        row,
      ),
    [run, client],
  );
  /** Sends the accept, unless the service is off there: turning it on is billed, so that is asked first, always. */
  const acceptAsAgreed = useCallback(
    (row: ServiceRow, invitation: InvitationInfo, trustAdministrator: boolean) => {
      if (row.state === 'off') setPending({ kind: 'turn-on', row, invitation, trustAdministrator });
      else void sendAccept(row, invitation, { trustAdministrator, turnOn: false });
    },
    [sendAccept],
  );
  const sendDecline = useCallback(
    (row: ServiceRow, invitation: InvitationInfo) =>
      run(
        actionId.decline(row, invitation.accountId, invitation.invitationId),
        `Decline invitation from ${invitation.accountId}`,
        () =>
          api().declineInvitation({
            ...target(row),
            administratorId: invitation.accountId,
            // Where one administrator may stand behind several invitations (Detective's graphs): this one.
            ...(severalPerAdministrator(services, row.service) ? { invitationId: invitation.invitationId } : {}),
          }),
      ),
    [run, services],
  );
  const sendDisassociate = useCallback(
    (row: ServiceRow, administrator?: AdministratorInfo) =>
      run(actionId.disassociate(row, administrator), `Disassociate ${row.profile} in ${row.region}`, () =>
        api().disassociateFromAdministrator({
          ...target(row),
          ...(administrator
            ? {
                administratorId: administrator.accountId,
                ...(administrator.invitationId ? { invitationId: administrator.invitationId } : {}),
              }
            : {}),
        }),
      ),
    [run],
  );

  const confirmations = settings?.confirmations ?? { decline: true, disassociate: true, adminActions: true };
  const value = useMemo<RowActions>(
    () => ({
      accept: (row, invitation) => {
        if (readOnly) return;
        if (trusted && !isTrusted(trusted, row.service, invitation.accountId)) {
          setPending({ kind: 'trust', row, invitation });
        } else acceptAsAgreed(row, invitation, false);
      },
      decline: (row, invitation) => {
        if (readOnly) return;
        if (confirmations.decline) setPending({ kind: 'decline', row, invitation });
        else void sendDecline(row, invitation);
      },
      disassociate: (row, administrator) => {
        if (readOnly) return;
        if (confirmations.disassociate)
          setPending({ kind: 'disassociate', row, ...(administrator ? { administrator } : {}) });
        else void sendDisassociate(row, administrator);
      },
      isBusy: (id) => busy.has(id),
      disabledReason: readOnly ? READ_ONLY_REASON : null,
    }),
    [
      busy,
      confirmations.decline,
      confirmations.disassociate,
      readOnly,
      trusted,
      acceptAsAgreed,
      sendDecline,
      sendDisassociate,
    ],
  );

  const confirm = () => {
    if (!pending) return;
    setPending(null);
    if (pending.kind === 'decline') void sendDecline(pending.row, pending.invitation);
    else if (pending.kind === 'trust') acceptAsAgreed(pending.row, pending.invitation, true);
    else if (pending.kind === 'turn-on') {
      void sendAccept(pending.row, pending.invitation, {
        trustAdministrator: pending.trustAdministrator,
        turnOn: true,
      });
    } else void sendDisassociate(pending.row, pending.administrator);
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
      {pending?.kind === 'trust' && (
        <ConfirmModal
          title="Accept from an administrator you have not trusted?"
          confirmLabel="Trust and accept"
          onCancel={() => setPending(null)}
          onConfirm={confirm}
        >
          {trustQuestion(
            pending.row,
            pending.invitation.accountId,
            accountNoteOf(names, pending.invitation.accountId),
            serviceNoun(services, pending.row.service),
          )}
        </ConfirmModal>
      )}
      {pending?.kind === 'turn-on' && (
        <TurnOnAndAccept
          row={pending.row}
          invitation={pending.invitation}
          onCancel={() => setPending(null)}
          onConfirm={confirm}
        />
      )}
      {(pending?.kind === 'decline' || pending?.kind === 'disassociate') && (
        <ConfirmModal
          title={pending.kind === 'decline' ? 'Decline invitation?' : 'Disassociate from administrator?'}
          confirmLabel={pending.kind === 'decline' ? 'Decline' : 'Disassociate'}
          onCancel={() => setPending(null)}
          onConfirm={confirm}
        >
          {pending.kind === 'decline'
            ? `Account ${pending.row.accountId ?? pending.row.profile} (profile ${pending.row.profile}) will decline the invitation from administrator ${pending.invitation.accountId} in ${pending.row.region}.`
            : `Account ${pending.row.accountId ?? pending.row.profile} (profile ${pending.row.profile}) will stop being a member of administrator ${leaving(pending.row, pending.administrator)} in ${pending.row.region}. The administrator will no longer see this account's findings there.`}
        </ConfirmModal>
      )}
    </ActionsContext.Provider>
  );
}

/** The service lets a member have several administrators at once (Detective: one per behavior graph). */
function severalPerAdministrator(services: readonly ServiceInfo[], id: string): boolean {
  return (services.find((s) => s.id === id)?.maxAdministrators ?? 1) > 1;
}

/** The administrator a leave ends, with its reference where one was named (Detective: its graph ARN). */
function leaving(row: ServiceRow, administrator: AdministratorInfo | undefined): string {
  if (administrator) {
    const reference = administrator.invitationId ? ` (${visible(administrator.invitationId)})` : '';
    return `${visible(administrator.accountId)}${reference}`;
  }
  return visible(row.administrators.find((a) => isEnabled(a.memberStatus))?.accountId ?? 'unknown');
}

/** The question before trusting an administrator: the account named, and what accepting hands it. */
function trustQuestion(row: ServiceRow, administratorId: string, note: string | null, service: string): string {
  const who = note ? `${administratorId} (${note})` : administratorId;
  return `The invitation is ${UNTRUSTED}: ${who}. Accepting hands the ${service} findings of account ${
    row.accountId ?? row.profile
  } (profile ${row.profile}) in ${row.region} to it, and adds it to your trusted ${service} administrators.`;
}

export function useRowActions(): RowActions {
  const context = useContext(ActionsContext);
  if (!context) throw new Error('useRowActions needs a RowActionsProvider');
  return context;
}

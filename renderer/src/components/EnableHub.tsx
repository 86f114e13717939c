import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { InvitationInfo, ServiceRow } from '../../../contract/api';
import { queryKeys } from '../data/keys';
import { useSettings } from '../data/queries';
import { putRows, rowTestId } from '../data/rows';
import { serviceLabel, useServices } from '../data/services';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';
import { READ_ONLY_REASON } from '../lib/read-only';
import { visible } from '../lib/visible';
import { ConfirmModal } from './ConfirmModal';
import { ErrorDetail } from './ErrorDetail';
import { useFlash } from './flash';

/**
 * Whether the window offers to turn the row's service on: it is off, and AWS has not refused a
 * turn-on there because the organization's central configuration governs it (only the delegated
 * administrator can).
 */
export function offersTurnOn(row: Pick<ServiceRow, 'state' | 'centrallyManagedSince'>): boolean {
  return row.state === 'off' && !row.centrallyManagedSince;
}

/** Said where "Enable" would be, in a centrally managed account. */
export function CentrallyManaged({ row }: { row: ServiceRow }) {
  return (
    <Box variant="small" color="text-body-secondary" data-testid={`centrally-managed-${rowTestId(row)}`}>
      Centrally managed
    </Box>
  );
}

export interface EnableHubTarget {
  service: string;
  profile: string;
  region: string;
  accountId: string | null;
}

/**
 * "Enable Security Hub" for one profile and region: a button that opens the modal with the
 * default-standards choice and the billing note.
 */
export function EnableHubButton(props: EnableHubTarget & { onDone?(): void }) {
  const settings = useSettings().data;
  // The turn-on names the service as AWS does ("Security Hub CSPM"): it is billed, and not the new AWS Security Hub.
  const noun = serviceLabel(useServices(), props.service);
  const [open, setOpen] = useState(false);
  const reason = settings?.readOnly ? READ_ONLY_REASON : undefined;
  return (
    <>
      <Button
        variant="inline-link"
        disabled={Boolean(reason)}
        disabledReason={reason}
        onClick={() => setOpen(true)}
        ariaLabel={`Enable ${noun} for ${visible(props.profile)} in ${props.region}`}
        data-testid={`enable-hub-${rowTestId(props)}`}
      >
        {`Enable ${noun}`}
      </Button>
      {open && (
        <EnableHubModal
          target={props}
          onClose={(enabled) => {
            setOpen(false);
            if (enabled) props.onDone?.();
          }}
        />
      )}
    </>
  );
}

/**
 * The question itself (the service's own billing note and turn-on choice, from its description),
 * then the service's turn-on through window.api; the row is updated in place.
 */
export function EnableHubModal({ target, onClose }: { target: EnableHubTarget; onClose(enabled: boolean): void }) {
  const client = useQueryClient();
  const flash = useFlash();
  const [standards, setStandards] = useState(false);
  const [busy, setBusy] = useState(false);
  const services = useServices();
  const noun = serviceLabel(services, target.service);
  const turnOn = services.find((s) => s.id === target.service)?.turnOn;
  const where = `${target.accountId ?? target.profile} in ${target.region}`;

  const enable = async () => {
    setBusy(true);
    let enabled = false;
    try {
      const outcome = await call(
        api().enableService({
          service: target.service,
          profile: target.profile,
          region: target.region,
          enableDefaultStandards: standards,
        }),
      );
      putRows(client, [outcome.row]);
      flash.push({ type: 'success', header: `${noun} enabled for ${where}`, content: outcome.message });
      enabled = true;
    } catch (error) {
      flash.push({
        type: 'error',
        header: `Enabling ${noun} for ${where} failed`,
        content: <ErrorDetail error={asAppError(error)} />,
        repeatKey: `${noun} ${where}\n${asAppError(error).message}`,
      });
    } finally {
      setBusy(false);
      void client.invalidateQueries({ queryKey: queryKeys.activity });
      onClose(enabled);
    }
  };

  return (
    <Modal
      visible
      header={`Enable ${noun} for ${where}?`}
      onDismiss={() => onClose(false)}
      data-testid="enable-hub-modal"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={() => onClose(false)}>
              Cancel
            </Button>
            <Button variant="primary" loading={busy} onClick={() => void enable()} data-testid="enable-hub-confirm">
              Enable
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <span>{`Profile ${target.profile} turns ${noun} on for account ${target.accountId ?? '(unknown)'} in ${target.region}. Invitations can be accepted there afterwards.`}</span>
        {turnOn?.what && (
          <Box variant="p" data-testid="enable-hub-what">
            {turnOn.what}
          </Box>
        )}
        {turnOn?.option && (
          <Checkbox
            checked={standards}
            onChange={({ detail }) => setStandards(detail.checked)}
            description={turnOn.option.description}
            data-testid="enable-hub-standards"
          >
            {turnOn.option.label}
          </Checkbox>
        )}
        <Box variant="p" data-testid="enable-hub-billing">
          {turnOn?.billing ?? `${noun} may be billed in this region.`}
        </Box>
      </SpaceBetween>
    </Modal>
  );
}

/**
 * The question before an accept that turns the service on first (GuardDuty without a detector in the
 * region): what is turned on, by which call, and what AWS bills, in the service's own words.
 */
export function TurnOnAndAccept(props: {
  row: ServiceRow;
  invitation: InvitationInfo;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { row, invitation } = props;
  const service = useServices().find((s) => s.id === row.service);
  const noun = service?.name ?? row.service;
  const account = row.accountId ?? visible(row.profile);
  return (
    <ConfirmModal
      title={`Turn ${noun} on and accept?`}
      confirmLabel={`Turn ${noun} on and accept`}
      onCancel={props.onCancel}
      onConfirm={props.onConfirm}
    >
      <SpaceBetween size="m">
        <span data-testid="turn-on-accept-what">
          {`${noun} is off for account ${account} (profile ${visible(row.profile)}) in ${row.region}. Accepting the invitation from ${visible(invitation.accountId)} turns ${noun} on there first (${service?.operations['turn-on'] ?? 'turn-on'}), then accepts it.`}
        </span>
        <Box variant="p" data-testid="turn-on-accept-billing">
          {service?.turnOn.billing ?? `${noun} may be billed in this region.`}
        </Box>
      </SpaceBetween>
    </ConfirmModal>
  );
}

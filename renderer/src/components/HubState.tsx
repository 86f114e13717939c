import Popover from '@cloudscape-design/components/popover';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { AppError, HubSnapshot } from '../../../preload/api';
import { ErrorDetail } from './ErrorDetail';

const LOOK: Record<HubSnapshot['hub'], { type: StatusIndicatorProps.Type; label: string }> = {
  on: { type: 'success', label: 'On' },
  off: { type: 'stopped', label: 'Off' },
  'region-not-enabled': { type: 'warning', label: 'Region not enabled' },
  error: { type: 'error', label: 'Error' },
};

/** A few words per error kind, so a table cell stays on one line; the sentence is in the popover. */
const SHORT_ERROR: Record<AppError['kind'], string> = {
  'invalid-request': 'invalid request',
  'unknown-channel': 'internal',
  'forbidden-sender': 'internal',
  'sign-in-needed': 'sign-in needed',
  'mfa-needed': 'MFA code needed',
  cancelled: 'cancelled',
  'no-credentials': 'no credentials',
  'expired-credentials': 'credentials expired',
  'invalid-credentials': 'invalid credentials',
  'hub-off': 'Security Hub off',
  'region-not-enabled': 'region not enabled',
  'access-denied': 'access denied',
  'organizations-managed': 'managed by Organizations',
  throttled: 'throttled',
  quota: 'limit reached',
  network: 'network',
  timeout: 'timed out',
  proxy: 'proxy',
  'not-found': 'not found',
  conflict: 'conflict',
  'invalid-input': 'invalid input',
  refused: 'refused',
  'read-only': 'read-only mode',
  config: 'config file',
  internal: 'internal',
  unknown: 'unknown',
};

export function hubStateLabel(hub: HubSnapshot['hub']): string {
  return LOOK[hub].label;
}

/** What the state cell says: "On", "Off", "Region not enabled" or "Error: sign-in needed". */
export function shortHubLabel(row: HubSnapshot): string {
  if (row.hub === 'error' && row.error) return `Error: ${SHORT_ERROR[row.error.kind] ?? row.error.kind}`;
  return LOOK[row.hub].label;
}

/**
 * Security Hub state of a row as a short status; a row error opens a popover with the full sentence,
 * the remedy and the command to copy.
 */
export function HubState({ row }: { row: HubSnapshot }) {
  const look = LOOK[row.hub];
  const label = shortHubLabel(row);
  if (!row.error) return <StatusIndicator type={look.type}>{label}</StatusIndicator>;
  return (
    <Popover
      header={`${row.profile} in ${row.region}`}
      content={<ErrorDetail error={row.error} />}
      triggerType="text"
      size="large"
      dismissAriaLabel="Close"
      triggerAriaLabel={`Error details for ${row.profile} in ${row.region}: ${row.error.message}`}
      data-testid={`error-${row.profile}|${row.region}`}
    >
      <StatusIndicator type={look.type} wrapText={false}>
        {label}
      </StatusIndicator>
    </Popover>
  );
}

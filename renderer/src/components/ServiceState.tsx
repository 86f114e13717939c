import Popover from '@cloudscape-design/components/popover';
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { AppError, ServiceRow } from '../../../contract/api';
import { rowTestId } from '../data/rows';
import { visible } from '../lib/visible';
import { ErrorDetail } from './ErrorDetail';
import { StatusText } from './StatusText';

const LOOK: Record<ServiceRow['state'], { type: StatusIndicatorProps.Type; label: string }> = {
  on: { type: 'success', label: 'On' },
  off: { type: 'stopped', label: 'Off' },
  'region-not-enabled': { type: 'warning', label: 'Region not enabled' },
  // The organization's choice, not a failure: grey, like a service that is off.
  blocked: { type: 'stopped', label: 'Blocked by an organization policy' },
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
  'service-off': 'service off',
  'region-not-enabled': 'region not enabled',
  'access-denied': 'access denied',
  'organization-policy': 'blocked by an organization policy',
  'permissions-boundary': 'permissions boundary',
  'session-policy': 'session policy',
  'resource-policy': 'resource policy',
  'service-refused': 'refused by AWS',
  'central-configuration': 'central configuration',
  'organizations-managed': 'managed by Organizations',
  'account-suspended': 'account suspended',
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
  'untrusted-administrator': 'not trusted',
  config: 'config file',
  internal: 'internal',
  unknown: 'unknown',
};

export function stateLabel(state: ServiceRow['state']): string {
  return LOOK[state].label;
}

/** What the state cell says: "On", "Off", "Region not enabled" or "Error: sign-in needed". */
export function shortStateLabel(row: ServiceRow): string {
  if (row.state === 'error' && row.error) return `Error: ${SHORT_ERROR[row.error.kind] ?? row.error.kind}`;
  return LOOK[row.state].label;
}

/**
 * The state of a row's service as a short status; a row error opens a popover with the full
 * sentence, the remedy and the command to copy.
 */
export function ServiceState({ row }: { row: ServiceRow }) {
  const look = LOOK[row.state];
  const label = shortStateLabel(row);
  if (!row.error) return <StatusText type={look.type}>{label}</StatusText>;
  return (
    <Popover
      header={`${visible(row.profile)} in ${row.region}`}
      content={<ErrorDetail error={row.error} />}
      triggerType="text"
      size="large"
      dismissAriaLabel="Close"
      triggerAriaLabel={`Error details for ${visible(row.profile)} in ${row.region}: ${visible(row.error.message)}`}
      data-testid={`error-${rowTestId(row)}`}
    >
      <StatusText type={look.type}>{label}</StatusText>
    </Popover>
  );
}

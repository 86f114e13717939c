import Popover from '@cloudscape-design/components/popover';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { HubSnapshot } from '../../../preload/api';
import { ErrorDetail } from './ErrorDetail';

const LOOK: Record<HubSnapshot['hub'], { type: StatusIndicatorProps.Type; label: string }> = {
  on: { type: 'success', label: 'On' },
  off: { type: 'stopped', label: 'Off' },
  'region-not-enabled': { type: 'warning', label: 'Region not enabled' },
  error: { type: 'error', label: 'Error' },
};

export function hubStateLabel(hub: HubSnapshot['hub']): string {
  return LOOK[hub].label;
}

/** Security Hub state of a row; a row error opens a popover with the message, remedy and command. */
export function HubState({ row }: { row: HubSnapshot }) {
  const look = LOOK[row.hub];
  const indicator = <StatusIndicator type={look.type}>{look.label}</StatusIndicator>;
  if (!row.error) return indicator;
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
      <StatusIndicator
        type={row.hub === 'error' ? 'error' : look.type}
      >{`${look.label}: ${row.error.message}`}</StatusIndicator>
    </Popover>
  );
}

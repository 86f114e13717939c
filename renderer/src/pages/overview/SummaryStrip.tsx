import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import type { IconProps } from '@cloudscape-design/components/icon';
import SpaceBetween from '@cloudscape-design/components/space-between';
import ToggleButton from '@cloudscape-design/components/toggle-button';
import { memo } from 'react';
import { count } from '../../lib/format';
import type { QuickFilter } from './glance';
import type { OverviewCollection } from './useOverviewCollection';

const ICONS: Record<string, IconProps.Name> = {
  pending: 'envelope',
  enabled: 'status-positive',
  administrators: 'group',
  off: 'status-stopped',
  'not-enabled': 'status-not-started',
  blocked: 'lock-private',
  'access-denied': 'lock-private',
  network: 'globe',
  other: 'status-negative',
};

const iconOf = (f: QuickFilter): IconProps.Name => ICONS[f.id] ?? (f.id.startsWith('sign-in') ? 'key' : 'status-info');

/**
 * The Overview at a glance, above the table: pending invitations, memberships, administrators, hubs
 * that are off, regions not enabled, regions an organization's policy blocks (counted apart: a state
 * of the account, not a failure) and the rows that could not be read by cause. Each is a toggle
 * (aria-pressed) that narrows the table and the matrix; pressed toggles add up. A toggle with
 * nothing to show is left out unless it is pressed (so that it can be released). Memoised: a
 * keystroke in the table's filter or a page change leaves it as it is.
 */
export const SummaryStrip = memo(function SummaryStrip({
  quick,
  quickItems,
  allItems,
}: Pick<OverviewCollection, 'quick' | 'quickItems' | 'allItems'>) {
  if (allItems.length === 0) return null;
  const shown = quick.filters.filter((f) => f.count > 0 || quick.pressed.has(f.id));
  const states = shown.filter((f) => f.kind === 'state');
  const failures = shown.filter((f) => f.kind === 'failure');
  const pendingShown = states.some((f) => f.id === 'pending');
  return (
    <section aria-label="Summary" data-testid="summary-strip">
      <SpaceBetween size="xs">
        <SpaceBetween direction="horizontal" size="xs" alignItems="center">
          {!pendingShown && (
            <Box variant="span" color="text-status-success" data-testid="summary-no-pending">
              No pending invitations
            </Box>
          )}
          {states.map((f) => (
            <Toggle key={f.id} filter={f} pressed={quick.pressed.has(f.id)} onChange={quick.toggle} />
          ))}
        </SpaceBetween>
        {failures.length > 0 && (
          <SpaceBetween direction="horizontal" size="xs" alignItems="center">
            <Box variant="span" color="text-body-secondary" fontWeight="bold">
              Could not be read:
            </Box>
            {failures.map((f) => (
              <Toggle key={f.id} filter={f} pressed={quick.pressed.has(f.id)} onChange={quick.toggle} />
            ))}
          </SpaceBetween>
        )}
        {quick.pressed.size > 0 && (
          <SpaceBetween direction="horizontal" size="xs" alignItems="center">
            <Box variant="span" data-testid="summary-showing">
              <span aria-live="polite">{`Showing ${count(quickItems.length)} of ${count(allItems.length)} rows`}</span>
            </Box>
            <Button variant="inline-link" onClick={quick.clear} data-testid="summary-clear">
              Show all rows
            </Button>
          </SpaceBetween>
        )}
      </SpaceBetween>
    </section>
  );
});

function Toggle({
  filter,
  pressed,
  onChange,
}: {
  filter: QuickFilter;
  pressed: boolean;
  onChange(id: string, on: boolean): void;
}) {
  const icon = iconOf(filter);
  return (
    <ToggleButton
      pressed={pressed}
      onChange={({ detail }) => onChange(filter.id, detail.pressed)}
      iconName={icon}
      pressedIconName={icon}
      ariaLabel={filter.ariaLabel}
      data-testid={`summary-${filter.id}`}
    >
      {filter.label}
    </ToggleButton>
  );
}

import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import type { IconProps } from '@cloudscape-design/components/icon';
import SpaceBetween from '@cloudscape-design/components/space-between';
import ToggleButton from '@cloudscape-design/components/toggle-button';
import { memo, useMemo } from 'react';
import { useServicesRead } from '../../data/services';
import { count, plural } from '../../lib/format';
import { AdministratorLines } from './AdministratorLines';
import { isFailure, type QuickFilter, serviceTallies, serviceTallyText } from './glance';
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
 * of the account, not a failure) and the rows that could not be read by cause; below them, who
 * invites which accounts to what, per administrator across services, each with its Accept all. Each is a toggle
 * (aria-pressed) that narrows the table and the matrix; pressed toggles add up. A toggle with
 * nothing to show is left out unless it is pressed (so that it can be released). Memoised: a
 * keystroke in the table's filter or a page change leaves it as it is.
 */
export const SummaryStrip = memo(function SummaryStrip({
  quick,
  quickItems,
  allItems,
}: Pick<OverviewCollection, 'quick' | 'quickItems' | 'allItems'>) {
  const services = useServicesRead();
  const rows = useMemo(() => allItems.map((item) => item.row), [allItems]);
  if (allItems.length === 0) return null;
  const shown = quick.filters.filter((f) => f.count > 0 || quick.pressed.has(f.id));
  const states = shown.filter((f) => f.kind === 'state');
  const failures = shown.filter((f) => f.kind === 'failure');
  const pendingShown = states.some((f) => f.id === 'pending');
  // Rows that could not be read may hold invitations: "none" is said only of the rows read.
  const unread = allItems.filter((item) => isFailure(item.row)).length;
  return (
    <section aria-label="Summary" data-testid="summary-strip">
      <SpaceBetween size="xs">
        <SpaceBetween direction="horizontal" size="xs" alignItems="center">
          {!pendingShown && (
            <Box variant="span" color="text-status-success" data-testid="summary-no-pending">
              {unread === 0
                ? 'No pending invitations'
                : `No pending invitations in the ${plural(allItems.length - unread, 'row')} read (${count(unread)} could not be)`}
            </Box>
          )}
          {states.map((f) => (
            <Toggle key={f.id} filter={f} pressed={quick.pressed.has(f.id)} onChange={quick.toggle} />
          ))}
        </SpaceBetween>
        <AdministratorLines rows={rows} services={services} />
        {services.length > 1 && <ServiceLine items={allItems} services={services} />}
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

/** Once the app reads several services, each one's rows waiting, off and unread, on one line. */
function ServiceLine({
  items,
  services,
}: {
  items: OverviewCollection['allItems'];
  services: ReturnType<typeof useServicesRead>;
}) {
  const tallies = serviceTallies(
    items.map((i) => i.row),
    services,
  ).filter((t) => t.rows > 0);
  // With the rows of one service, the strip above already says it all.
  if (tallies.length < 2) return null;
  return (
    <Box variant="span" color="text-body-secondary" data-testid="summary-services">
      {tallies.map((t, i) => (
        <span key={t.id} data-testid={`summary-service-${t.id}`}>
          {i > 0 ? ' · ' : ''}
          {serviceTallyText(t)}
        </span>
      ))}
    </Box>
  );
}

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

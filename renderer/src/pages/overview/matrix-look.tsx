import Box, { type BoxProps } from '@cloudscape-design/components/box';
import Icon, { type IconProps } from '@cloudscape-design/components/icon';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import type { CSSProperties } from 'react';
import type { ServiceInfo } from '../../../../contract/api';
import { CELL_STATES, type CellState, legendOf } from './coverage';

/**
 * How a state looks: Cloudscape's status colours (design tokens, so light and dark both work), an
 * icon and a letter, so that no state rests on colour alone.
 */
const LOOK: Record<CellState, { color: BoxProps.Color; icon: IconProps.Name | null }> = {
  pending: { color: 'text-status-warning', icon: 'envelope' },
  unreadable: { color: 'text-status-error', icon: 'status-negative' },
  administrator: { color: 'text-status-info', icon: 'group' },
  member: { color: 'text-status-success', icon: 'status-positive' },
  none: { color: 'text-body-secondary', icon: null },
  off: { color: 'text-status-inactive', icon: 'status-stopped' },
  'not-enabled': { color: 'text-status-inactive', icon: 'status-not-started' },
  blocked: { color: 'text-status-inactive', icon: 'lock-private' },
  'not-read': { color: 'text-status-inactive', icon: null },
};

/** A tint of the state's own colour (currentColor), so the background follows the theme too. */
const CHIP: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  gap: 2,
  minWidth: 44,
  height: 24,
  padding: '0 4px',
  borderRadius: 4,
  fontSize: 12,
  fontWeight: 700,
  lineHeight: '24px',
  whiteSpace: 'nowrap',
  background: 'color-mix(in srgb, currentColor 14%, transparent)',
};

const QUIET: CSSProperties = { ...CHIP, background: 'transparent', fontWeight: 400 };

/** The chip of one state: icon and glyph in the state's colour. Hidden from screen readers (the cell is named). */
export function StateChip({ state, glyph }: { state: CellState; glyph: string }) {
  const look = LOOK[state];
  return (
    <Box variant="span" color={look.color}>
      <span style={state === 'none' || state === 'not-read' ? QUIET : CHIP} aria-hidden="true">
        {look.icon && <Icon name={look.icon} size="small" variant="normal" />}
        {glyph}
      </span>
    </Box>
  );
}

/** The picker's id for "All services" (never a service id: those are lower-case words). */
export const ALL_SERVICES = '*';

/** Which service the matrix shows, or all of them (ALL_SERVICES), once the app reads more than one. */
export function ServicePicker({
  services,
  chosen,
  onChoose,
}: {
  services: readonly ServiceInfo[];
  chosen: string;
  onChoose(id: string): void;
}) {
  return (
    <SegmentedControl
      label="Service"
      selectedId={chosen}
      onChange={({ detail }) => onChoose(detail.selectedId)}
      options={[...services.map((s) => ({ id: s.id, text: s.name })), { id: ALL_SERVICES, text: 'All services' }]}
      data-testid="coverage-service"
    />
  );
}

/** Each state's chip and words; `noun` is the service's name in a sentence ("Service" over all of them). */
export function Legend({ noun }: { noun: string }) {
  const legend = legendOf(noun);
  return (
    <ul
      aria-label="Legend"
      style={{ display: 'flex', flexWrap: 'wrap', gap: 16, listStyle: 'none', margin: 0, padding: 0 }}
      data-testid="coverage-legend"
    >
      {CELL_STATES.filter((s) => s !== 'not-read').map((state) => (
        <li key={state} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          <StateChip state={state} glyph={legend[state].glyph} />
          <span>{legend[state].label}</span>
        </li>
      ))}
    </ul>
  );
}

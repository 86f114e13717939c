import Box, { type BoxProps } from '@cloudscape-design/components/box';
import Icon, { type IconProps } from '@cloudscape-design/components/icon';
import type { CSSProperties } from 'react';
import type { CellState } from './coverage';

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

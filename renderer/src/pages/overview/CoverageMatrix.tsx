import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type KeyboardEvent, memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { accountNoteOf } from '../../components/AccountId';
import { useAccountNames } from '../../data/queries';
import { useServicesRead } from '../../data/services';
import { count } from '../../lib/format';
import { navigate } from '../../lib/router';
import { visible } from '../../lib/visible';
import {
  buildAllServicesCoverage,
  buildCoverage,
  type Coverage,
  type CoverageLine,
  cellAt,
  cellName,
} from './coverage';
import type { OverviewItem } from './items';
import { ALL_SERVICES, Legend, ServicePicker, StateChip } from './matrix-look';

const ROW_HEIGHT = 32;
/** Wide enough for a 12-digit id and most of its name; a longer name is cut, never the id (the hover has it whole). */
const LABEL_WIDTH = 230;
const CELL_WIDTH = 58;
/** In "All services" a cell holds a letter per state ("P2 M O"). */
const ALL_CELL_WIDTH = 84;
/** Rows drawn beyond the visible ones, so that a fast scroll or PageDown does not show blanks. */
const OVERSCAN = 10;
const PAGE_ROWS = 10;

const rowStyle = (regions: number, cellWidth: number): CSSProperties => ({
  display: 'grid',
  gridTemplateColumns: `${LABEL_WIDTH}px repeat(${regions}, ${cellWidth}px)`,
  alignItems: 'center',
  height: ROW_HEIGHT,
  // Grid lines in a tint of the text colour: right in light and dark alike.
  borderBottom: '1px solid color-mix(in srgb, currentColor 12%, transparent)',
});

const CELL: CSSProperties = { display: 'flex', justifyContent: 'center', cursor: 'pointer', outlineOffset: -2 };
const LABEL: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', paddingRight: 8 };

interface Focus {
  row: number;
  col: number;
}

/** Opens the profile page on the region of the cell's best row; a cell nobody read opens nothing. */
function openCell(line: CoverageLine, region: string) {
  const row = cellAt(line, region).row;
  if (row) navigate({ page: 'profile', profile: row.profile, region });
}

/**
 * An ARIA grid of divs, not a <table>: its rows are absolutely placed by the virtualiser and only
 * the body scrolls under a fixed header row, which table layout cannot do. Hence biome.json turns
 * off useSemanticElements and useFocusableInteractive for this file; the grid has its one tab stop
 * on a cell (roving tabindex), as the WAI-ARIA grid pattern asks.
 *
 * The coverage matrix: accounts down, regions across, one cell per account-region. Rows are
 * virtualised (250 accounts × 17 regions draw only what is in view); the grid has one tab stop and
 * arrow keys move it (roving tabindex); hovering or focusing a cell shows its details above the grid;
 * a click or Enter opens the row's profile page on that region.
 */
export function CoverageMatrix({ items }: { items: readonly OverviewItem[] }) {
  const services = useServicesRead();
  const [chosen, setChosen] = useState<string | null>(null);
  // One service at a time (an account-region's relationship differs per service), or all of them:
  // then a cell sums up its services, most urgent first.
  const all = chosen === ALL_SERVICES && services.length > 1;
  const service = all ? undefined : (services.find((s) => s.id === chosen) ?? services[0]);
  const noun = service?.shortName ?? 'Service';
  const coverage = useMemo(() => {
    const rows = items.map((i) => i.row);
    if (!all) return buildCoverage(service ? rows.filter((row) => row.service === service.id) : rows, noun);
    const read = new Set(services.map((s) => s.id));
    return buildAllServicesCoverage(
      rows.filter((row) => read.has(row.service)),
      services.map((s) => ({ id: s.id, name: s.name, noun: s.shortName })),
    );
  }, [items, all, service, services, noun]);
  const cellWidth = all ? ALL_CELL_WIDTH : CELL_WIDTH;
  const [active, setActive] = useState<Focus | null>(null);
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={
            all
              ? 'Accounts down, regions across; each cell shows its services’ states, most urgent first, with how many services are in each. Point at or move to a cell for each service’s state.'
              : 'Accounts down, regions across. Point at or move to a cell for its details.'
          }
          actions={
            services.length > 1 ? (
              <ServicePicker
                services={services}
                chosen={all ? ALL_SERVICES : (service?.id ?? ALL_SERVICES)}
                onChoose={setChosen}
              />
            ) : null
          }
        >
          {services.length > 1 ? `Coverage: ${all ? 'All services' : (service?.name ?? '')}` : 'Coverage'}
        </Header>
      }
      data-testid="coverage-matrix"
    >
      <SpaceBetween size="s">
        <Legend noun={noun} />
        <Details coverage={coverage} active={active} />
        {coverage.lines.length === 0 ? (
          <Box color="text-body-secondary">No rows to show.</Box>
        ) : (
          <Grid coverage={coverage} cellWidth={cellWidth} onActive={setActive} />
        )}
      </SpaceBetween>
    </Container>
  );
}

/** The details of the cell last hovered or focused: what it is, through which profiles, what failed. */
function Details({ coverage, active }: { coverage: Coverage; active: Focus | null }) {
  const names = useAccountNames().data;
  const line = active ? coverage.lines[active.row] : undefined;
  const region = active ? coverage.regions[active.col] : undefined;
  if (!line || !region) {
    return (
      <Box color="text-body-secondary" data-testid="coverage-details">
        {`${count(coverage.lines.length)} accounts × ${coverage.regions.length} regions. Select a cell to open its profile page.`}
      </Box>
    );
  }
  const cell = cellAt(line, region);
  const failed = cell.others.filter((r) => r.error);
  const note = accountNoteOf(names, line.accountId);
  return (
    <div data-testid="coverage-details" style={{ minHeight: 20 }}>
      <Box variant="span" fontWeight="bold">{`${visible(line.label)} in ${region}: `}</Box>
      <span>{cell.summary}</span>
      {cell.profiles.length > 0 && (
        <Box variant="span" color="text-body-secondary">{` · profiles ${cell.profiles.map(visible).join(', ')}`}</Box>
      )}
      {note && <Box variant="span" color="text-body-secondary">{` · ${visible(note)}`}</Box>}
      {failed.length > 0 && (
        <Box variant="span" color="text-status-warning">
          {` · ${failed.map((r) => `${visible(r.profile)}: ${visible(r.error?.message ?? '')}`).join('; ')}`}
        </Box>
      )}
    </div>
  );
}

function Grid({
  coverage,
  cellWidth,
  onActive,
}: {
  coverage: Coverage;
  cellWidth: number;
  onActive(focus: Focus | null): void;
}) {
  const { lines, regions } = coverage;
  const scroller = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<Focus>({ row: 0, col: 0 });
  const focusWanted = useRef(false);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  // Lines can shrink (a summary toggle): keep the tab stop inside the grid.
  const row = Math.min(focus.row, lines.length - 1);
  const col = Math.min(focus.col, regions.length - 1);

  // A move far down draws the target line only after the scroll: keep trying on each render until
  // the cell is there (focus stays on the previous cell meanwhile, so no key is lost). A layout
  // effect, before the browser takes the next input: the render that draws the target line may also
  // drop the line holding the focus, and until the new cell has it a key would go to the page.
  useLayoutEffect(() => {
    if (!focusWanted.current) return;
    const cell = scroller.current?.querySelector<HTMLElement>(`[data-cell="${row}:${col}"]`);
    if (!cell) return;
    focusWanted.current = false;
    cell.focus();
  });

  const move = (nextRow: number, nextCol: number) => {
    const r = Math.max(0, Math.min(lines.length - 1, nextRow));
    const c = Math.max(0, Math.min(regions.length - 1, nextCol));
    focusWanted.current = true;
    virtualizer.scrollToIndex(r, { align: 'auto' });
    setFocus({ row: r, col: c });
    onActive({ row: r, col: c });
  };

  /** Where a key moves the tab stop (null: not a key of the grid). */
  const target = (key: string, ctrl: boolean): Focus | null => {
    switch (key) {
      case 'ArrowDown':
        return { row: row + 1, col };
      case 'ArrowUp':
        return { row: row - 1, col };
      case 'ArrowRight':
        return { row, col: col + 1 };
      case 'ArrowLeft':
        return { row, col: col - 1 };
      case 'PageDown':
        return { row: row + PAGE_ROWS, col };
      case 'PageUp':
        return { row: row - PAGE_ROWS, col };
      case 'Home':
        return ctrl ? { row: 0, col: 0 } : { row, col: 0 };
      case 'End':
        return ctrl ? { row: lines.length - 1, col: regions.length - 1 } : { row, col: regions.length - 1 };
      default:
        return null;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      const line = lines[row];
      const region = regions[col];
      e.preventDefault();
      if (line && region) openCell(line, region);
      return;
    }
    const next = target(e.key, e.ctrlKey || e.metaKey);
    if (!next) return;
    e.preventDefault();
    move(next.row, next.col);
  };

  /** The cell under the pointer or focus, from its data-cell attribute (one listener for the grid). */
  const cellOfEvent = (target: EventTarget): Focus | null => {
    const at = (target as HTMLElement).closest?.('[data-cell]')?.getAttribute('data-cell');
    if (!at) return null;
    const [r, c] = at.split(':').map(Number);
    return r === undefined || c === undefined ? null : { row: r, col: c };
  };

  const virtual = virtualizer.getVirtualItems();
  // The tab stop must be on a drawn line: after a scroll away from it, the first drawn line takes it.
  const tabRow = virtual.some((v) => v.index === row) ? row : (virtual[0]?.index ?? 0);
  const width = LABEL_WIDTH + regions.length * cellWidth;
  return (
    <div
      role="grid"
      aria-label="Coverage by account and region"
      aria-rowcount={lines.length + 1}
      aria-colcount={regions.length + 1}
      data-testid="coverage-grid"
      onKeyDown={onKeyDown}
      onMouseOver={(e) => {
        const at = cellOfEvent(e.target);
        if (at) onActive(at);
      }}
      onFocus={(e) => {
        const at = cellOfEvent(e.target);
        if (at) {
          setFocus(at);
          onActive(at);
        }
      }}
      onClick={(e) => {
        const at = cellOfEvent(e.target);
        const line = at ? lines[at.row] : undefined;
        const region = at ? regions[at.col] : undefined;
        if (line && region) openCell(line, region);
      }}
      style={{ maxWidth: '100%', overflowX: 'auto' }}
    >
      <div role="rowgroup" style={{ width, scrollbarGutter: 'stable', overflow: 'hidden' }}>
        <div
          role="row"
          aria-rowindex={1}
          style={{ ...rowStyle(regions.length, cellWidth), height: 104, alignItems: 'end' }}
        >
          <div role="columnheader" aria-colindex={1} style={{ fontWeight: 700, paddingBottom: 6 }}>
            Account
          </div>
          {regions.map((region, i) => (
            <div
              key={region}
              role="columnheader"
              aria-colindex={i + 2}
              style={{
                writingMode: 'vertical-rl',
                transform: 'rotate(180deg)',
                justifySelf: 'center',
                fontWeight: 700,
                paddingTop: 6,
                whiteSpace: 'nowrap',
              }}
            >
              {region}
            </div>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        ref={scroller}
        style={{ width, height: 'min(60vh, 640px)', overflowY: 'auto', scrollbarGutter: 'stable' }}
        data-testid="coverage-body"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtual.map((v) => {
            const line = lines[v.index];
            if (!line) return null;
            return (
              <MatrixRow
                key={line.label}
                index={v.index}
                top={v.start}
                line={line}
                regions={regions}
                cellWidth={cellWidth}
                tabCol={v.index === tabRow ? col : -1}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** One account's line; memoised so that moving the focus redraws two lines, not every visible one. */
const MatrixRow = memo(function MatrixRow({
  index,
  top,
  line,
  regions,
  cellWidth,
  tabCol,
}: {
  index: number;
  top: number;
  line: CoverageLine;
  regions: readonly string[];
  cellWidth: number;
  /** The column holding the grid's one tab stop, or -1 when it is on another line. */
  tabCol: number;
}) {
  const note = accountNoteOf(useAccountNames().data, line.accountId);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      style={{
        ...rowStyle(regions.length, cellWidth),
        position: 'absolute',
        top: 0,
        left: 0,
        transform: `translateY(${top}px)`,
      }}
    >
      <div
        role="rowheader"
        aria-colindex={1}
        style={LABEL}
        title={`${visible(line.label)}${note ? ` (${visible(note)})` : ''}: profiles ${line.profiles.map(visible).join(', ')}`}
        data-testid={`coverage-line-${line.label}`}
      >
        {visible(line.label)}
        {note && <Box variant="span" color="text-body-secondary">{` ${visible(note)}`}</Box>}
      </div>
      {regions.map((region, c) => {
        const cell = cellAt(line, region);
        return (
          <div
            key={region}
            role="gridcell"
            aria-colindex={c + 2}
            aria-label={cellName(line, region, cell, note)}
            tabIndex={c === tabCol ? 0 : -1}
            data-cell={`${index}:${c}`}
            data-state={cell.state}
            style={CELL}
          >
            <StateChip state={cell.state} glyph={cell.glyph} />
          </div>
        );
      })}
    </div>
  );
});

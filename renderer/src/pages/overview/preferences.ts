import type { CollectionPreferencesProps } from '@cloudscape-design/components/collection-preferences';
import { useState } from 'react';
import { COLUMNS } from './columns';

const STORAGE_KEY = 'overview-preferences';

/** What the Overview's preferences keep beyond Cloudscape's own: the attention-first order. */
export interface OverviewCustomPreferences {
  attentionFirst: boolean;
}

export type OverviewPreferences = CollectionPreferencesProps.Preferences<OverviewCustomPreferences>;

/**
 * Hidden until the user shows them (Preferences → Columns): the administrator is folded into the
 * Relationship column and the refresh time into the Stale badge and banner, so that the relationship
 * is in view at 1440 px without scrolling.
 */
const HIDDEN_BY_DEFAULT = new Set(['administrator', 'refreshed']);

const columnDefault = (id: string) => ({ id, visible: !HIDDEN_BY_DEFAULT.has(id) });

/**
 * 25 rows a page: with the rows that need the user first, the first page is what needs them, and a
 * page of Cloudscape rows costs its draw at every keystroke and page change (17,000 rows in the
 * harness: 25 rows 56–103 ms, 50 rows 101–166 ms). 50, 100 or 500 are a preference away.
 */
export const DEFAULT_PREFERENCES: OverviewPreferences = {
  pageSize: 25,
  contentDisplay: COLUMNS.map((c) => columnDefault(c.id ?? '')),
  custom: { attentionFirst: true },
};

function customOf(stored: unknown): OverviewCustomPreferences {
  const attentionFirst =
    stored && typeof stored === 'object' && 'attentionFirst' in stored ? stored.attentionFirst : undefined;
  return { attentionFirst: typeof attentionFirst === 'boolean' ? attentionFirst : true };
}

function load(): OverviewPreferences {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (stored && typeof stored === 'object' && 'pageSize' in stored && 'contentDisplay' in stored) {
      const prefs = stored as OverviewPreferences;
      // Columns added since the preferences were saved show up at the end.
      const known = new Set(prefs.contentDisplay?.map((c) => c.id));
      const contentDisplay = [
        ...(prefs.contentDisplay ?? []).filter((c) => COLUMNS.some((col) => col.id === c.id)),
        ...COLUMNS.filter((c) => !known.has(c.id ?? '')).map((c) => columnDefault(c.id ?? '')),
      ];
      return {
        pageSize: Number(prefs.pageSize) || DEFAULT_PREFERENCES.pageSize,
        contentDisplay,
        custom: customOf(prefs.custom),
      };
    }
  } catch {
    // Unreadable preferences fall back to the defaults.
  }
  return DEFAULT_PREFERENCES;
}

/** Table preferences (page size, visible columns, attention first), kept in localStorage between sessions. */
export function useOverviewPreferences() {
  const [preferences, setPreferences] = useState(load);
  const save = (next: OverviewPreferences) => {
    setPreferences(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage may be unavailable; the preference still applies for this session.
    }
  };
  return [preferences, save] as const;
}

const WIDTHS_KEY = 'overview-column-widths';

function loadWidths(): Record<string, number> {
  try {
    const stored = JSON.parse(window.localStorage.getItem(WIDTHS_KEY) ?? 'null') as unknown;
    if (!stored || typeof stored !== 'object') return {};
    // Only known columns and sane numbers: the value comes from storage anyone could edit.
    return Object.fromEntries(
      Object.entries(stored).filter(
        ([id, w]) => COLUMNS.some((c) => c.id === id) && typeof w === 'number' && w >= 40 && w <= 2000,
      ),
    ) as Record<string, number>;
  } catch {
    return {};
  }
}

/**
 * Column widths the user set by dragging, kept like the other preferences. `save` takes the widths
 * Table reports (one per visible column, in display order) with the ids of those columns.
 */
export function useColumnWidths() {
  const [widths, setWidths] = useState(loadWidths);
  const save = (visibleIds: readonly string[], reported: readonly number[]) => {
    if (visibleIds.length !== reported.length) return;
    const next = { ...widths };
    visibleIds.forEach((id, i) => {
      const w = reported[i];
      if (w !== undefined) next[id] = Math.round(w);
    });
    setWidths(next);
    try {
      window.localStorage.setItem(WIDTHS_KEY, JSON.stringify(next));
    } catch {
      // Storage may be unavailable; the widths still apply for this session.
    }
  };
  return [widths, save] as const;
}

const VIEW_KEY = 'overview-view';

/** The Overview shows the table or the coverage matrix. */
export type OverviewView = 'table' | 'matrix';

/** Which view the Overview opens in, kept like the table preferences. */
export function useOverviewView() {
  const [view, setView] = useState<OverviewView>(() => {
    try {
      return window.localStorage.getItem(VIEW_KEY) === 'matrix' ? 'matrix' : 'table';
    } catch {
      return 'table';
    }
  });
  const save = (next: OverviewView) => {
    setView(next);
    try {
      window.localStorage.setItem(VIEW_KEY, next);
    } catch {
      // Storage may be unavailable; the choice still applies for this session.
    }
  };
  return [view, save] as const;
}

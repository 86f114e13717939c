import type { CollectionPreferencesProps } from '@cloudscape-design/components/collection-preferences';
import { useState } from 'react';
import { COLUMNS } from './columns';

const STORAGE_KEY = 'overview-preferences';

const DEFAULTS: CollectionPreferencesProps.Preferences = {
  pageSize: 50,
  contentDisplay: COLUMNS.map((c) => ({ id: c.id ?? '', visible: true })),
};

function load(): CollectionPreferencesProps.Preferences {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (stored && typeof stored === 'object' && 'pageSize' in stored && 'contentDisplay' in stored) {
      const prefs = stored as CollectionPreferencesProps.Preferences;
      // Columns added since the preferences were saved show up at the end.
      const known = new Set(prefs.contentDisplay?.map((c) => c.id));
      const contentDisplay = [
        ...(prefs.contentDisplay ?? []).filter((c) => COLUMNS.some((col) => col.id === c.id)),
        ...COLUMNS.filter((c) => !known.has(c.id ?? '')).map((c) => ({ id: c.id ?? '', visible: true })),
      ];
      return { pageSize: Number(prefs.pageSize) || 50, contentDisplay };
    }
  } catch {
    // Unreadable preferences fall back to the defaults.
  }
  return DEFAULTS;
}

/** Table preferences (page size, visible columns), kept in localStorage between sessions. */
export function useOverviewPreferences() {
  const [preferences, setPreferences] = useState(load);
  const save = (next: CollectionPreferencesProps.Preferences) => {
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

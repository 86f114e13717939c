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

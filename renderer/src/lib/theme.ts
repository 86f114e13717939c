import { applyMode, Mode } from '@cloudscape-design/global-styles';
import { useEffect } from 'react';
import type { Settings } from '../../../contract/api';

/** Light or dark as Settings says, or following the OS (and its changes) when the theme is `system`. */
export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    if (theme === 'light' || theme === 'dark') {
      applyMode(theme === 'dark' ? Mode.Dark : Mode.Light);
      return;
    }
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => applyMode(query?.matches ? Mode.Dark : Mode.Light);
    apply();
    query?.addEventListener?.('change', apply);
    return () => query?.removeEventListener?.('change', apply);
  }, [theme]);
}

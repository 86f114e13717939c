import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useFlash } from '../components/flash';
import { queryKeys } from '../data/keys';
import { useRefresh } from '../data/refresh';
import { api } from '../lib/api';
import { navigate } from '../lib/router';

/**
 * Menu commands from main, the in-page refresh keys, and auto-refresh. Ctrl/Cmd+R normally arrives
 * as a menu event; the page handles it too (and F5) so a browser never reloads the app.
 */
export function useShellEffects(autoRefreshMinutes: number | undefined): void {
  const refresh = useRefresh();
  const flash = useFlash();
  const client = useQueryClient();
  const { start } = refresh;

  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type === 'menu') {
          if (event.command === 'refresh') void start({ kind: 'all' }, { reload: true });
          if (event.command === 'open-settings') navigate({ page: 'settings' });
          if (event.command === 'open-activity') navigate({ page: 'activity' });
        }
        if (event.type === 'settings-reset') {
          flash.push({ id: 'settings-reset', type: 'warning', content: event.message });
          void client.invalidateQueries({ queryKey: queryKeys.settings });
        }
      }),
    [start, flash, client],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const reloadKey = event.key === 'F5' || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'r');
      if (!reloadKey) return;
      event.preventDefault();
      void start({ kind: 'all' }, { reload: true });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [start]);

  useEffect(() => {
    if (!autoRefreshMinutes) return;
    const timer = setInterval(() => void start({ kind: 'all' }), autoRefreshMinutes * 60_000);
    return () => clearInterval(timer);
  }, [autoRefreshMinutes, start]);
}

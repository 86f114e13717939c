import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useFlash } from '../components/flash';
import { queryKeys } from '../data/keys';
import { useRefreshActions } from '../data/refresh';
import { api } from '../lib/api';
import { navigate } from '../lib/router';

/**
 * Menu commands from main, the in-page refresh keys, and the background watch's news. Ctrl/Cmd+R
 * normally arrives as a menu event; the page handles it too (and F5) so a browser never reloads the
 * app. Auto-refresh is not here: the main process owns its timer (one owner, no double refreshes),
 * and its rows arrive as ordinary refresh events.
 */
export function useShellEffects(): void {
  const { start } = useRefreshActions();
  const flash = useFlash();
  const client = useQueryClient();

  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type === 'menu') {
          if (event.command === 'refresh') void start({ kind: 'all' }, { reload: true });
          if (event.command === 'open-settings') navigate({ page: 'settings' });
          if (event.command === 'open-activity') navigate({ page: 'activity' });
        }
        if (event.type === 'watch-change' && event.changes.length > 0) {
          const lines = event.changes.slice(0, 5).map((c) => c.message);
          if (event.changes.length > 5) lines.push(`…and ${event.changes.length - 5} more.`);
          flash.push({
            id: 'watch-change',
            type: 'info',
            header: `${event.changes.length} change${event.changes.length === 1 ? '' : 's'} since the last refresh`,
            content: lines.join(' '),
          });
        }
        // Names come after a refresh's rows; the trusted administrators it seeded follow them.
        if (event.type === 'account-names') {
          client.setQueryData(queryKeys.names, event.names);
          void client.invalidateQueries({ queryKey: queryKeys.settings });
        }
        if (event.type === 'refresh-finished') void client.invalidateQueries({ queryKey: queryKeys.names });
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
}

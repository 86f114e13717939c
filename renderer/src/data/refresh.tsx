import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { AppEvent, RequestOf } from '../../../preload/api';
import { useFlash } from '../components/flash';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';
import { plural } from '../lib/format';
import { queryKeys } from './keys';
import { createRowBuffer, keepOnlyRows, rowKey } from './rows';

type Scope = RequestOf<'refresh:start'>['scope'];

export interface RefreshState {
  running: boolean;
  refreshId: string | null;
  done: number;
  total: number;
  failed: number;
  lastFinishedAt: string | null;
}

interface RefreshApi extends RefreshState {
  /** Starts a refresh unless one is running; `reload` re-reads the AWS files first. */
  start(scope?: Scope, options?: { reload?: boolean }): Promise<void>;
  /** The start-up refresh of everything, at most once per app session. */
  startInitial(): void;
  cancel(): Promise<void>;
}

const RefreshContext = createContext<RefreshApi | null>(null);
const IDLE: RefreshState = { running: false, refreshId: null, done: 0, total: 0, failed: 0, lastFinishedAt: null };

/**
 * Owns the refresh lifecycle: starts and cancels through window.api and merges `refresh-progress`
 * rows into the rows query as they arrive.
 */
/**
 * The window's one initial refresh, remembered per query client (which lives as long as the window)
 * rather than per provider: a provider mounted again after an error must not start another one.
 */
const initialRefreshStarted = new WeakSet<QueryClient>();

export function RefreshProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const flash = useFlash();
  const [state, setState] = useState<RefreshState>(IDLE);
  const stateRef = useRef(state);
  stateRef.current = state;
  const scopeRef = useRef<Scope | null>(null);
  const seen = useRef(new Set<string>());
  const buffer = useMemo(() => createRowBuffer(client), [client]);

  useEffect(() => {
    const onEvent = (event: AppEvent) => {
      if (event.type === 'refresh-progress') {
        buffer.put(event.row);
        seen.current.add(rowKey(event.row));
        setState((s) => ({ ...s, running: true, done: Math.max(s.done, event.done), total: event.total }));
      } else if (event.type === 'refresh-finished') {
        buffer.flush();
        // A refresh this window did not start (or one superseded by a reload) does not end ours.
        const ours = stateRef.current.refreshId;
        if (ours && ours !== event.refreshId) return;
        const wasAll = scopeRef.current?.kind === 'all';
        if (wasAll && !event.cancelled) keepOnlyRows(client, seen.current);
        scopeRef.current = null;
        setState({
          running: false,
          refreshId: null,
          done: event.done,
          total: event.total,
          failed: event.failed,
          lastFinishedAt: new Date().toISOString(),
        });
        void client.invalidateQueries({ queryKey: queryKeys.profiles });
        if (event.cancelled) {
          flash.push({
            id: 'refresh',
            type: 'info',
            content: `Refresh cancelled after ${event.done} of ${event.total} rows.`,
            untilNavigation: true,
          });
        } else if (event.failed > 0) {
          flash.push({
            id: 'refresh',
            type: 'warning',
            content: `Refresh finished: ${plural(event.failed, 'row')} of ${event.total} could not be read. Each row says why.`,
            // Shown once, where the user is when the refresh ends; it does not follow them to every page.
            untilNavigation: true,
          });
        } else if (wasAll) {
          // Every row was read: an earlier "could not be read" no longer holds.
          flash.dismiss('refresh');
        }
      }
    };
    return api().onEvent(onEvent);
  }, [buffer, client, flash]);

  const start = useCallback(
    async (scope: Scope = { kind: 'all' }, options: { reload?: boolean } = {}) => {
      if (stateRef.current.running) return;
      scopeRef.current = scope;
      seen.current = new Set();
      setState((s) => ({ ...s, running: true, done: 0, total: 0, failed: 0 }));
      try {
        const started = await call(api().startRefresh({ scope, ...(options.reload ? { reload: true } : {}) }));
        setState((s) => ({ ...s, refreshId: started.refreshId, total: Math.max(s.total, started.total) }));
        // A reload re-read the AWS files: profiles may have come or gone.
        if (options.reload) void client.invalidateQueries({ queryKey: queryKeys.profiles });
      } catch (error) {
        scopeRef.current = null;
        setState((s) => ({ ...s, running: false }));
        const appError = asAppError(error);
        flash.push({ id: 'refresh', type: 'error', header: 'Refresh did not start', content: appError.message });
      }
    },
    [client, flash],
  );

  const startInitial = useCallback(() => {
    if (initialRefreshStarted.has(client)) return;
    initialRefreshStarted.add(client);
    void start({ kind: 'all' });
  }, [client, start]);

  const cancel = useCallback(async () => {
    const refreshId = stateRef.current.refreshId;
    if (!refreshId) return;
    try {
      await call(api().cancelRefresh({ refreshId }));
    } catch (error) {
      flash.push({ id: 'refresh', type: 'error', header: 'Could not cancel', content: asAppError(error).message });
    }
  }, [flash]);

  const value = useMemo(() => ({ ...state, start, startInitial, cancel }), [state, start, startInitial, cancel]);
  return <RefreshContext.Provider value={value}>{children}</RefreshContext.Provider>;
}

/**
 * Cached rows first, then one refresh of everything per app session, once the profiles are known
 * (an empty profile list has nothing to refresh).
 */
export function useInitialRefresh(rowsPending: boolean, profileCount: number): void {
  const { startInitial } = useRefresh();
  useEffect(() => {
    if (!rowsPending && profileCount > 0) startInitial();
  }, [rowsPending, profileCount, startInitial]);
}

export function useRefresh(): RefreshApi {
  const context = useContext(RefreshContext);
  if (!context) throw new Error('useRefresh needs a RefreshProvider');
  return context;
}

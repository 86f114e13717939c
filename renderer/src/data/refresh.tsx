import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { AppEvent, RequestOf } from '../../../contract/api';
import { useFlash } from '../components/flash';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';
import { plural } from '../lib/format';
import { queryKeys } from './keys';
import { createRowBuffer, keepOnlyRows, rowKey, rowWriteDelayMs } from './rows';

type Scope = RequestOf<'refresh:start'>['scope'];

export interface RefreshState {
  running: boolean;
  refreshId: string | null;
  done: number;
  total: number;
  failed: number;
  lastFinishedAt: string | null;
}

interface RefreshActions {
  /** Starts a refresh unless one is running; `reload` re-reads the AWS files first. */
  start(scope?: Scope, options?: { reload?: boolean }): Promise<void>;
  /** The start-up refresh of everything, at most once per app session. */
  startInitial(): void;
  cancel(): Promise<void>;
}

type RefreshApi = RefreshState & RefreshActions;

// Two contexts: the progress counters change many times a second during a refresh, the actions
// never do. The window shell only needs the actions, so it does not re-render with every row.
const RefreshStateContext = createContext<RefreshState | null>(null);
const RefreshActionsContext = createContext<RefreshActions | null>(null);
// Whether a refresh runs, alone: the Overview's table and header need only this, and re-rendering
// them with each progress tick kept the window's thread busy while 17,000 rows streamed in.
const RefreshRunningContext = createContext(false);
/** Progress counters reach the screen at most this often. */
const PROGRESS_INTERVAL_MS = 80;

const IDLE: RefreshState = { running: false, refreshId: null, done: 0, total: 0, failed: 0, lastFinishedAt: null };

/**
 * Owns the refresh lifecycle: starts and cancels through window.api and merges the rows of
 * `refresh-progress` batches into the rows query, one cache update for all that came in a moment.
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
  const buffer = useMemo(() => createRowBuffer(client, rowWriteDelayMs), [client]);

  useEffect(() => {
    let progress: { done: number; total: number } | null = null;
    let progressTimer: ReturnType<typeof setTimeout> | null = null;
    const flushProgress = () => {
      if (progressTimer) clearTimeout(progressTimer);
      progressTimer = null;
      const latest = progress;
      progress = null;
      if (!latest) return;
      // As a transition: an urgent update would make React drop the Overview's background render of
      // the rows (OverviewPage) and start it again, several times a second while rows stream in.
      startTransition(() =>
        setState((s) => ({ ...s, running: true, done: Math.max(s.done, latest.done), total: latest.total })),
      );
    };
    const onEvent = (event: AppEvent) => {
      if (event.type === 'refresh-progress') {
        // A batch of rows (main/core/rows/progress-batches.ts) goes to the cache together.
        buffer.put(event.rows);
        for (const row of event.rows) seen.current.add(rowKey(row));
        progress = { done: Math.max(progress?.done ?? 0, event.done), total: event.total };
        progressTimer ??= setTimeout(flushProgress, PROGRESS_INTERVAL_MS);
      } else if (event.type === 'refresh-finished') {
        buffer.flush();
        flushProgress();
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
    const unsubscribe = api().onEvent(onEvent);
    return () => {
      unsubscribe();
      if (progressTimer) clearTimeout(progressTimer);
    };
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

  const actions = useMemo(() => ({ start, startInitial, cancel }), [start, startInitial, cancel]);
  return (
    <RefreshActionsContext.Provider value={actions}>
      <RefreshRunningContext.Provider value={state.running}>
        <RefreshStateContext.Provider value={state}>{children}</RefreshStateContext.Provider>
      </RefreshRunningContext.Provider>
    </RefreshActionsContext.Provider>
  );
}

/**
 * Cached rows first, then one refresh of everything per app session, once the profiles are known
 * (an empty profile list has nothing to refresh).
 */
export function useInitialRefresh(rowsPending: boolean, profileCount: number): void {
  const { startInitial } = useRefreshActions();
  useEffect(() => {
    if (!rowsPending && profileCount > 0) startInitial();
  }, [rowsPending, profileCount, startInitial]);
}

/** Progress and actions: for views that show the refresh. */
export function useRefresh(): RefreshApi {
  const state = useContext(RefreshStateContext);
  const actions = useRefreshActions();
  if (!state) throw new Error('useRefresh needs a RefreshProvider');
  return useMemo(() => ({ ...state, ...actions }), [state, actions]);
}

/** Whether a refresh runs: for views that change only when one starts or ends, not with its progress. */
export function useRefreshRunning(): boolean {
  return useContext(RefreshRunningContext);
}

/** Start and cancel only: stable for the provider's life, so callers do not re-render with progress. */
export function useRefreshActions(): RefreshActions {
  const actions = useContext(RefreshActionsContext);
  if (!actions) throw new Error('useRefresh needs a RefreshProvider');
  return actions;
}

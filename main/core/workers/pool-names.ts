/**
 * The account-names pass's pages, read by the worker thread holding each profile (the shard rule of
 * rows: workerOf), so no names call is signed, sent or parsed on the main thread. The pass itself —
 * its plan, scheduler, timeout, refusal memory and cached names — stays on the main thread
 * (main/core/names): each page is one job under one of its scheduler's calls, abandoned in the worker
 * when that call times out or is cancelled. A worker that dies answers its pages with an error: names
 * are a convenience, and the next pass asks again.
 */
import { AppErrorException, appError } from '../../domain/errors';
import type { NamePages } from '../aws/name-pages';
import type { WorkerPool } from './pool';
import { WORKER_STOPPED } from './pool-handlers';

const stopped = () =>
  Promise.reject(new AppErrorException(appError('unknown', `The names read stopped: ${WORKER_STOPPED}.`)));

export function workerNamePages(env: { pool: WorkerPool; workerOf(profile: string): Promise<number> }): NamePages {
  return {
    async page(listing, where, token, signal) {
      const worker = await env.workerOf(where.profile);
      return env.pool.run(
        {
          worker,
          message: { type: 'name-page', listing, ...where, ...(token === undefined ? {} : { token }) },
          recover: stopped,
        },
        signal,
      );
    },
  };
}

/**
 * Questions sent over a message channel and the answers that come back, matched by id: a worker's
 * questions to the main thread (the last known row, an activity entry written, an MFA code), and the
 * main thread's jobs for a worker. A question whose asker gives up (its signal aborted) is failed at
 * once and the other side is told; one asked with a time limit fails with a timeout when no answer
 * came within it (a late answer is then dropped).
 */
import { AppErrorException, appError } from '../../domain/errors';

interface Open {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface Questions<Q extends { id: string }> {
  /** Sends the question with a fresh id; resolves with its answer. */
  ask(question: Q, signal?: AbortSignal, onAbort?: (id: string) => void, limitMs?: number): Promise<unknown>;
  answer(id: string, value: unknown): void;
  fail(id: string, error: unknown): void;
  /** Fails every open question (the other side is gone). */
  failAll(error: unknown): void;
  /** How many questions wait for their answer. */
  open(): number;
}

export function createQuestions<Q extends { id: string }>(send: (question: Q) => void): Questions<Q> {
  const open = new Map<string, Open>();
  let next = 0;
  return {
    ask(question, signal, onAbort, limitMs) {
      const id = `q${++next}`;
      return new Promise((resolve, reject) => {
        if (signal?.aborted) {
          reject(new AppErrorException(appError('cancelled', 'The request was cancelled.')));
          return;
        }
        const abort = () => {
          if (!open.delete(id)) return;
          clearTimeout(timer);
          onAbort?.(id);
          reject(new AppErrorException(appError('cancelled', 'The request was cancelled.')));
        };
        const timer =
          limitMs === undefined
            ? undefined
            : setTimeout(() => {
                if (!open.delete(id)) return;
                signal?.removeEventListener('abort', abort);
                reject(
                  new AppErrorException(
                    appError('timeout', `No answer came from the other thread within ${limitMs / 1000} s.`, {
                      retryable: true,
                    }),
                  ),
                );
              }, limitMs);
        signal?.addEventListener('abort', abort, { once: true });
        open.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', abort);
            resolve(value);
          },
          reject: (error) => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', abort);
            reject(error);
          },
        });
        send({ ...question, id });
      });
    },
    answer(id, value) {
      const waiting = open.get(id);
      open.delete(id);
      waiting?.resolve(value);
    },
    fail(id, error) {
      const waiting = open.get(id);
      open.delete(id);
      waiting?.reject(error);
    },
    failAll(error) {
      const all = [...open.values()];
      open.clear();
      for (const waiting of all) waiting.reject(error);
    },
    open: () => open.size,
  };
}

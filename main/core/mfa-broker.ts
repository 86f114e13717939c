/**
 * Turns the credential layer's MFA prompt into events for the window: `mfa-prompt` asks, the
 * renderer answers through `mfa:answer` (null cancels), and `mfa-prompt-closed` tells it the prompt
 * is gone (answered, cancelled, timed out or aborted). An unanswered prompt times out.
 */
import { randomUUID } from 'node:crypto';
import type { AppEvent } from '../../contract/api';
import { AppErrorException, appError } from '../domain/errors';
import type { MfaPrompt } from './aws/clients';

export interface MfaBroker {
  prompt: MfaPrompt;
  answer(promptId: string, code: string | null): void;
  /** Cancels every open prompt. */
  dispose(): void;
}

interface OpenPrompt {
  resolve: (code: string) => void;
  reject: (error: AppErrorException) => void;
}

export function createMfaBroker(options: {
  emit: (event: AppEvent) => void;
  timeoutMs?: number;
  clock?: () => Date;
}): MfaBroker {
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const clock = options.clock ?? (() => new Date());
  const open = new Map<string, OpenPrompt>();

  const cancelled = (message: string) => new AppErrorException(appError('cancelled', message, { retryable: true }));

  return {
    prompt(request, signal) {
      return new Promise<string>((resolve, reject) => {
        if (signal?.aborted) {
          reject(cancelled('The MFA prompt was cancelled.'));
          return;
        }
        const promptId = randomUUID();
        const close = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (open.delete(promptId)) options.emit({ type: 'mfa-prompt-closed', promptId });
        };
        const onAbort = () => {
          close();
          reject(cancelled('The MFA prompt was cancelled.'));
        };
        const timer = setTimeout(() => {
          close();
          reject(
            cancelled(
              `No MFA code was entered for ${request.serial} within ${Math.round(timeoutMs / 60_000)} minutes.`,
            ),
          );
        }, timeoutMs);
        timer.unref?.();
        signal?.addEventListener('abort', onAbort, { once: true });
        open.set(promptId, {
          resolve: (code) => {
            close();
            resolve(code);
          },
          reject: (error) => {
            close();
            reject(error);
          },
        });
        options.emit({
          type: 'mfa-prompt',
          promptId,
          serial: request.serial,
          profiles: request.profiles,
          expiresAt: new Date(clock().getTime() + timeoutMs).toISOString(),
        });
      });
    },
    answer(promptId, code) {
      const pending = open.get(promptId);
      if (!pending) {
        throw new AppErrorException(
          appError('not-found', 'That MFA prompt has already closed (answered, cancelled or timed out).'),
        );
      }
      if (code === null) pending.reject(cancelled('The MFA prompt was cancelled.'));
      else pending.resolve(code);
    },
    dispose() {
      for (const pending of [...open.values()]) pending.reject(cancelled('The app is closing.'));
    },
  };
}

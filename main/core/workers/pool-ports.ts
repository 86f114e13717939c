/**
 * What the main thread does for its workers: the ports of the AWS-talking core (ARCHITECTURE.md) on
 * this side of the message channel. Rows go to the row sink, events to the window, activity entries to
 * the one activity log, the last known row and MFA codes back to the worker that asked; credential
 * helpers a worker runs are tracked here too, so they are ended when that worker dies or the process
 * exits (a terminated thread runs no exit hook of its own).
 */
import type { AppEvent } from '../../../contract/api';
import { errorOf } from '../../domain/errors';
import type { RowKey } from '../../domain/ids';
import type { ServiceRow } from '../../domain/row';
import type { MfaPrompt } from '../aws/clients';
import { type TrackedHelper, trackHelperGroup } from '../aws/helper-groups';
import { MfaCodeNotGiven } from '../aws/mfa-sessions';
import type { RowOrigin } from '../rows/row-sink';
import type { ActivityLog } from '../storage/activity';
import type { FromWorkerParsed, ToWorker } from './messages';

export interface PoolPorts {
  absorbRow(worker: number, row: ServiceRow, origin: RowOrigin): void;
  lastRow(key: RowKey): Promise<ServiceRow | null>;
  activity: Pick<ActivityLog, 'append'>;
  promptMfa: MfaPrompt;
  emit(event: AppEvent): void;
}

type Served = Extract<FromWorkerParsed, { type: 'row' | 'event' | 'question' | 'mfa-cancel' | 'helper' }>;

export function servePorts(ports: PoolPorts, send: (worker: number, message: ToWorker) => void) {
  const prompts = new Map<string, { worker: number; abort: AbortController }>();
  const helpers = new Map<string, TrackedHelper>();
  const helperKey = (worker: number, pid: number) => `${worker}/${pid}`;

  function reply(worker: number, id: string, answer: Promise<unknown>): void {
    answer.then(
      (value) => send(worker, { type: 'reply', id, value }),
      (error: unknown) =>
        send(worker, {
          type: 'reply',
          id,
          error: errorOf(error),
          ...(error instanceof MfaCodeNotGiven ? { mfaNotGiven: { reason: error.reason, serial: error.serial } } : {}),
        }),
    );
  }

  function ask(worker: number, question: Extract<Served, { type: 'question' }>['question']): void {
    switch (question.type) {
      case 'last-row':
        reply(worker, question.id, ports.lastRow(question.key));
        return;
      case 'activity':
        reply(worker, question.id, ports.activity.append(question.entry));
        return;
      case 'mfa': {
        const abort = new AbortController();
        const key = `${worker}/${question.id}`;
        prompts.set(key, { worker, abort });
        const asked = ports.promptMfa({ serial: question.serial, profiles: question.profiles }, abort.signal);
        reply(
          worker,
          question.id,
          asked.finally(() => prompts.delete(key)),
        );
        return;
      }
    }
  }

  return {
    receive(worker: number, message: FromWorkerParsed): void {
      switch (message.type) {
        case 'row':
          ports.absorbRow(worker, message.row, message.origin);
          return;
        case 'event':
          ports.emit(message.event);
          return;
        case 'question':
          ask(worker, message.question);
          return;
        case 'mfa-cancel':
          prompts.get(`${worker}/${message.id}`)?.abort.abort();
          return;
        case 'helper': {
          const key = helperKey(worker, message.pid);
          if (message.state === 'started') {
            helpers.set(key, trackHelperGroup(message.pid, message.platform as NodeJS.Platform));
          } else {
            helpers.get(key)?.exited();
            helpers.delete(key);
          }
          return;
        }
      }
    },
    /** The worker is gone: its prompts are closed and its helpers' process groups ended. */
    forget(worker: number): void {
      for (const [key, prompt] of prompts) {
        if (prompt.worker !== worker) continue;
        prompts.delete(key);
        prompt.abort.abort();
      }
      for (const [key, helper] of helpers) {
        if (!key.startsWith(`${worker}/`)) continue;
        helpers.delete(key);
        helper.stop();
      }
    },
    dispose(): void {
      for (const prompt of prompts.values()) prompt.abort.abort();
      prompts.clear();
      for (const helper of helpers.values()) helper.stop();
      helpers.clear();
    },
  };
}

/**
 * The worker's side of the window (outbox.ts): outcome messages beyond the window wait, in order, for
 * the main thread's acknowledgements; questions and the heartbeat never wait.
 */
import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../../../main/core/workers/messages';
import { createOutbox, isWindowed } from '../../../main/core/workers/outbox';

const KEY = { service: 'securityhub', profile: 'p', region: 'us-east-1' };
const progress = (n: number): FromWorker => ({ type: 'progress', run: `r${n}`, key: KEY });
const runOf = (message: FromWorker) => (message as { run: string }).run;

describe('the outbox', () => {
  it('sends at most a window of outcome messages before the main thread acknowledges them', () => {
    const sent: FromWorker[] = [];
    const outbox = createOutbox((m) => sent.push(m), 3);
    for (let n = 0; n < 10; n++) outbox.post(progress(n));
    expect(sent.map(runOf)).toEqual(['r0', 'r1', 'r2']);
    expect(outbox.waiting()).toBe(7);

    outbox.ack(2);
    expect(sent.map(runOf)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    outbox.ack(10);
    expect(sent.map(runOf)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    outbox.ack(3);
    expect(sent.map(runOf)).toEqual(Array.from({ length: 10 }, (_, n) => `r${n}`));
    expect(outbox.waiting()).toBe(0);
  });

  it('lets questions, the heartbeat and helpers through while outcome messages wait', () => {
    const sent: FromWorker[] = [];
    const outbox = createOutbox((m) => sent.push(m), 1);
    outbox.post(progress(0));
    outbox.post({ type: 'result', id: 'j1', value: 1 });
    outbox.post({ type: 'question', question: { type: 'last-row', id: 'q1', key: KEY } });
    outbox.post({ type: 'pong', seq: 4 });
    outbox.post({ type: 'helper', pid: 10, platform: 'linux', state: 'started' });
    expect(sent.map((m) => m.type)).toEqual(['progress', 'question', 'pong', 'helper']);
    outbox.ack(1);
    expect(sent.map((m) => m.type)).toEqual(['progress', 'question', 'pong', 'helper', 'result']);
  });

  it('keeps the order over a long queue that never empties', () => {
    const sent: FromWorker[] = [];
    const outbox = createOutbox((m) => sent.push(m), 5);
    let posted = 0;
    for (let round = 0; round < 2000; round++) {
      outbox.post(progress(posted++));
      outbox.post(progress(posted++));
      outbox.ack(1);
    }
    expect(outbox.waiting()).toBe(posted - sent.length);
    expect(outbox.waiting()).toBeGreaterThan(1000);
    expect(sent.map(runOf)).toEqual(Array.from({ length: sent.length }, (_, n) => `r${n}`));
  });

  it('counts exactly the outcome messages, as the main thread acknowledges them', () => {
    for (const type of ['row', 'progress', 'finished', 'result', 'event']) expect(isWindowed({ type })).toBe(true);
    for (const type of ['ready', 'pong', 'question', 'mfa-cancel', 'helper', 'other']) {
      expect(isWindowed({ type })).toBe(false);
    }
    expect(isWindowed(null)).toBe(false);
    expect(isWindowed('row')).toBe(false);
  });
});

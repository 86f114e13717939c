/**
 * Questions between threads: answered by id, failed when the asker gives up, and — when asked with
 * a time limit — failed with a timeout instead of waiting forever for a thread that does not answer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQuestions } from '../../../main/core/workers/questions';
import { isAppErrorException } from '../../../main/domain/errors';

afterEach(() => {
  vi.useRealTimers();
});

type Q = { id: string; type: 'last-row' };

describe('questions to another thread', () => {
  it('resolves with the answer that carries its id', async () => {
    const sent: Q[] = [];
    const questions = createQuestions<Q>((q) => sent.push(q));
    const asked = questions.ask({ id: '', type: 'last-row' });
    questions.answer(sent[0]!.id, 'the row');
    await expect(asked).resolves.toBe('the row');
    expect(questions.open()).toBe(0);
  });

  it('fails with a timeout when no answer comes within its limit, and drops a late answer', async () => {
    vi.useFakeTimers();
    const sent: Q[] = [];
    const questions = createQuestions<Q>((q) => sent.push(q));
    const asked = questions.ask({ id: '', type: 'last-row' }, undefined, undefined, 10_000);
    const outcome = asked.then(
      () => 'answered',
      (error: unknown) => (isAppErrorException(error) ? error.appError.kind : 'other'),
    );
    await vi.advanceTimersByTimeAsync(9_999);
    expect(questions.open()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toBe('timeout');
    expect(questions.open()).toBe(0);
    questions.answer(sent[0]!.id, 'too late');
    expect(questions.open()).toBe(0);
  });

  it('waits as long as it takes without a limit', async () => {
    vi.useFakeTimers();
    const sent: Q[] = [];
    const questions = createQuestions<Q>((q) => sent.push(q));
    const asked = questions.ask({ id: '', type: 'last-row' });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(questions.open()).toBe(1);
    questions.answer(sent[0]!.id, 'the row');
    await expect(asked).resolves.toBe('the row');
  });
});

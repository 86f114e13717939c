/**
 * The messages between the threads are checked as IPC requests are: a request a worker is to run
 * meets the contract's own schema, a row the row's schema, and anything that does not fit is refused.
 */
import { describe, expect, it } from 'vitest';
import { fromWorkerSchema, toWorkerSchema } from '../../../main/core/workers/messages';
import { serviceRow } from '../../helpers/rows';

describe('worker messages', () => {
  it('checks a channel’s request with the contract’s schema', () => {
    const call = (request: unknown) =>
      toWorkerSchema.safeParse({ type: 'call', id: 'j1', call: { channel: 'invitation:accept', request } });
    expect(
      call({ profile: 'dev', region: 'us-east-1', administratorId: '111111111111', invitationId: 'abc' }).success,
    ).toBe(true);
    expect(call({ profile: 'dev', region: 'us-east-1', administratorId: 'not-an-account' }).success).toBe(false);
    expect(
      toWorkerSchema.safeParse({ type: 'call', id: 'j1', call: { channel: 'settings:update', request: {} } }).success,
    ).toBe(false);
  });

  it('refuses unknown types, missing ids and plans that are not plans', () => {
    expect(toWorkerSchema.safeParse({ type: 'eval', code: '1' }).success).toBe(false);
    expect(toWorkerSchema.safeParse({ type: 'reload' }).success).toBe(false);
    const plan = {
      service: 'securityhub',
      profile: 'dev',
      region: 'us-east-1',
      stsRegion: 'us-east-1',
      notes: [],
      unusable: null,
      configuredAccountId: '111111111111',
    };
    const refresh = (plans: unknown[]) =>
      toWorkerSchema.safeParse({ type: 'refresh', run: 'r1', plans, known: [], standing: [] }).success;
    expect(refresh([plan])).toBe(true);
    expect(refresh([{ ...plan, region: 'Not a region' }])).toBe(false);
    expect(refresh([{ ...plan, service: 'SecurityHub!' }])).toBe(false);
    expect(refresh([{ ...plan, configuredAccountId: null }])).toBe(true);
    expect(refresh([{ ...plan, configuredAccountId: '1111' }])).toBe(false);
  });

  it('takes a names page as a listing, a profile, a region and an account, nothing else', () => {
    const page = (fields: Record<string, unknown>) =>
      toWorkerSchema.safeParse({ type: 'name-page', id: 'j2', profile: 'dev', region: 'us-east-1', ...fields });
    expect(page({ listing: { read: 'alias' }, accountId: '111111111111' }).success).toBe(true);
    expect(
      page({
        listing: { read: 'delegatedAdministrators', principal: 'securityhub.amazonaws.com' },
        token: 'next',
      }).success,
    ).toBe(true);
    expect(page({ listing: { read: 'delegatedAdministrators' } }).success).toBe(false);
    expect(page({ listing: { read: 'anything' } }).success).toBe(false);
    expect(page({ listing: { read: 'alias' }, accountId: 'not-an-account' }).success).toBe(false);
    expect(page({ listing: { read: 'alias' }, token: '' }).success).toBe(false);
    expect(toWorkerSchema.safeParse({ type: 'abandon', job: 'j2' }).success).toBe(true);
    expect(toWorkerSchema.safeParse({ type: 'abandon' }).success).toBe(false);
  });

  it('checks a worker’s row with the row schema and its errors as AppErrors', () => {
    const row = serviceRow('dev', 'us-east-1');
    expect(fromWorkerSchema.safeParse({ type: 'row', row, origin: 'refresh' }).success).toBe(true);
    expect(
      fromWorkerSchema.safeParse({ type: 'row', row: { ...row, state: 'maybe' }, origin: 'refresh' }).success,
    ).toBe(false);
    expect(fromWorkerSchema.safeParse({ type: 'row', row, origin: 'elsewhere' }).success).toBe(false);
    expect(
      fromWorkerSchema.safeParse({ type: 'result', id: 'j1', error: { kind: 'no-such-kind', message: 'x' } }).success,
    ).toBe(false);
    expect(
      fromWorkerSchema.safeParse({
        type: 'result',
        id: 'j1',
        error: { kind: 'refused', message: 'No.', remediation: null, command: null, retryable: false },
      }).success,
    ).toBe(true);
  });
});

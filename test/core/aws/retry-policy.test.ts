/**
 * What the SDK sends again on its own, through the app's clients and the real SDK against the
 * emulator: reads keep the standard retries; a write is sent once unless AWS refused it unapplied
 * (a throttle); a quota LimitExceeded is never retried.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateMembersCommand,
  DeclineInvitationsCommand,
  GetAdministratorAccountCommand,
} from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../../main/core/aws/clients';
import { isQuotaError, isThrottlingError, toAppError } from '../../../main/core/aws/errors';
import { securityHub } from '../../../main/core/services/securityhub';
import { DEMO_SCENARIO_PATH, generateScenario, type RunningEmulator, startEmulator } from '../../emulator/index';
import { fastRetry } from '../harness';

let emulator: RunningEmulator;
let clients: AwsClients;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, scenario: DEMO_SCENARIO_PATH });
  dir = await mkdtemp(join(tmpdir(), 'shi-retry-'));
  const aws = await emulator.writeAwsDir(dir);
  clients = createAwsClients({
    env: aws.env,
    promptMfa: () => Promise.reject(new Error('no MFA')),
    retryStrategy: fastRetry(),
  });
  await clients.listProfiles();
});
afterAll(async () => {
  clients.dispose();
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emulator.setFaults({ loseReplies: [], throttleRate: 0 });
  emulator.clearLog();
});

const sent = (operation: string) => emulator.requestLog().filter((e) => e.operation === operation).length;

describe('retries', () => {
  it('a read whose reply is lost is asked again (3 attempts)', async () => {
    emulator.setFaults({ loseReplies: ['GetAdministratorAccount'] });
    await expect(
      clients.client(securityHub.sdk, 'member-enabled', 'us-east-1').send(new GetAdministratorAccountCommand({})),
    ).rejects.toBeTruthy();
    expect(sent('GetAdministratorAccount')).toBe(3);
  });

  it('a write whose reply is lost after AWS applied it is sent exactly once', async () => {
    emulator.setFaults({ loseReplies: ['DeclineInvitations'] });
    const writer = clients.client(securityHub.sdk, 'member-pending', 'eu-west-1', 'write');
    await expect(writer.send(new DeclineInvitationsCommand({ AccountIds: ['111111111111'] }))).rejects.toBeTruthy();
    expect(sent('DeclineInvitations')).toBe(1);
    // AWS did apply it: a second send would have been answered "no longer pending".
    const side = emulator.state().memberSides.find((m) => m.accountId === '222222222222' && m.region === 'eu-west-1');
    expect(side?.invitations[0]?.memberStatus).toBe('Resigned');
  });

  it('a write answered 500 after it was applied is not sent again either', async () => {
    emulator.setFaults({ loseReplies: ['DeclineInvitations'], loseRepliesAs: 'internal-error' });
    const writer = clients.client(securityHub.sdk, 'member-pending', 'us-east-1', 'write');
    const error = await writer
      .send(new DeclineInvitationsCommand({ AccountIds: ['111111111111'] }))
      .catch((e: unknown) => e);
    expect(toAppError(error).kind).toBe('internal');
    expect(sent('DeclineInvitations')).toBe(1);
    emulator.setFaults({ loseRepliesAs: 'drop' });
  });

  it('a throttled write is retried: AWS refused it before applying it', async () => {
    emulator.setFaults({ throttleRate: 1 });
    const writer = clients.client(securityHub.sdk, 'member-pending', 'us-east-1', 'write');
    const error = await writer
      .send(new DeclineInvitationsCommand({ AccountIds: ['111111111111'] }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TooManyRequestsException' });
    expect(toAppError(error)).toMatchObject({ kind: 'throttled', retryable: true });
    expect(isThrottlingError(error)).toBe(true);
    expect(sent('DeclineInvitations')).toBe(3);
  });
});

describe('a quota LimitExceededException', () => {
  it('is its own error, sent once, and not a throttle', async () => {
    const quota = await startEmulator({
      port: 0,
      scenario: generateScenario({ profiles: 1, accounts: 1, regions: ['us-east-1'], administratorMembers: 1000 }),
    });
    const qdir = await mkdtemp(join(tmpdir(), 'shi-quota-'));
    const aws = await quota.writeAwsDir(qdir);
    const qc = createAwsClients({
      env: aws.env,
      promptMfa: () => Promise.reject(new Error('no MFA')),
      retryStrategy: fastRetry(),
    });
    try {
      const profile = (await qc.listProfiles()).profiles[0]!.name;
      for (const use of ['read', 'write'] as const) {
        quota.clearLog();
        const error = await qc
          .client(securityHub.sdk, profile, 'us-east-1', use)
          .send(new CreateMembersCommand({ AccountDetails: [{ AccountId: '123456789012' }] }))
          .catch((e: unknown) => e);
        expect(error).toMatchObject({ name: 'LimitExceededException' });
        expect(isQuotaError(error)).toBe(true);
        expect(isThrottlingError(error)).toBe(false);
        expect(toAppError(error, { region: 'us-east-1' })).toMatchObject({ kind: 'quota', retryable: false });
        expect(toAppError(error).message).toMatch(/account limit/);
        expect(quota.requestLog().filter((e) => e.operation === 'CreateMembers')).toHaveLength(1);
      }
    } finally {
      qc.dispose();
      await quota.stop();
      await rm(qdir, { recursive: true, force: true });
    }
  });

  it('a LimitExceeded that speaks of a rate stays a throttle', () => {
    const rate = Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException', $metadata: {} });
    expect(isQuotaError(rate)).toBe(false);
    expect(toAppError(rate).kind).toBe('throttled');
  });
});

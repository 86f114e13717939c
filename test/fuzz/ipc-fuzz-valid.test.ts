/**
 * Valid requests on every IPC channel, random but well-formed, through the real dispatch into the
 * real backend: they act on the emulator (reads, and writes on a freshly loaded scenario each time)
 * and must still come back as a typed Result — never a throw, a hang, a handler bug or a secret.
 * The refusals of invalid requests are in ipc-fuzz.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../contract/api';
import { CHANNELS } from '../../main/core/invoke';
import type { Settings } from '../../main/domain/types';
import { checkProperty, runCase } from './fuzz-case';
import { FUZZ_RUNS, type FuzzRig, secretsOf, startRig } from './fuzz-rig';
import { fullSamples, type ValidArbitraries, validArbitraries } from './valid-payloads';

let rig: FuzzRig;
let secrets: string[];
let valid: ValidArbitraries;
let baseline: Settings;
const samples = fullSamples();
const counts = new Map<Channel, number>();
/** Requests the emulator received for the valid cases: shows they reached AWS, not just the schema. */
let awsCalls = 0;

/** Valid cases per channel: each may read (or change) AWS rows, so far fewer than the refusals. */
const VALID_RUNS = Math.max(6, Math.ceil(FUZZ_RUNS / 25));

beforeAll(async () => {
  rig = await startRig();
  secrets = secretsOf(rig);
  valid = validArbitraries(rig.names);
  const got = await rig.call('settings:get', undefined, 5000);
  if (!got.ok) throw new Error(`settings:get failed: ${got.error.message}`);
  baseline = got.value as Settings;
}, 60_000);

afterAll(async () => {
  const parts = CHANNELS.map((ch) => `${ch}=${counts.get(ch) ?? 0}`);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(
    `ipc fuzz (valid): ${total} cases, ${awsCalls} AWS requests, ${CHANNELS.length} channels — ${parts.join(' ')}`,
  );
  await rig?.close();
});

/**
 * Every valid case starts from the demo scenario as written (writes of earlier cases undone) and the
 * settings the rig started with (a random settings:update may have switched read-only on).
 */
async function fresh(): Promise<void> {
  rig.h.emulator.loadScenario(rig.scenario);
  const { defaultRegions, profileRegions, hiddenProfiles, concurrency, autoRefreshMinutes, callTimeoutMs } = baseline;
  const restore = { defaultRegions, profileRegions, hiddenProfiles, concurrency, autoRefreshMinutes, callTimeoutMs };
  const result = await rig.call('settings:update', { ...restore, readOnly: false }, 5000);
  if (!result.ok) throw new Error(`restoring the settings failed: ${result.error.message}`);
}

describe.each(CHANNELS)('%s', (channel) => {
  it('answers valid requests with a typed Result, acting on a fresh scenario', async () => {
    const arbitrary = fc.oneof(
      fc.constantFrom(...(samples[channel] as unknown[])),
      valid[channel] as fc.Arbitrary<unknown>,
    );
    await checkProperty(
      arbitrary,
      async (payload) => {
        counts.set(channel, (counts.get(channel) ?? 0) + 1);
        await fresh();
        await runCase(rig, secrets, channel, payload, 'valid');
        awsCalls += rig.h.emulator.requestLog().length;
      },
      VALID_RUNS,
    );
  }, 180_000);
});

describe('prototype keys in a record (settings:update profileRegions)', () => {
  it('drops an own __proto__ key before the handler and keeps "constructor" as the profile name it is', async () => {
    await fresh();
    const profileRegions = JSON.parse('{"admin":["us-east-1"],"__proto__":["eu-west-1"],"constructor":["eu-west-1"]}');
    const updated = await runCase(rig, secrets, 'settings:update', { profileRegions }, 'valid');
    const read = await runCase(rig, secrets, 'settings:get', undefined, 'valid');
    for (const result of [updated, read]) {
      if (!result.ok) throw new Error(result.error.message);
      const stored = (result.value as Settings).profileRegions;
      expect(Object.keys(stored).sort()).toEqual(['admin', 'constructor']);
      expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
      expect(Object.hasOwn(stored, '__proto__')).toBe(false);
      expect(stored.constructor).toEqual(['eu-west-1']);
    }
  });
});

/**
 * Property-based fuzzing of every IPC channel, through the real dispatch (sender check, schema,
 * handler) into the real backend against the emulator. The channel list is the contract's
 * (CHANNELS = the keys of contract/api.ts's requestSchemas), so a new channel is fuzzed without
 * touching this file; its valid generator (valid-payloads.ts) is required by the type checker.
 *
 * Per channel: random hostile payloads (the schema decides which are invalid; invalid ones must be
 * refused with no effect), one-field mutations of valid requests (invalid by construction: must be
 * refused even if the schema lost a check), and foreign senders (refused before any schema).
 * Valid requests acting on the emulator are in ipc-fuzz-valid.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Channel, requestSchemas } from '../../contract/api';
import { CHANNELS } from '../../main/core/invoke';
import type { InvokeEvent } from '../../main/shell/bind-ipc';
import { APP_ORIGIN_URL } from '../../main/shell/protocol';
import { checkProperty, runCase } from './fuzz-case';
import { FUZZ_RUNS, type FuzzRig, secretsOf, startRig } from './fuzz-rig';
import { hostilePayload, nearValidMutations } from './hostile';
import { fullSamples, type ValidArbitraries, validArbitraries } from './valid-payloads';

let rig: FuzzRig;
let secrets: string[];
let valid: ValidArbitraries;
const samples = fullSamples();
const counts = new Map<Channel, { hostile: number; nearValid: number; sender: number }>();
const count = (channel: Channel) => {
  const c = counts.get(channel) ?? { hostile: 0, nearValid: 0, sender: 0 };
  counts.set(channel, c);
  return c;
};

beforeAll(async () => {
  rig = await startRig();
  secrets = secretsOf(rig);
  valid = validArbitraries(rig.names);
}, 60_000);

afterAll(async () => {
  const parts = CHANNELS.map((ch) => {
    const c = counts.get(ch);
    return `${ch}=${c ? c.hostile + c.nearValid + c.sender : 0}`;
  });
  const total = [...counts.values()].reduce((n, c) => n + c.hostile + c.nearValid + c.sender, 0);
  console.log(`ipc fuzz (refusals): ${total} cases over ${CHANNELS.length} channels — ${parts.join(' ')}`);
  await rig?.close();
});

/** Senders Electron could report that are not the app's top-level page. */
const FOREIGN_SENDERS: { label: string; event: InvokeEvent }[] = [
  { label: 'sub-frame of the app page', event: { senderFrame: { url: `${APP_ORIGIN_URL}index.html`, parent: {} } } },
  { label: 'destroyed frame', event: { senderFrame: null } },
  ...[
    'https://evil.example/',
    'app://renderer.evil/',
    'app://evil/index.html',
    'app://renderer@evil/',
    'app://renderer:8080/',
    'file:///index.html',
    'http://127.0.0.1:5173/',
    'about:blank',
    'not a url',
    '',
  ].map((url) => ({ label: url || '(empty url)', event: { senderFrame: { url, parent: null } } })),
];
const randomForeignSender = fc
  .oneof(fc.webUrl(), fc.string({ maxLength: 60 }))
  .filter((url) => !url.startsWith(APP_ORIGIN_URL))
  .map((url): InvokeEvent => ({ senderFrame: { url, parent: null } }));

describe('the fuzz generators', () => {
  it('have a valid generator and full samples for every channel, all accepted by the contract', () => {
    expect(Object.keys(valid).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(samples).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      const schema = requestSchemas[channel];
      for (const payload of [...fc.sample(valid[channel] as fc.Arbitrary<unknown>, 50), ...samples[channel]]) {
        const parsed = schema.safeParse(payload);
        expect(parsed.success, `${channel}: generated ${JSON.stringify(payload)}`).toBe(true);
      }
    }
  });
});

describe('channels outside the contract', () => {
  it('are refused with no effect, whatever their name or payload', async () => {
    const name = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app:info ', 'APP:INFO'),
      fc.anything({ maxDepth: 1, withNullPrototype: true }),
    );
    let cases = 0;
    await checkProperty(
      fc.tuple(
        name.filter((n) => !(CHANNELS as unknown[]).includes(n)),
        fc.anything({ maxDepth: 2 }),
      ),
      async ([channel, payload]) => {
        cases++;
        await runCase(rig, secrets, channel as Channel, payload, 'unknown-channel');
      },
      FUZZ_RUNS,
    );
    console.log(`ipc fuzz (unknown channels): ${cases} cases`);
  });
});

describe.each(CHANNELS)('%s', (channel) => {
  it('answers every hostile payload with a typed Result; refusals have no effect', async () => {
    await checkProperty(
      hostilePayload(valid[channel] as fc.Arbitrary<unknown>),
      async (payload) => {
        count(channel).hostile++;
        await runCase(rig, secrets, channel, payload, 'schema');
      },
      FUZZ_RUNS,
    );
  }, 120_000);

  it('refuses every one-field mutation of a valid request, without calling AWS', async () => {
    const mutations = samples[channel].flatMap((sample) => nearValidMutations(sample));
    expect(mutations.length).toBeGreaterThan(3);
    for (const m of mutations) {
      count(channel).nearValid++;
      await runCase(rig, secrets, channel, m.payload, 'invalid-request', undefined, m.label);
    }
  }, 120_000);

  it('refuses a valid request from any sender but the app’s top-level page', async () => {
    const payload = samples[channel][0];
    for (const s of FOREIGN_SENDERS) {
      count(channel).sender++;
      await runCase(rig, secrets, channel, payload, 'forbidden-sender', s.event, s.label);
    }
    await checkProperty(
      randomForeignSender,
      async (event) => {
        count(channel).sender++;
        await runCase(rig, secrets, channel, payload, 'forbidden-sender', event);
      },
      Math.max(5, Math.ceil(FUZZ_RUNS / 25)),
    );
  }, 60_000);
});

/**
 * One fuzz case: dispatch a payload through the rig and check what must hold for every answer —
 * a typed Result (never a throw, never a hang), no secret in it, no prototype changed, no handler
 * bug — and, for a request that must be refused, that nothing happened: no AWS call, no file
 * written, no emulator state changed, no event, clipboard or browser use.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { type Channel, requestSchemas } from '../../contract/api';
import type { AppErrorKind, Result } from '../../main/domain/errors';
import type { InvokeEvent } from '../../main/shell/bind-ipc';
import { describePayload, FUZZ_SEED, type FuzzRig, leakedSecret, prototypeKeys, resultProblem } from './fuzz-rig';

/** How long a refused request may take (a schema check); a valid one may read AWS through the emulator. */
const REFUSED_TIMEOUT_MS = 5_000;
const VALID_TIMEOUT_MS = 30_000;

/** The longest message a refusal may carry: it is shown in the window, and echoes parts of the input. */
export const REFUSAL_MESSAGE_MAX = 500;

export type Expectation =
  /** Refused by the sender check (the payload itself is valid). */
  | 'forbidden-sender'
  /** Refused because the channel is not in the contract. */
  | 'unknown-channel'
  /** Refused by the schema (the payload was built to be invalid). */
  | 'invalid-request'
  /** The contract's schema decides: refused when it does not parse, else any typed answer. */
  | 'schema'
  /** Valid by construction: any typed answer. */
  | 'valid';

interface Observed {
  files: string;
  state: string;
  events: number;
  clipboard: number;
  opened: number;
}

function observe(rig: FuzzRig): Observed {
  return {
    files: rig.filesHash(),
    state: JSON.stringify(rig.h.emulator.state()),
    events: rig.h.events.length,
    clipboard: rig.h.clipboard.length,
    opened: rig.h.opened.length,
  };
}

export async function runCase(
  rig: FuzzRig,
  secrets: readonly string[],
  channel: Channel,
  payload: unknown,
  expectation: Expectation,
  event?: InvokeEvent,
  label = '',
): Promise<Result<unknown>> {
  const refused: AppErrorKind | null =
    expectation === 'forbidden-sender' || expectation === 'invalid-request' || expectation === 'unknown-channel'
      ? expectation
      : expectation === 'schema' && !requestSchemas[channel].safeParse(payload).success
        ? 'invalid-request'
        : null;
  const name = typeof channel === 'string' ? channel : describePayload(channel);
  const where = `${name}${label ? ` [${label}]` : ''} ${describePayload(payload)}`;
  const before = refused ? observe(rig) : null;
  const eventsBefore = rig.h.events.length;
  const unexpectedBefore = rig.unexpected.length;
  const prototypes = prototypeKeys();
  rig.h.emulator.clearLog();

  const result = await rig.call(channel, payload, refused ? REFUSED_TIMEOUT_MS : VALID_TIMEOUT_MS, event);

  expect(resultProblem(result), where).toBeNull();
  const text = JSON.stringify([result, rig.h.events.slice(eventsBefore)]);
  expect(leakedSecret(text, secrets), `${where}: a secret in the answer or its events`).toBeNull();
  expect(prototypeKeys(), `${where}: a prototype was changed`).toBe(prototypes);
  expect(({} as Record<string, unknown>).polluted, `${where}: Object.prototype polluted`).toBeUndefined();
  expect(
    rig.unexpected.slice(unexpectedBefore).map((u) => `${u.channel}: ${String(u.error)}`),
    `${where}: a handler failed with an unexpected error`,
  ).toEqual([]);

  if (refused && before) {
    expect(result.ok ? 'ok' : result.error.kind, where).toBe(refused);
    if (!result.ok)
      expect(result.error.message.length, `${where}: message length`).toBeLessThanOrEqual(REFUSAL_MESSAGE_MAX);
    const calls = rig.h.emulator.requestLog().map((e) => `${e.service}:${e.operation}`);
    expect(calls, `${where}: AWS (the emulator) was called`).toEqual([]);
    expect(observe(rig), `${where}: something changed`).toEqual(before);
  } else {
    // A request the contract accepts is never refused as malformed further in.
    if (expectation === 'valid') expect(result.ok || result.error.kind, where).not.toBe('invalid-request');
    await rig.settle(channel, result);
  }
  return result;
}

/**
 * fc.assert with a short report: fast-check would print the whole counterexample, and a hostile one
 * can be 100 kB. The failure keeps the seed and path, so FUZZ_SEED=<seed> replays it.
 */
export async function checkProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  numRuns: number,
): Promise<void> {
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), { numRuns, seed: FUZZ_SEED });
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const example = details.counterexample ? describePayload(details.counterexample[0]) : '(none)';
  throw new Error(
    `failed after ${details.numRuns} cases (seed ${details.seed}, path ${details.counterexamplePath}): ${cause.slice(0, 2000)}\ncounterexample: ${example}`,
  );
}

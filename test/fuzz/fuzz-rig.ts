/**
 * The rig the IPC fuzz suite runs on: the real backend (test/core/harness.ts: the real AWS SDK
 * against the emulator on loopback) behind the real shell dispatch (main/shell/bind-ipc.ts: channel,
 * sender and schema checks), called the way Electron's ipcMain would call it.
 *
 * It also knows what must never change or leak: a fingerprint of every file the backend may write
 * plus the emulator's state and request log, and the secrets the emulator's profiles hold.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Channel } from '../../contract/api';
import { APP_ERROR_KINDS, type AppError, type Result } from '../../main/domain/errors';
import { createDispatch, type Dispatch, type InvokeEvent, parseTrustedOrigin } from '../../main/shell/bind-ipc';
import { APP_ORIGIN_URL } from '../../main/shell/protocol';
import { type Harness, startHarness } from '../core/harness';
import { DEMO_SCENARIO_PATH, type Scenario } from '../emulator/index';
import type { ScenarioNames } from './valid-payloads';

/** Cases per channel for the random hostile payloads; FUZZ_RUNS=N runs more (or fewer). */
export const FUZZ_RUNS = (() => {
  const n = Number(process.env.FUZZ_RUNS ?? 250);
  if (!Number.isInteger(n) || n < 1) throw new Error('FUZZ_RUNS must be a positive whole number');
  return n;
})();
/** A fixed seed replays a failing run (fast-check prints the seed with a counterexample). */
export const FUZZ_SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** The top-level frame of the app's own page: what a legitimate renderer call looks like. */
export const TRUSTED_EVENT: InvokeEvent = { senderFrame: { url: `${APP_ORIGIN_URL}index.html`, parent: null } };

export interface FuzzRig {
  h: Harness;
  dispatch: Dispatch;
  scenario: Scenario;
  names: ScenarioNames;
  /** Handler errors that were not AppErrors (bugs: the user would see the internal-error sentence). */
  unexpected: { channel: string; error: unknown }[];
  /** Dispatches with a time limit: a hang fails the case instead of the whole run. */
  call(channel: Channel, payload: unknown, timeoutMs: number, event?: InvokeEvent): Promise<Result<unknown>>;
  /** A hash of every file under the harness folder (settings, snapshots, activity, exports, AWS files). */
  filesHash(): string;
  /**
   * Waits for work a valid request left running: its refresh, and the batched snapshot write of
   * the rows it read (only a request that reached AWS has rows to write).
   */
  settle(channel: Channel, result: Result<unknown>): Promise<void>;
  close(): Promise<void>;
}

function hashDir(dir: string, hash = createHash('sha1')): ReturnType<typeof createHash> {
  if (!fs.existsSync(dir)) return hash;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    hash.update(`${full}\0`);
    if (entry.isDirectory()) hashDir(full, hash);
    else hash.update(fs.readFileSync(full));
  }
  return hash;
}

export async function startRig(): Promise<FuzzRig> {
  const unexpected: FuzzRig['unexpected'] = [];
  const scenario = JSON.parse(fs.readFileSync(DEMO_SCENARIO_PATH, 'utf8')) as Scenario;
  // No MFA codes: a prompt is cancelled at once, so an MFA profile answers quickly with a typed error.
  const h = await startHarness({
    mfaCodes: [],
    deps: { onUnexpectedError: (channel, error) => unexpected.push({ channel, error }) },
  });
  const dispatch = createDispatch(h.backend.invoke, { origins: [parseTrustedOrigin(APP_ORIGIN_URL)] });
  const names: ScenarioNames = {
    profiles: (scenario.profiles ?? []).map((p) => p.name),
    regions: scenario.regions ?? ['us-east-1'],
    accounts: (scenario.accounts ?? []).map((a) => a.id),
  };
  return {
    h,
    dispatch,
    scenario,
    names,
    unexpected,
    async call(channel, payload, timeoutMs, event = TRUSTED_EVENT) {
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${channel} did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        return await Promise.race([dispatch(event, channel, payload), hang]);
      } finally {
        clearTimeout(timer);
      }
    },
    filesHash: () => hashDir(h.dir).digest('hex'),
    async settle(channel, result) {
      if (channel === 'refresh:start' && result.ok) {
        await h.backend.refresh.wait((result.value as { refreshId: string }).refreshId);
      }
      // The harness batches snapshot writes for 20 ms.
      if (h.emulator.requestLog().length > 0) await new Promise((resolve) => setTimeout(resolve, 60));
    },
    close: () => h.close(),
  };
}

/** Every secret the scenario's credentials hold, and those written to the files the app was given. */
export function secretsOf(rig: FuzzRig): string[] {
  const s = rig.scenario as {
    principals?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }[];
    ssoSessions?: { accessToken: string }[];
  };
  const secrets = [
    ...(s.principals ?? []).flatMap((p) => [
      p.accessKeyId,
      p.secretAccessKey,
      ...(p.sessionToken ? [p.sessionToken] : []),
    ]),
    ...(s.ssoSessions ?? []).map((x) => x.accessToken),
  ];
  const credentials = fs.readFileSync(rig.h.env.AWS_SHARED_CREDENTIALS_FILE ?? '', 'utf8');
  for (const match of credentials.matchAll(/=\s*(\S{16,})/g)) secrets.push(match[1] ?? '');
  return secrets.filter((x) => x.length >= 8);
}

const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';

/** Why `result` is not a typed Result the renderer can rely on, or null when it is one. */
export function resultProblem(result: unknown): string | null {
  try {
    // Electron's IPC structured-clones the answer: a function or a symbol would not cross.
    structuredClone(result);
  } catch (error) {
    return `the result cannot cross IPC: ${(error as Error).message}`;
  }
  if (typeof result !== 'object' || result === null) return 'the result is not an object';
  const r = result as { ok?: unknown; value?: unknown; error?: Partial<AppError> };
  if (r.ok === true) return 'value' in r ? null : 'ok:true without a value';
  if (r.ok !== false) return 'the result has no ok flag';
  const e = r.error;
  if (!e || typeof e !== 'object') return 'ok:false without an error';
  if (!APP_ERROR_KINDS.includes(e.kind as never)) return `unknown error kind ${String(e.kind)}`;
  if (typeof e.message !== 'string' || e.message.length === 0) return 'the error has no message';
  if (!isStringOrNull(e.remediation) || !isStringOrNull(e.command)) return 'remediation/command not string|null';
  if (typeof e.retryable !== 'boolean') return 'retryable is not a boolean';
  return null;
}

/** The first secret (or access-key-shaped text) in `text`, or null. */
export function leakedSecret(text: string, secrets: readonly string[]): string | null {
  for (const secret of secrets) if (text.includes(secret)) return `${secret.slice(0, 4)}…`;
  // Temporary keys the emulator issued (AssumeRole, SSO) are in no file: match their shape.
  const shaped = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/.exec(text);
  return shaped ? shaped[0].slice(0, 4) : null;
}

/** A short, printable description of a payload for failure messages (payloads can be 100 kB). */
export function describePayload(payload: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(payload);
  } catch {
    text = String(payload);
  }
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

/** Keys of Object.prototype and Array.prototype: a request must never add one. */
export function prototypeKeys(): string {
  return [...Object.getOwnPropertyNames(Object.prototype), '|', ...Object.getOwnPropertyNames(Array.prototype)].join(
    ',',
  );
}

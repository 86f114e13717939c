/** Shared pieces of the emulator's own tests: real SDK clients pointed at a running emulator. */
import { readFileSync } from 'node:fs';
import { DetectiveClient } from '@aws-sdk/client-detective';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { Macie2Client } from '@aws-sdk/client-macie2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SSOClient } from '@aws-sdk/client-sso';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DEMO_SCENARIO_PATH, NO_FAULTS, type RunningEmulator, startEmulator } from './index';
import type { ParsedScenario, Scenario } from './scenario-schema';

export const ADMIN = '111111111111';
export const PENDING = '222222222222';
export const ENABLED = '333333333333';
export const ORG = '444444444444';
export const HUB_OFF = '555555555555';
export const PROC = '999999999999';
export const SANDBOX = '666666666666';
export const AUDIT = '777777777777';
export const SSO_DEV = '888888888888';
/** The demo organization's management account (no profile) and its suspended account. */
export const MANAGEMENT = '100000000000';
export const RETIRED = '100000000009';
/** The demo SSO session's cached access token (scenarios/demo.json, session "demo"). */
export const DEMO_SSO_TOKEN = 'emulator-sso-demo-access-token-000000000001';

/** A fresh copy of the demo scenario, to load variants of it. */
export function demoScenario(): ParsedScenario {
  return JSON.parse(readFileSync(DEMO_SCENARIO_PATH, 'utf8')) as ParsedScenario;
}

/** Static credentials of a demo profile (by profile name). */
export function demoKeys(profile: string, scenario: Scenario = demoScenario()): AwsCredentialIdentity {
  const p = scenario.profiles?.find((x) => x.name === profile);
  if (!p || (p.type !== 'static' && p.type !== 'credential-process')) throw new Error(`no static profile ${profile}`);
  const k = scenario.principals?.find((x) => x.accessKeyId === p.accessKeyId);
  if (!k) throw new Error(`no key for ${profile}`);
  return { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, sessionToken: k.sessionToken };
}

type Creds = AwsCredentialIdentity | AwsCredentialIdentityProvider;
type ClientClass<C> = new (config: { region: string; endpoint: string; credentials?: Creds; maxAttempts: number }) => C;

/** A real SDK client of `Client` signed with a demo profile's keys (by name) or the given credentials. */
function clientOf<C>(Client: ClientClass<C>) {
  return (emu: RunningEmulator, credentials: Creds | string, region = 'us-east-1', maxAttempts = 1): C =>
    new Client({
      region,
      endpoint: emu.url,
      credentials: typeof credentials === 'string' ? demoKeys(credentials) : credentials,
      maxAttempts,
    });
}

export const securityHub = clientOf(SecurityHubClient);
export const guardDuty = clientOf(GuardDutyClient);
export const macie = clientOf(Macie2Client);
export const detective = clientOf(DetectiveClient);
/** Organizations is global (one endpoint, signed for us-east-1): the client's region defaults to it. */
export const organizations = clientOf(OrganizationsClient);
export const iam = clientOf(IAMClient);
export const sts = clientOf(STSClient);

/** The SSO portal's client: its list operations are unsigned (the bearer token travels in a header). */
export function ssoPortal(emu: RunningEmulator, region = 'us-east-1') {
  return new SSOClient({ region, endpoint: emu.url, maxAttempts: 1 });
}

/**
 * One emulator for a test file: started before its tests, stopped after them, and before each test
 * back to the demo scenario with no faults and an empty request log. The returned object forwards to
 * the running emulator, so tests use it as they would the emulator itself.
 */
export function demoEmulatorPerFile(): RunningEmulator {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator();
  });
  afterAll(() => running?.stop());
  beforeEach(() => {
    const emu = current();
    emu.loadScenario(demoScenario());
    emu.setFaults(NO_FAULTS);
    emu.clearLog();
  });
  const current = (): RunningEmulator => {
    if (!running) throw new Error('the emulator is used before it started (outside a test or hook)');
    return running;
  };
  return new Proxy({} as RunningEmulator, {
    get: (_target, key) => Reflect.get(current(), key),
  });
}

/** Runs `fn` and returns the error it rejected with (fails when it resolves). */
export async function failure(
  fn: () => Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

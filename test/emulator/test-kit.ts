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
import { DEMO_SCENARIO_PATH, type RunningEmulator } from './index';
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

export function securityHub(emu: RunningEmulator, credentials: Creds | string, region = 'us-east-1', maxAttempts = 1) {
  const creds = typeof credentials === 'string' ? demoKeys(credentials) : credentials;
  return new SecurityHubClient({ region, endpoint: emu.url, credentials: creds, maxAttempts });
}

export function guardDuty(emu: RunningEmulator, credentials: Creds | string, region = 'us-east-1', maxAttempts = 1) {
  const creds = typeof credentials === 'string' ? demoKeys(credentials) : credentials;
  return new GuardDutyClient({ region, endpoint: emu.url, credentials: creds, maxAttempts });
}

export function macie(emu: RunningEmulator, credentials: Creds | string, region = 'us-east-1', maxAttempts = 1) {
  const creds = typeof credentials === 'string' ? demoKeys(credentials) : credentials;
  return new Macie2Client({ region, endpoint: emu.url, credentials: creds, maxAttempts });
}

export function detective(emu: RunningEmulator, credentials: Creds | string, region = 'us-east-1', maxAttempts = 1) {
  const creds = typeof credentials === 'string' ? demoKeys(credentials) : credentials;
  return new DetectiveClient({ region, endpoint: emu.url, credentials: creds, maxAttempts });
}

/** Organizations is global (one endpoint, signed for us-east-1): the client's region defaults to it. */
export function organizations(emu: RunningEmulator, credentials: Creds | string, region = 'us-east-1') {
  const creds = typeof credentials === 'string' ? demoKeys(credentials) : credentials;
  return new OrganizationsClient({ region, endpoint: emu.url, credentials: creds, maxAttempts: 1 });
}

export function iam(emu: RunningEmulator, credentials: Creds | string, region = 'us-east-1') {
  const creds = typeof credentials === 'string' ? demoKeys(credentials) : credentials;
  return new IAMClient({ region, endpoint: emu.url, credentials: creds, maxAttempts: 1 });
}

/** The SSO portal's client: its list operations are unsigned (the bearer token travels in a header). */
export function ssoPortal(emu: RunningEmulator, region = 'us-east-1') {
  return new SSOClient({ region, endpoint: emu.url, maxAttempts: 1 });
}

export function sts(emu: RunningEmulator, credentials: Creds | string, region = 'us-east-1') {
  const creds = typeof credentials === 'string' ? demoKeys(credentials) : credentials;
  return new STSClient({ region, endpoint: emu.url, credentials: creds, maxAttempts: 1 });
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

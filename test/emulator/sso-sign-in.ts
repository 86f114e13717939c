/**
 * What an IAM Identity Center sign-in leaves in the emulator: client registrations (RegisterClient),
 * pending device authorizations (StartDeviceAuthorization), pending browser authorizations (the
 * /authorize page of the PKCE flow) and issued authorization codes. Tests answer a pending
 * authorization through the control API (approve, deny, or leave it unanswered); the demo scenario
 * approves every one at once. Sources are in README.md ("Signing in (SSO-OIDC)").
 */
import { randomBytes } from 'node:crypto';

export type AuthorizationAnswer = 'pending' | 'approved' | 'denied';

export interface SsoClientRegistration {
  clientId: string;
  clientSecret: string;
  clientName: string;
  /** epoch ms */
  expiresAt: number;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
  issuerUrl: string | null;
}

export interface DeviceAuthorization {
  id: string;
  kind: 'device';
  clientId: string;
  startUrl: string;
  deviceCode: string;
  userCode: string;
  expiresAt: number;
  intervalMs: number;
  /** epoch ms of the last CreateToken poll, for SlowDownException */
  lastPollAt: number | null;
  answer: AuthorizationAnswer;
  /** Spent: a device code gives one token. */
  used: boolean;
}

export interface BrowserAuthorization {
  id: string;
  kind: 'browser';
  clientId: string;
  startUrl: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes: string[];
  expiresAt: number;
  answer: AuthorizationAnswer;
  /** Called once when the authorization is answered (the held /authorize request redirects). */
  settle: ((answer: 'approved' | 'denied') => void) | null;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  startUrl: string;
  expiresAt: number;
}

export interface SignInSettings {
  /** Approve every authorization as it starts (the demo: a sign-in without a browser). */
  autoApprove: boolean;
  /** StartDeviceAuthorization's expiresIn. */
  deviceCodeSeconds: number;
  /** StartDeviceAuthorization's interval; 0 lets tests poll without waiting. */
  intervalSeconds: number;
  /** Lifetime of an access token CreateToken issues. */
  accessTokenSeconds: number;
}

export const DEFAULT_SIGN_IN_SETTINGS: SignInSettings = {
  autoApprove: false,
  // AWS answers expiresIn 600 (the AWS CLI's comment on _authorize_client: "currently only 10 minutes").
  deviceCodeSeconds: 600,
  // Not documented; RFC 8628 §3.2 gives 5 s as the client's default when the server names none.
  intervalSeconds: 1,
  // Not documented; chosen as the 1 hour `aws sso login` tokens show (the refresh grant uses the same).
  accessTokenSeconds: 3600,
};

/** 90 days: what `aws sso login` leaves in registrationExpiresAt (the AWS CLI's cached registrations). */
export const REGISTRATION_SECONDS = 90 * 86_400;
/** Authorization codes are short-lived (RFC 6749 §4.1.2 recommends at most 10 minutes). */
const AUTH_CODE_SECONDS = 300;

const id = (prefix: string, bytes = 16) => `${prefix}${randomBytes(bytes).toString('hex')}`;

/** A user code like AWS's: 8 letters shown as XXXX-XXXX (no vowels-only ambiguity needed here). */
function userCode(): string {
  const letters = 'BCDFGHJKLMNPQRSTVWXZ';
  const bytes = randomBytes(8);
  let out = '';
  for (const b of bytes) out += letters[b % letters.length];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

export class SignInState {
  readonly clients = new Map<string, SsoClientRegistration>();
  readonly devices = new Map<string, DeviceAuthorization>();
  readonly browsers = new Map<string, BrowserAuthorization>();
  readonly codes = new Map<string, AuthorizationCode>();
  settings: SignInSettings;

  constructor(settings: Partial<SignInSettings> = {}) {
    this.settings = { ...DEFAULT_SIGN_IN_SETTINGS, ...settings };
  }

  register(input: Omit<SsoClientRegistration, 'clientId' | 'clientSecret' | 'expiresAt'>): SsoClientRegistration {
    const registration: SsoClientRegistration = {
      ...input,
      clientId: id('emulator-client-'),
      clientSecret: id('emulator-client-secret-', 24),
      expiresAt: Date.now() + REGISTRATION_SECONDS * 1000,
    };
    this.clients.set(registration.clientId, registration);
    return registration;
  }

  /** A registration the scenario's cache files already hold (aws-dir.ts writes them): a device-flow client. */
  seed(input: Pick<SsoClientRegistration, 'clientId' | 'clientSecret' | 'expiresAt'> & { session: string }): void {
    this.clients.set(input.clientId, {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      expiresAt: input.expiresAt,
      clientName: `scenario-${input.session}`,
      scopes: ['sso:account:access'],
      grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      redirectUris: [],
      issuerUrl: null,
    });
  }

  startDevice(clientId: string, startUrl: string): DeviceAuthorization {
    const device: DeviceAuthorization = {
      id: id('device-', 8),
      kind: 'device',
      clientId,
      startUrl,
      deviceCode: id('emulator-device-code-', 24),
      userCode: userCode(),
      expiresAt: Date.now() + this.settings.deviceCodeSeconds * 1000,
      intervalMs: this.settings.intervalSeconds * 1000,
      lastPollAt: null,
      answer: this.settings.autoApprove ? 'approved' : 'pending',
      used: false,
    };
    this.devices.set(device.deviceCode, device);
    return device;
  }

  startBrowser(input: Omit<BrowserAuthorization, 'id' | 'kind' | 'expiresAt' | 'answer' | 'settle'>) {
    const browser: BrowserAuthorization = {
      ...input,
      id: id('browser-', 8),
      kind: 'browser',
      expiresAt: Date.now() + this.settings.deviceCodeSeconds * 1000,
      answer: this.settings.autoApprove ? 'approved' : 'pending',
      settle: null,
    };
    this.browsers.set(browser.id, browser);
    return browser;
  }

  issueCode(browser: BrowserAuthorization): string {
    const code = id('emulator-auth-code-', 24);
    this.codes.set(code, {
      clientId: browser.clientId,
      redirectUri: browser.redirectUri,
      codeChallenge: browser.codeChallenge,
      startUrl: browser.startUrl,
      expiresAt: Date.now() + AUTH_CODE_SECONDS * 1000,
    });
    return code;
  }

  /** Answers pending authorizations: one by id or user code, or (no id) every pending one. Returns how many. */
  answer(answer: 'approved' | 'denied', which?: string): number {
    let count = 0;
    for (const a of [...this.devices.values(), ...this.browsers.values()]) {
      if (a.answer !== 'pending') continue;
      if (which !== undefined && a.id !== which && (a.kind !== 'device' || a.userCode !== which)) continue;
      a.answer = answer;
      if (a.kind === 'browser') a.settle?.(answer);
      count++;
    }
    return count;
  }

  /** The pending authorizations as a test sees them (no device code, no secret). */
  pending() {
    return [
      ...[...this.devices.values()].map((d) => ({
        id: d.id,
        kind: d.kind,
        clientId: d.clientId,
        startUrl: d.startUrl,
        userCode: d.userCode as string | null,
        answer: d.answer,
        expiresAt: new Date(d.expiresAt).toISOString(),
      })),
      ...[...this.browsers.values()].map((b) => ({
        id: b.id,
        kind: b.kind,
        clientId: b.clientId,
        startUrl: b.startUrl,
        userCode: null,
        answer: b.answer,
        expiresAt: new Date(b.expiresAt).toISOString(),
      })),
    ];
  }
}

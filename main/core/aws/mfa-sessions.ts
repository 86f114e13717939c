/**
 * One MFA session per MFA device.
 *
 * STS refuses a one-time code it has already seen, so a code cannot be reused for every role that
 * names the same `mfa_serial`. Instead one code is exchanged for an MFA session
 * (GetSessionToken with SerialNumber + TokenCode, made with the source profile's long-term keys);
 * every role that needs that device is then assumed with the session's credentials, which carry
 * aws:MultiFactorAuthPresent. One prompt serves every profile and region sharing the serial;
 * concurrent requests wait for the same prompt; a cancelled or failed exchange is forgotten so the
 * next request asks again.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import { AppErrorException, appError } from '../../domain/errors';

/** Why no code came: nobody can be asked (no terminal), or the person skipped the question. */
export type MfaCodeMissing = 'no-terminal' | 'skipped';

/**
 * A prompt that gave no code. Thrown by the prompt (the command line's, say); the role that needed the
 * code turns it into its own sentence (credential-failures.ts mfaCodeNotGiven), which names the
 * profile and how to give a code.
 */
export class MfaCodeNotGiven extends AppErrorException {
  constructor(
    readonly reason: MfaCodeMissing,
    readonly serial: string,
  ) {
    super(
      appError(
        'mfa-needed',
        reason === 'skipped'
          ? `The MFA code for ${serial} was skipped.`
          : `An MFA code for ${serial} is needed, and there is no terminal to ask for it.`,
      ),
    );
  }
}

export interface MfaSessionDeps {
  /** Asks the person for a code for this device (names the profiles that use it). */
  promptCode(serial: string): Promise<string>;
  clock?: () => number;
}

export interface MfaSessions {
  /**
   * The MFA session for this device, prompting at most once per session lifetime. `exchange` turns a
   * code into a session (STS GetSessionToken with the source profile's keys); it runs only on a miss.
   */
  session(serial: string, exchange: (code: string) => Promise<AwsCredentialIdentity>): Promise<AwsCredentialIdentity>;
  clear(): void;
}

/** Sessions this close to their end are renewed before use, so a role assumed with one lives long enough. */
const RENEW_BEFORE_MS = 5 * 60_000;

export function createMfaSessions(deps: MfaSessionDeps): MfaSessions {
  const clock = deps.clock ?? Date.now;
  // Keyed by serial only: a device belongs to one IAM user, whose keys every profile naming it uses.
  const sessions = new Map<string, Promise<AwsCredentialIdentity>>();

  const fresh = (creds: AwsCredentialIdentity) =>
    !creds.expiration || creds.expiration.getTime() - clock() > RENEW_BEFORE_MS;

  const session: MfaSessions['session'] = async (serial, exchangeCode) => {
    const existing = sessions.get(serial);
    if (existing) {
      // Waiters of an exchange in flight share its outcome, a cancelled prompt included.
      const creds = await existing;
      if (fresh(creds)) return creds;
      if (sessions.get(serial) !== existing) return session(serial, exchangeCode);
      sessions.delete(serial);
    }
    const exchange = (async () => {
      const code = await deps.promptCode(serial);
      return exchangeCode(code);
    })();
    sessions.set(serial, exchange);
    exchange.catch(() => {
      if (sessions.get(serial) === exchange) sessions.delete(serial);
    });
    return exchange;
  };
  return { session, clear: () => sessions.clear() };
}

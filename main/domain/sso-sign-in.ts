/**
 * What the window and the command line learn of an IAM Identity Center sign-in: which session,
 * which profiles it unlocks, what the user has to do (the device flow's code, or "continue in your
 * browser") and until when the sign-in lasts. Never a token, secret or code verifier.
 */
import type { AppError } from './errors';

export type SignInFlow = 'browser' | 'device-code';

export type SignInState = 'starting' | 'waiting' | 'signed-in' | 'failed' | 'cancelled';

export interface SignInProgress {
  signInId: string;
  /** "sso-session corp" or "profile dev" */
  label: string;
  ssoSession: string | null;
  /** The legacy profile signed in (null for an sso-session). */
  profile: string | null;
  profiles: string[];
  flow: SignInFlow;
  state: SignInState;
  /**
   * Device flow: the code the user confirms in the browser, and where. Browser flow: the sign-in
   * page (its query holds the client id, state and PKCE challenge: no secret, nothing to sign in with).
   */
  userCode: string | null;
  verificationUri: string | null;
  /** Whether the app opened the browser itself. */
  opened: boolean;
  /** waiting: when the code expires; signed-in: until when the sign-in lasts. ISO time. */
  expiresAt: string | null;
  error: AppError | null;
}

export interface SignInStatus {
  label: string;
  ssoSession: string | null;
  profile: string | null;
  profiles: string[];
  /** ISO time the cached token expires, or null when there is no valid one. */
  signedInUntil: string | null;
}

/**
 * Who is calling: the access key in the Authorization header names a credential, the session token
 * (for temporary keys) must match it, it must not be expired, and the signature must re-compute.
 * Each protocol maps the failure reason to its own error code.
 */
import { AwsError, type EmulatorRequest } from './http-util';
import { type ParsedAuthorization, parseAuthorization, verifySignature } from './sigv4';
import type { Credential, EmulatorState } from './state';

export type AuthFailure =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'skewed'
  | 'wrong-service';

export type AuthResult =
  | { ok: true; credential: Credential; auth: ParsedAuthorization }
  | { ok: false; reason: AuthFailure; auth: ParsedAuthorization | null; detail?: string };

export async function authenticate(
  state: EmulatorState,
  request: EmulatorRequest,
  expectedService: string,
): Promise<AuthResult> {
  const header = request.req.headers.authorization;
  const auth = parseAuthorization(header);
  if (!auth) return { ok: false, reason: header ? 'malformed' : 'missing', auth: null };
  if (auth.service !== expectedService) {
    return {
      ok: false,
      reason: 'wrong-service',
      auth,
      detail: `Credential should be scoped to correct service: '${expectedService}'.`,
    };
  }
  const credential = state.credentials.get(auth.accessKeyId);
  if (!credential) return { ok: false, reason: 'unknown-key', auth };
  if (credential.sessionToken !== null) {
    const token = request.req.headers['x-amz-security-token'];
    if (token !== credential.sessionToken) return { ok: false, reason: 'unknown-key', auth };
    if (credential.expiresAt !== null && credential.expiresAt <= Date.now()) {
      return { ok: false, reason: 'expired', auth };
    }
  }
  const verdict = await verifySignature(
    {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.req.headers,
      body: request.body,
    },
    auth,
    credential.secretAccessKey,
  );
  if (verdict === 'ok') return { ok: true, credential, auth };
  if (verdict === 'skewed') {
    return {
      ok: false,
      reason: 'skewed',
      auth,
      detail: 'Signature expired: the request time is more than 15 minutes from the server time.',
    };
  }
  return { ok: false, reason: 'bad-signature', auth };
}

export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const INVALID_TOKEN = 'The security token included in the request is invalid.';
export const EXPIRED_TOKEN = 'The security token included in the request is expired';

const MALFORMED = 'Authorization header requires a valid AWS4-HMAC-SHA256 Credential, SignedHeaders and Signature.';

/**
 * Each protocol's code, status and message for a failed authentication. The REST/JSON services
 * (Security Hub, GuardDuty, Macie, Detective) answer alike: these are the common errors of the AWS
 * API references, as real runs quote them (e.g. GuardDuty's UnrecognizedClientException in an opt-in
 * region, boto/boto3#2065).
 */
const AUTH_ERRORS: Record<'rest-json' | 'sts', Record<AuthFailure, [number, string, string]>> = {
  'rest-json': {
    missing: [403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'],
    malformed: [403, 'IncompleteSignatureException', MALFORMED],
    'unknown-key': [403, 'UnrecognizedClientException', INVALID_TOKEN],
    expired: [403, 'ExpiredTokenException', EXPIRED_TOKEN],
    'bad-signature': [403, 'InvalidSignatureException', SIGNATURE_MISMATCH],
    skewed: [403, 'InvalidSignatureException', SIGNATURE_MISMATCH],
    'wrong-service': [403, 'InvalidSignatureException', SIGNATURE_MISMATCH],
  },
  sts: {
    missing: [403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'],
    malformed: [403, 'IncompleteSignature', MALFORMED],
    'unknown-key': [403, 'InvalidClientTokenId', INVALID_TOKEN],
    expired: [400, 'ExpiredToken', EXPIRED_TOKEN],
    'bad-signature': [403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH],
    skewed: [403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH],
    'wrong-service': [403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH],
  },
};

export function authError(failure: Extract<AuthResult, { ok: false }>, protocol: 'rest-json' | 'sts'): AwsError {
  const [status, code, message] = AUTH_ERRORS[protocol][failure.reason];
  return new AwsError(status, code, failure.detail ?? message);
}

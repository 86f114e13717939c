/**
 * STS AssumeRoleWithWebIdentity: unsigned; the caller presents an OIDC token (any well-formed JWT is
 * accepted) for a role whose trust policy allows web identities (`webIdentity: true` in the scenario).
 */
import { createHash } from 'node:crypto';
import { AwsError, xmlEscape } from './http-util';
import type { EmulatorState } from './state';

type Params = Record<string, string>;

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function assumeRoleWithWebIdentity(
  state: EmulatorState,
  p: Params,
  credentialsXml: (c: ReturnType<EmulatorState['issueTemporary']>) => string,
): string {
  const roleArn = p.RoleArn;
  const sessionName = p.RoleSessionName;
  const token = p.WebIdentityToken;
  if (!roleArn) {
    throw new AwsError(
      400,
      'ValidationError',
      "1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!sessionName || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new AwsError(
      400,
      'ValidationError',
      "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  }
  if (!token || !JWT.test(token)) {
    throw new AwsError(400, 'InvalidIdentityToken', 'The web identity token provided is not a valid JWT.');
  }
  const role = state.roles.get(roleArn);
  if (!role?.webIdentity) {
    throw new AwsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  }
  const seconds = p.DurationSeconds ? Number(p.DurationSeconds) : 3600;
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > role.maxSessionSeconds) {
    throw new AwsError(
      400,
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  const roleId = `AROA${createHash('sha256').update(role.arn).digest('hex').slice(0, 17).toUpperCase()}`;
  const cred = state.issueTemporary(
    {
      accountId: role.accountId,
      arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
      mfaAuthenticated: false,
      deniedActions: new Set(role.deniedActions),
    },
    seconds,
  );
  return `<AssumeRoleWithWebIdentityResult><SubjectFromWebIdentityToken>web-identity-subject</SubjectFromWebIdentityToken><Audience>sts.amazonaws.com</Audience><AssumedRoleUser><AssumedRoleId>${xmlEscape(cred.userId)}</AssumedRoleId><Arn>${xmlEscape(cred.arn)}</Arn></AssumedRoleUser>${credentialsXml(cred)}<Provider>emulator-oidc</Provider></AssumeRoleWithWebIdentityResult>`;
}

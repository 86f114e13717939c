/**
 * Which service a request is for. Signed requests go by the signing service of their SigV4
 * credential scope (`Credential=AKIA…/20261203/us-east-1/guardduty/aws4_request`): the SDKs and the
 * AWS CLI sign with the model's `signingName` — securityhub, guardduty, macie2, detective, sts,
 * organizations, iam (botocore's service-2.json metadata; Detective's endpoint prefix is api.detective,
 * its signing name detective). STS, IAM and Organizations all POST to `/`: the scope tells them apart,
 * and an unsigned request with Organizations' X-Amz-Target goes to Organizations (which refuses it).
 * The SSO portal and SSO-OIDC are unsigned and go by path; so does STS's unsigned
 * AssumeRoleWithWebIdentity (POST /). A request without a usable scope goes to the service whose
 * routes know its method and path, Security Hub first, and that service refuses it for its signature.
 */
import { AWS_SERVICES, type AwsService } from './access';
import { DETECTIVE } from './detective-routes';
import { GUARDDUTY } from './guardduty-routes';
import type { EmulatorRequest } from './http-util';
import { MACIE } from './macie-routes';
import { organizationsOperation } from './organizations-routes';
import type { RestServiceDef } from './rest-service';
import { SECURITY_HUB } from './securityhub-routes';
import { parseAuthorization } from './sigv4';
import { AUTHORIZE_PATH } from './sso-oidc-authorize';
import { isSsoOidcPath } from './sso-oidc-routes';
import { SSO_PORTAL_PATHS } from './sso-routes';

export type ServiceId = AwsService | 'sts' | 'organizations' | 'iam' | 'sso' | 'sso-oidc' | 'sso-authorize';

export const REST_SERVICES: Record<AwsService, RestServiceDef> = {
  securityhub: SECURITY_HUB,
  guardduty: GUARDDUTY,
  macie2: MACIE,
  detective: DETECTIVE,
};

const isRestService = (name: string): name is AwsService => (AWS_SERVICES as readonly string[]).includes(name);

export function serviceOf(r: EmulatorRequest): ServiceId {
  if (SSO_PORTAL_PATHS.has(r.path)) return 'sso';
  if (isSsoOidcPath(r.path)) return 'sso-oidc';
  if (r.path === AUTHORIZE_PATH) return 'sso-authorize';
  const signing = parseAuthorization(r.req.headers.authorization)?.service;
  if (signing && isRestService(signing)) return signing;
  if (signing === 'organizations' || signing === 'iam') return signing;
  if (organizationsOperation(r)) return 'organizations';
  if (r.path === '/') return 'sts';
  for (const def of Object.values(REST_SERVICES)) {
    if (def.routes.match(r.method, r.path)) return def.name;
  }
  return 'securityhub';
}

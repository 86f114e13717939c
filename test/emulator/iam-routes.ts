/**
 * IAM's ListAccountAliases over the query protocol (iam/2010-05-08: protocol query, XML replies in
 * the https://iam.amazonaws.com/doc/2010-05-08/ namespace, result wrapper ListAccountAliasesResult).
 * A global service: botocore's endpoints.json gives iam.amazonaws.com, signed for us-east-1; the
 * emulator accepts any region in the credential scope, as an SDK given an endpoint signs with its own.
 * Service control policies are not applied (the region-deny SCP AWS publishes exempts iam:*).
 *
 * - An account has at most one alias ("Note: you can have only one", the model); none: an empty list
 *   (the answer floci-io/floci#2101 describes for an account without an alias).
 * - MaxItems 1–1000 and Marker (the model); one alias never truncates, so IsTruncated is false.
 * - An explicit deny of iam:ListAccountAliases → AccessDenied 403 "User: <ARN> is not authorized to
 *   perform: iam:ListAccountAliases on resource: *" — the real form (project-koku/koku#3469,
 *   ministryofjustice/modernisation-platform#1676, "status code: 403"), with the emulator's
 *   "with an explicit deny in an identity-based policy" ending, as its other denials have.
 */
import type { ServerResponse } from 'node:http';
import { identityDenyMessage } from './access';
import { AwsError, type EmulatorRequest, type Outcome, sendXml, xmlEscape } from './http-util';
import { authError, authenticate } from './identity';
import type { EmulatorState } from './state';
import { sendStsError, stsParams } from './sts-routes';

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

export function iamOperation(r: EmulatorRequest): string {
  return stsParams(r).Action ?? 'Unknown';
}

function listAccountAliases(state: EmulatorState, accountId: string, p: Record<string, string>): string {
  if (p.MaxItems !== undefined) {
    const n = Number(p.MaxItems);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      throw new AwsError(
        400,
        'ValidationError',
        `1 validation error detected: Value '${p.MaxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
      );
    }
  }
  const alias = state.accounts.get(accountId)?.alias;
  // A Marker can only come from a truncated answer, which one alias never gives: nothing is left.
  const aliases = alias && !p.Marker ? [alias] : [];
  const members = aliases.map((a) => `<member>${xmlEscape(a)}</member>`).join('');
  return `<ListAccountAliasesResult><IsTruncated>false</IsTruncated><AccountAliases>${members}</AccountAliases></ListAccountAliasesResult>`;
}

export async function handleIam(r: EmulatorRequest, res: ServerResponse, state: EmulatorState): Promise<Outcome> {
  const p = stsParams(r);
  const action = p.Action ?? 'Unknown';
  const outcome: Outcome = { operation: action, accountId: null, region: null, status: 200, errorCode: null };
  try {
    if (action !== 'ListAccountAliases') {
      throw new AwsError(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${p.Version ?? 'NO_VERSION_SPECIFIED'}`,
      );
    }
    const auth = await authenticate(state, r, 'iam');
    if (auth.auth) outcome.region = auth.auth.region;
    if (!auth.ok) throw authError(auth, 'sts');
    const { credential } = auth;
    outcome.accountId = credential.accountId;
    outcome.nextPage = Boolean(p.Marker);
    if (credential.deniedActions.has(`iam:${action}`)) {
      throw new AwsError(403, 'AccessDenied', identityDenyMessage(credential.arn, `iam:${action}`, '*'));
    }
    const result = listAccountAliases(state, credential.accountId, p);
    const meta = `<ResponseMetadata><RequestId>${r.requestId}</RequestId></ResponseMetadata>`;
    sendXml(res, 200, `<${action}Response xmlns="${IAM_NAMESPACE}">${result}${meta}</${action}Response>`, r.requestId);
  } catch (error) {
    const e = error instanceof AwsError ? error : new AwsError(500, 'ServiceFailure', 'An internal error occurred.');
    if (!(error instanceof AwsError)) console.error('emulator: IAM handler failed', error);
    outcome.status = e.status;
    outcome.errorCode = e.code;
    sendStsError(res, e, r.requestId, IAM_NAMESPACE);
  }
  return outcome;
}

/**
 * The IAM Identity Center portal's lists (sso/2019-06-10, unsigned, authorised by the
 * `x-amz-sso_bearer_token` header like GetRoleCredentials):
 * - ListAccounts: GET /assignment/accounts?max_result=&next_token= → accountList [{ accountId,
 *   accountName, emailAddress }], nextToken;
 * - ListAccountRoles: GET /assignment/roles?account_id=&max_result=&next_token= → roleList
 *   [{ roleName, accountId }], nextToken.
 * The accounts and roles are the token's grants (the scenario session's, or every session's on the
 * start URL for a token from a sign-in). Names and e-mails are the organization's: Identity Center
 * assigns accounts of the organization it belongs to; an account the scenario's organization does not
 * list is given without name or e-mail (chosen). max_result 1–100 (the model's MaxResultType); absent,
 * 20 (chosen). An unknown or expired token → UnauthorizedException 401, as GetRoleCredentials; an
 * account with no role for the token → an empty roleList (not documented; chosen).
 */
import { AwsError, type EmulatorRequest, firstValue } from './http-util';
import { decodeToken, encodeToken } from './paging';
import type { EmulatorState, SsoTokenState } from './state';

export const SSO_ACCOUNTS_PATH = '/assignment/accounts';
export const SSO_ROLES_PATH = '/assignment/roles';

const invalidRequest = (message: string) => new AwsError(400, 'InvalidRequestException', message);

function pageOf<T>(r: EmulatorRequest, items: T[], operation: string) {
  const raw = firstValue(r.query, 'max_result');
  const size = raw === undefined ? 20 : Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw invalidRequest('max_result must be an integer between 1 and 100');
  }
  const token = firstValue(r.query, 'next_token');
  const offset = token ? decodeToken(token, operation) : 0;
  if (offset === null) throw invalidRequest('The next_token is not valid.');
  const slice = items.slice(offset, offset + size);
  return { items: slice, nextToken: offset + size < items.length ? encodeToken(offset + size, operation) : undefined };
}

/** The token's grants as [accountId, roleName] pairs, in grant order. */
const grantsOf = (session: SsoTokenState) =>
  [...session.grants].map((g) => g.split('/') as [accountId: string, roleName: string]);

export function listAccounts(r: EmulatorRequest, state: EmulatorState, session: SsoTokenState) {
  const ids = [...new Set(grantsOf(session).map(([accountId]) => accountId))];
  const accounts = ids.map((accountId) => {
    const named = state.organization?.accounts.get(accountId);
    return { accountId, ...(named ? { accountName: named.name, emailAddress: named.email } : {}) };
  });
  const { items, nextToken } = pageOf(r, accounts, 'ListAccounts');
  return { accountList: items, ...(nextToken ? { nextToken } : {}) };
}

export function listAccountRoles(r: EmulatorRequest, session: SsoTokenState) {
  const accountId = firstValue(r.query, 'account_id');
  if (!accountId) throw invalidRequest('account_id is required');
  const roles = grantsOf(session)
    .filter(([id]) => id === accountId)
    .map(([id, roleName]) => ({ roleName, accountId: id }));
  const { items, nextToken } = pageOf(r, roles, `ListAccountRoles:${accountId}`);
  return { roleList: items, ...(nextToken ? { nextToken } : {}) };
}

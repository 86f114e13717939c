/**
 * Macie on the wire (macie2/2020-01-01, rest-json): lowerCamel members, ISO-8601 timestamps (Date in
 * the SDK), errors with a single `message` member and the code in x-amzn-ErrorType. Its errors:
 * ValidationException 400, AccessDeniedException 403, ResourceNotFoundException 404,
 * ConflictException 409, ThrottlingException 429, InternalServerException 500 (the model).
 */
import type { ServerResponse } from 'node:http';
import { AwsError, firstValue, sendErrorBody } from './http-util';
import { decodeToken, slicePage } from './paging';
import type { InvitationRecord, MemberRecord, Relationships } from './relationships';
import type { ServiceContext } from './rest-service';

export const validation = (message: string) => new AwsError(400, 'ValidationException', message);
export const notFound = (message: string) =>
  new AwsError(
    404,
    'ResourceNotFoundException',
    message || 'The request failed because the specified resource was not found.',
  );

/**
 * Macie off. The text is AWS's, as real runs print it: "An error occurred (AccessDeniedException) when
 * calling the ListFindings operation: Macie is not enabled." (prowler-cloud/prowler#1279); the status
 * is 401, not the model's 403: "https response error StatusCode: 401, … AccessDeniedException: Macie is
 * not enabled." (mondoohq/mql#5988, Go SDK v2, 2025). Every such answer is an AccessDenied event in
 * the account's CloudTrail (DataBiosphere/azul#5779 quoting AWS support).
 */
export const macieNotEnabled = () => new AwsError(401, 'AccessDeniedException', 'Macie is not enabled.');

export function sendMacieError(res: ServerResponse, error: AwsError, requestId: string): void {
  sendErrorBody(res, error, { message: error.message }, requestId);
}

export const book = (ctx: ServiceContext): Relationships => ctx.state.macie.book;

export function accountIds(ctx: ServiceContext): string[] {
  const value = ctx.body.accountIds;
  if (!Array.isArray(value) || value.length === 0) {
    throw validation('The request failed because accountIds must contain at least one account ID.');
  }
  for (const id of value) {
    if (typeof id !== 'string' || !/^\d{12}$/.test(id)) {
      throw validation(`The request failed because ${JSON.stringify(id)} is not a valid account ID.`);
    }
  }
  return [...new Set(value as string[])];
}

/** maxResults 1–25 (the model's MaxResults), default 25; an opaque nextToken bound to its listing. */
export function page<T>(ctx: ServiceContext, items: T[], operation: string) {
  const raw = firstValue(ctx.query, 'maxResults');
  const size = raw === undefined ? 25 : Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 25) {
    throw validation('The request failed because maxResults must be between 1 and 25.');
  }
  const token = firstValue(ctx.query, 'nextToken');
  const offset = token ? decodeToken(token, operation) : 0;
  if (offset === null) throw validation('The request failed because the nextToken is not valid.');
  return slicePage(items, offset, size, operation);
}

export interface UnprocessedAccount {
  accountId: string;
  errorCode: 'ClientError' | 'InternalError';
  errorMessage: string;
}

export const clientError = (accountId: string, errorMessage: string): UnprocessedAccount => ({
  accountId,
  errorCode: 'ClientError',
  errorMessage,
});

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

export function invitationOut(i: InvitationRecord) {
  return {
    accountId: i.accountId,
    invitationId: i.invitationId,
    invitedAt: iso(i.invitedAt),
    relationshipStatus: i.memberStatus,
  };
}

/** The member's ARN as its administrator holds it (the format is not documented; chosen). */
export const memberArn = (region: string, adminId: string, memberId: string) =>
  `arn:aws:macie2:${region}:${adminId}:member/${memberId}`;

/**
 * No email for a member that has none, nor for one associated through Organizations (the model:
 * email "is null if the account is associated with the administrator account through Organizations").
 */
export function memberOut(ctx: ServiceContext, m: MemberRecord) {
  return {
    accountId: m.accountId,
    administratorAccountId: ctx.accountId,
    arn: memberArn(ctx.region, ctx.accountId, m.accountId),
    ...(m.email && !m.viaOrganizations ? { email: m.email } : {}),
    ...(m.invitedAt ? { invitedAt: iso(m.invitedAt) } : {}),
    masterAccountId: ctx.accountId,
    relationshipStatus: m.status,
    tags: {},
    updatedAt: iso(m.updatedAt),
  };
}

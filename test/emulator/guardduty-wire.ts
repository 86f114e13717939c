/**
 * GuardDuty on the wire (guardduty/2017-11-28, rest-json): JSON member names are lowerCamel (each
 * member's `locationName`: administratorId, invitationId, relationshipStatus, …) while the SDK's are
 * PascalCase; timestamps are `String` shapes (ISO text, not Date); every operation models only
 * BadRequestException 400 and InternalServerErrorException 500. A real BadRequestException carries
 * `x-amzn-ErrorType: BadRequestException` and the body `{"message": …, "__type": "InvalidInputException"}`
 * (boto/boto3#3890, a botocore debug log of a real answer; turbot/steampipe-plugin-aws#1105 shows
 * the same Type through the Go SDK).
 */
import type { ServerResponse } from 'node:http';
import type { Detector } from './guardduty-state';
import { AwsError, firstValue, sendErrorBody } from './http-util';
import { decodeToken, slicePage } from './paging';
import type { InvitationRecord, MemberRecord, Relationships } from './relationships';
import type { ServiceContext } from './rest-service';

export const badRequest = (message: string) => new AwsError(400, 'BadRequestException', message);

/** An input value GuardDuty refuses (hashicorp/terraform-provider-aws#38833 quotes this answer). */
export const INVALID_INPUT =
  'The request is rejected because an invalid or out-of-range value is specified as an input parameter.';
/** A detector id of another account, or of no detector (terraform-provider-aws guardduty/invite_accepter.go). */
export const NOT_OWNED = 'The request is rejected because the input detectorId is not owned by the current account.';

export function sendGuardDutyError(res: ServerResponse, error: AwsError, requestId: string): void {
  const body: Record<string, string> = { message: error.message };
  if (error.code === 'BadRequestException') body.__type = 'InvalidInputException';
  sendErrorBody(res, error, body, requestId);
}

/**
 * The caller's detector named by the path. A malformed id → "has an invalid value" (boto/boto3#3890);
 * a well-formed id that is not the caller's detector in this region → "not owned".
 */
export function ownDetector(ctx: ServiceContext): Detector {
  const id = ctx.params.DetectorId ?? '';
  if (!/^[a-z0-9]{32}$/.test(id)) {
    throw badRequest('The request is rejected because the parameter detectorId has an invalid value.');
  }
  const detector = ctx.state.guardduty.detectorOf(ctx.accountId, ctx.region);
  if (!detector || detector.id !== id) throw badRequest(NOT_OWNED);
  return detector;
}

export const book = (ctx: ServiceContext): Relationships => ctx.state.guardduty.book;

/** accountIds (1–50, the model's AccountIds list) of 12-digit ids; anything else refuses the call. */
export function accountIds(ctx: ServiceContext, field = 'accountIds'): string[] {
  const value = ctx.body[field];
  if (!Array.isArray(value) || value.length === 0 || value.length > 50) throw badRequest(INVALID_INPUT);
  for (const id of value) if (typeof id !== 'string' || !/^\d{12}$/.test(id)) throw badRequest(INVALID_INPUT);
  return [...new Set(value as string[])];
}

export function stringField(ctx: ServiceContext, field: string): string {
  const value = ctx.body[field];
  if (typeof value !== 'string' || value.length === 0) throw badRequest(INVALID_INPUT);
  return value;
}

/** maxResults 1–50 (default 50, "The default value is 50. The maximum value is 50.") and an opaque nextToken. */
export function page<T>(ctx: ServiceContext, items: T[], operation: string) {
  const raw = firstValue(ctx.query, 'maxResults');
  const size = raw === undefined ? 50 : Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 50) throw badRequest(INVALID_INPUT);
  const token = firstValue(ctx.query, 'nextToken');
  const offset = token ? decodeToken(token, operation) : 0;
  if (offset === null)
    throw badRequest('The request is rejected because the parameter nextToken has an invalid value.');
  return slicePage(items, offset, size, operation);
}

export interface UnprocessedAccount {
  accountId: string;
  result: string;
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

export function invitationOut(i: InvitationRecord) {
  return {
    accountId: i.accountId,
    invitationId: i.invitationId,
    relationshipStatus: i.memberStatus,
    invitedAt: iso(i.invitedAt),
  };
}

/** A member as its administrator sees it: masterId and administratorId both set, detectorId the member's own. */
export function memberOut(ctx: ServiceContext, m: MemberRecord) {
  const detector = ctx.state.guardduty.detectorOf(m.accountId, ctx.region);
  return {
    accountId: m.accountId,
    ...(detector ? { detectorId: detector.id } : {}),
    masterId: ctx.accountId,
    administratorId: ctx.accountId,
    ...(m.email ? { email: m.email } : {}),
    relationshipStatus: m.status,
    ...(m.invitedAt ? { invitedAt: iso(m.invitedAt) } : {}),
    updatedAt: iso(m.updatedAt),
  };
}

/**
 * Detective on the wire (detective/2018-10-26, rest-json): every operation is a POST (AcceptInvitation
 * a PUT) with PascalCase JSON members and no locationName, pagination in the body (NextToken,
 * MaxResults 1–200), ISO-8601 timestamps. Errors carry `Message` (ValidationException and
 * AccessDeniedException also `ErrorCode`/`ErrorCodeReason`), the code in x-amzn-ErrorType:
 * ValidationException 400, AccessDeniedException 403, ResourceNotFoundException 404, ConflictException
 * 409, ServiceQuotaExceededException 402, TooManyRequestsException 429, InternalServerException 500.
 */
import type { ServerResponse } from 'node:http';
import { type DetectiveMember, GRAPH_ARN, type Graph } from './detective-state';
import { AwsError, sendErrorBody } from './http-util';
import { decodeToken, slicePage } from './paging';
import type { ServiceContext } from './rest-service';

/** A ValidationException with the model's ErrorCode (INVALID_GRAPH_ARN, INVALID_REQUEST_BODY). */
export class DetectiveValidation extends AwsError {
  constructor(
    message: string,
    readonly errorCode: 'INVALID_GRAPH_ARN' | 'INVALID_REQUEST_BODY',
  ) {
    super(400, 'ValidationException', message);
  }
}

export const invalidBody = (message: string) => new DetectiveValidation(message, 'INVALID_REQUEST_BODY');
/** "The request refers to a nonexistent resource." is the model's ResourceNotFoundException doc. */
export const notFound = () =>
  new AwsError(404, 'ResourceNotFoundException', 'The request refers to a nonexistent resource.');
/** "The request attempted an invalid action." is the model's ConflictException doc. */
export const conflict = (detail: string) =>
  new AwsError(409, 'ConflictException', `The request attempted an invalid action. ${detail}`);

export function sendDetectiveError(res: ServerResponse, error: AwsError, requestId: string): void {
  const body: Record<string, string> = { Message: error.message };
  if (error instanceof DetectiveValidation) body.ErrorCode = error.errorCode;
  sendErrorBody(res, error, body, requestId);
}

/** The GraphArn of the body: required, in the model's pattern. */
export function graphArnField(ctx: ServiceContext): string {
  const arn = ctx.body.GraphArn;
  if (typeof arn !== 'string' || !GRAPH_ARN.test(arn)) {
    throw new DetectiveValidation(
      'The request failed because GraphArn is not a valid behavior graph ARN.',
      'INVALID_GRAPH_ARN',
    );
  }
  return arn;
}

/** A graph of this region that exists; the caller's own when `own` (another's is as good as absent: chosen). */
export function graphOf(ctx: ServiceContext, own: boolean): Graph {
  const graph = ctx.state.detective.graphs.get(graphArnField(ctx));
  if (!graph || graph.region !== ctx.region || (own && graph.administratorId !== ctx.accountId)) throw notFound();
  return graph;
}

export function accountIdList(ctx: ServiceContext): string[] {
  const value = ctx.body.AccountIds;
  if (!Array.isArray(value) || value.length === 0 || value.length > 50) {
    throw invalidBody('The request failed because AccountIds must list 1 to 50 account IDs.');
  }
  for (const id of value) {
    if (typeof id !== 'string' || !/^\d{12}$/.test(id))
      throw invalidBody(`${JSON.stringify(id)} is not an account ID.`);
  }
  return [...new Set(value as string[])];
}

export function page<T>(ctx: ServiceContext, items: T[], operation: string) {
  const raw = ctx.body.MaxResults;
  const size = raw === undefined ? 200 : raw;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 200) {
    throw invalidBody('The request failed because MaxResults must be between 1 and 200.');
  }
  const token = ctx.body.NextToken;
  const offset = typeof token === 'string' && token ? decodeToken(token, operation) : 0;
  if (offset === null) throw invalidBody('The request failed because NextToken is not valid.');
  return slicePage(items, offset, size, operation);
}

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);

/** The model's MemberDetail (the volume figures left out). MasterId is the deprecated twin of AdministratorId. */
export function memberDetail(graph: Graph, m: DetectiveMember) {
  return {
    AccountId: m.accountId,
    ...(m.email ? { EmailAddress: m.email } : {}),
    GraphArn: graph.arn,
    MasterId: graph.administratorId,
    AdministratorId: graph.administratorId,
    Status: m.status,
    ...(m.disabledReason ? { DisabledReason: m.disabledReason } : {}),
    ...(m.invitedAt ? { InvitedTime: iso(m.invitedAt) } : {}),
    UpdatedTime: iso(m.updatedAt),
    InvitationType: m.invitationType,
  };
}

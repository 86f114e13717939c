/**
 * How Security Hub CSPM answers what the generic reading (main/core/aws/errors.ts) cannot tell: the
 * service off in the region, a central configuration policy's refusal, the administrator batches'
 * refusals, and errors that mean "nothing here".
 */
import { type AppError, appError } from '../../../domain/errors';
import { isEnabled } from '../../../domain/statuses';
import { type ErrorContext, toAppError } from '../../aws/errors';

interface ErrorLike {
  name?: string;
  message?: string;
  $metadata?: { requestId?: string };
}

/**
 * Security Hub CSPM's own readings: off in a region, a central configuration policy's refusal, and
 * the administrator batches' refusal that is not an IAM sentence. Null: the generic reading.
 */
export function classifySecurityHubError(error: unknown, context: ErrorContext): AppError | null {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const where =
    context.profile && context.region
      ? ` for ${context.profile} in ${context.region}`
      : context.region
        ? ` in ${context.region}`
        : '';
  const requestId = e.$metadata?.requestId;
  const aws = { ...(e.$metadata && e.name ? { awsCode: e.name } : {}), ...(requestId ? { requestId } : {}) };
  if (isNotSubscribed(e)) {
    return appError('service-off', `Security Hub CSPM is not enabled${where}.`, {
      remediation: 'Enable Security Hub CSPM in this account and region to use invitations here.',
      ...aws,
    });
  }
  if (isCentralConfigurationRefusal(e)) {
    return appError(
      'central-configuration',
      `Security Hub CSPM in account ${context.accountId ?? 'of this profile'}${context.region ? ` in ${context.region}` : ''} is set by the organization's central configuration, so only the delegated administrator can change it (${context.operation ?? 'this call'} was refused).`,
      {
        remediation:
          "Ask the organization's Security Hub CSPM delegated administrator to change the configuration policy that governs this account (or to make the account self-managed).",
        ...aws,
      },
    );
  }
  if (isBatchRefusal(e, context)) {
    const generic = toAppError(error, context);
    return {
      ...generic,
      remediation: `The account may not be the organization's Security Hub CSPM delegated administrator: ${context.operation} for organization accounts is the delegated administrator's. Make the request from that account, or add accounts outside the organization by invitation.`,
    };
  }
  return null;
}

/**
 * Security Hub CSPM off in a region: every operation but EnableSecurityHub answers
 * InvalidAccessException "Account <id> is not subscribed to AWS Security Hub" (DESIGN.md §3).
 */
function isNotSubscribed(e: ErrorLike): boolean {
  return e.name === 'InvalidAccessException' && /not subscribed/i.test(e.message ?? '');
}

/**
 * A centrally managed account's own configuration write: AccessDeniedException "This account is
 * currently associated with a central configuration policy, so only the administrator can access
 * this operation." (hashicorp/terraform-provider-aws#39687, UpdateSecurityHubConfiguration; the
 * emulator gives the same to EnableSecurityHub and DisableSecurityHub there, an inference).
 */
function isCentralConfigurationRefusal(e: ErrorLike): boolean {
  return /associated with a central configuration policy/i.test(e.message ?? '');
}

/**
 * An administrator batch refused without an IAM sentence: "You don't have permissions to access this
 * resource." from CreateMembers when the caller was not the organization's delegated administrator
 * (awslabs/landing-zone-accelerator-on-aws#673).
 */
const BATCHES = new Set([
  'CreateMembers',
  'InviteMembers',
  'DisassociateMembers',
  'DeleteMembers',
  'DeleteInvitations',
]);
function isBatchRefusal(e: ErrorLike, context: ErrorContext): boolean {
  return (
    e.name === 'AccessDeniedException' &&
    BATCHES.has(context.operation ?? '') &&
    !/not authorized to perform/i.test(e.message ?? '')
  );
}

/**
 * An answer that means "nothing here" although it arrives as an error: ResourceNotFound; or, for
 * accounts enrolled through Organizations (which "don't receive invitations", ListInvitations docs:
 * "Only accounts that are managed by invitation can use this operation"), a BadRequest,
 * InvalidInput or AccessDenied saying there is no such resource. The terraform AWS provider's
 * Security Hub member and invite-accepter code treats the same answers as "not found".
 */
export function meansNothingFound(error: unknown): boolean {
  const e = error as ErrorLike | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'ResourceNotFoundException') return true;
  return (
    ['AccessDeniedException', 'BadRequestException', 'InvalidInputException'].includes(e.name ?? '') &&
    /no such resource|not found|does not exist|managed by invitation/i.test(e.message ?? '')
  );
}

/** ListInvitations refused to an account enrolled through Organizations (the API reference's sentence). */
export function isInvitationOnlyRefusal(error: unknown): boolean {
  const e = error as ErrorLike | null;
  return typeof e?.message === 'string' && /managed by invitation/i.test(e.message);
}

/**
 * Whether Security Hub CSPM's reads say the organization manages this relationship: ListInvitations
 * refused for "accounts that are managed by invitation" only, or an Enabled administrator with no
 * InvitationId (no invitation behind it). AWS publishes neither answer for an Organizations member
 * (research F7, unverified): the first is the API reference's sentence, the second what the emulator
 * chose from it; either one is enough.
 */
export function organizationManages(
  administrator: { invitationId: string | null; memberStatus: string },
  invitationsRefused: boolean,
): boolean {
  if (!isEnabled(administrator.memberStatus)) return false;
  return invitationsRefused || administrator.invitationId === null;
}

/** An empty answer standing in for a "nothing found" error (its request id kept). */
export async function emptyWhenNothingFound<T>(send: () => Promise<T>, empty: Omit<T, '$metadata'>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!meansNothingFound(error)) throw error;
    const $metadata = (error as { $metadata?: unknown }).$metadata ?? {};
    return { ...empty, $metadata } as T;
  }
}

/**
 * Who a profile is: one STS GetCallerIdentity per profile (not per region), memoised for the life of
 * one resolver — a refresh or an action makes its own, so a re-login is seen by the next refresh.
 */

import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { z } from 'zod';
import { type AppError, AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import { ACCOUNT_ID_PATTERN } from '../../domain/ids';
import { toAppError } from './errors';
import type { CallRunner } from './securityhub';

export interface Identity {
  accountId: string;
  arn: string;
  userId: string;
}

export type IdentityResult = { ok: true; identity: Identity } | { ok: false; error: AppError };

const identitySchema = z.object({
  Account: z.string().regex(ACCOUNT_ID_PATTERN),
  Arn: z.string().min(1),
  UserId: z.string().nullish(),
});

export interface IdentityResolver {
  /** The identity of `profile`, asked in `region` (the first caller's region wins for the memo). */
  resolve(profile: string, region: string, run: CallRunner): Promise<IdentityResult>;
}

export function createIdentityResolver(sts: (profile: string, region: string) => STSClient): IdentityResolver {
  const memo = new Map<string, Promise<IdentityResult>>();
  return {
    resolve(profile, region, run) {
      let result = memo.get(profile);
      if (!result) {
        result = callerIdentity(() => sts(profile, region), profile, region, run);
        memo.set(profile, result);
        // A cancelled lookup must not poison the memo for the callers that come after.
        result.then((r) => {
          if (!r.ok && r.error.kind === 'cancelled') memo.delete(profile);
        });
      }
      return result;
    },
  };
}

async function callerIdentity(
  client: () => STSClient,
  profile: string,
  region: string,
  run: CallRunner,
): Promise<IdentityResult> {
  try {
    const out = await run('GetCallerIdentity', (abortSignal) =>
      client().send(new GetCallerIdentityCommand({}), { abortSignal }),
    );
    const parsed = identitySchema.safeParse(out);
    if (!parsed.success) {
      return {
        ok: false,
        error: appError('internal', 'AWS STS answered GetCallerIdentity with a response the app cannot read.', {
          retryable: true,
        }),
      };
    }
    return {
      ok: true,
      identity: { accountId: parsed.data.Account, arn: parsed.data.Arn, userId: parsed.data.UserId ?? '' },
    };
  } catch (error) {
    if (isAppErrorException(error)) return { ok: false, error: error.appError };
    return {
      ok: false,
      error: toAppError(error, { profile, region, operation: 'GetCallerIdentity', action: 'sts:GetCallerIdentity' }),
    };
  }
}

/** Throws the identity failure as an AppErrorException (for actions, which fail as a whole). */
export function identityOrThrow(result: IdentityResult): Identity {
  if (!result.ok) throw new AppErrorException(result.error);
  return result.identity;
}

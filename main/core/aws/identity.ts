/**
 * Who a profile is: one STS GetCallerIdentity per profile (not per region), memoised for the life of
 * one resolver — a refresh or an action makes its own, so a re-login is seen by the next refresh.
 */

import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { z } from 'zod';
import { type AppError, AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import { ACCOUNT_ID_PATTERN } from '../../domain/ids';
import { closestRegion, regionProblem } from '../../domain/regions';
import { configuredEndpointOf, endpointNote, endpointRemediation } from './endpoints';
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
  // A region that cannot be one is said as such, before STS is asked at a host that does not exist.
  const wrongRegion = regionProblem(region);
  if (wrongRegion) {
    const meant = closestRegion(region);
    return {
      ok: false,
      error: appError('config', `Profile "${profile}": ${wrongRegion}, so STS cannot be asked there.`, {
        remediation: meant
          ? `Set the profile's region to ${meant}: aws configure set region ${meant} --profile ${profile} (or edit region in its section of the AWS config file).`
          : 'Set the profile’s region to an AWS region (region in its section of the AWS config file).',
      }),
    };
  }
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
    const classified = isAppErrorException(error)
      ? error.appError
      : toAppError(error, { profile, region, operation: 'GetCallerIdentity', action: 'sts:GetCallerIdentity' });
    return { ok: false, error: namingEndpoint(classified, client()) };
  }
}

/**
 * A timeout or an unreachable host at an endpoint the profile's settings chose: the endpoint and the
 * setting are named (a person then looks at the emulator, proxy or VPC endpoint, not at AWS).
 */
function namingEndpoint(error: AppError, client: STSClient): AppError {
  const endpoint = configuredEndpointOf(client);
  if (!endpoint || (error.kind !== 'timeout' && error.kind !== 'network')) return error;
  if (error.message.includes(endpoint.url)) return error;
  return {
    ...error,
    message: `${error.message} ${endpointNote('STS', endpoint)}`,
    remediation: endpointRemediation(endpoint),
  };
}

/** Throws the identity failure as an AppErrorException (for actions, which fail as a whole). */
export function identityOrThrow(result: IdentityResult): Identity {
  if (!result.ok) throw new AppErrorException(result.error);
  return result.identity;
}

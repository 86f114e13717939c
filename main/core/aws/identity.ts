/**
 * Who a profile is: one STS GetCallerIdentity per profile (not per region), memoised for the life of
 * one resolver — a refresh makes its own, so each refresh asks again. What a lookup confirmed is also
 * kept in the backend's KnownIdentities until the profiles are read again, so an action on a row the
 * window has read does not ask STS again.
 */

import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { z } from 'zod';
import { type AppError, AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import { ACCOUNT_ID_PATTERN } from '../../domain/ids';
import { closestRegion, regionProblem } from '../../domain/regions';
import type { CallRunner } from './call';
import { namedEndpointOf, namingEndpoint } from './endpoints';
import { toAppError } from './errors';

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

/** Identities STS confirmed in this process, until the profiles are read again (new files, a sign-in). */
export interface KnownIdentities {
  get(profile: string): Identity | null;
  learn(profile: string, identity: Identity): void;
  forget(): void;
}

export function createKnownIdentities(): KnownIdentities {
  const known = new Map<string, Identity>();
  return {
    get: (profile) => known.get(profile) ?? null,
    learn: (profile, identity) => void known.set(profile, identity),
    forget: () => known.clear(),
  };
}

/**
 * A resolver memoising one lookup per profile. `known`: identities confirmed earlier are answered
 * without a call (actions), and every lookup that succeeds is added to them.
 */
export function createIdentityResolver(
  sts: (profile: string, region: string) => STSClient,
  known?: KnownIdentities,
  options: { askAgain?: boolean } = {},
): IdentityResolver {
  const memo = new Map<string, Promise<IdentityResult>>();
  return {
    resolve(profile, region, run) {
      let result = memo.get(profile);
      if (result) return result;
      const confirmed = options.askAgain ? null : (known?.get(profile) ?? null);
      result = confirmed
        ? Promise.resolve({ ok: true as const, identity: confirmed })
        : callerIdentity(() => sts(profile, region), profile, region, run);
      memo.set(profile, result);
      result.then((r) => {
        if (r.ok) known?.learn(profile, r.identity);
        // A cancelled lookup must not poison the memo for the callers that come after.
        else if (r.error.kind === 'cancelled') memo.delete(profile);
      });
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
    return { ok: false, error: namingEndpoint(classified, namedEndpointOf('STS', client())) };
  }
}

/** Throws the identity failure as an AppErrorException (for actions, which fail as a whole). */
export function identityOrThrow(result: IdentityResult): Identity {
  if (!result.ok) throw new AppErrorException(result.error);
  return result.identity;
}

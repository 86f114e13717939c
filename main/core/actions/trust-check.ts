/**
 * The one rule behind every accept, whichever door it came through (the window, the command line,
 * a bulk answer): an invitation from an administrator outside the trusted list (main/domain/trust.ts)
 * is accepted only when the person said to trust it — the window's confirmation naming the account,
 * the command line's --trust-administrator — and the administrator is then added to the list (an
 * activity entry says so). Otherwise nothing is sent and the refusal says what to do.
 */
import { AppErrorException, appError } from '../../domain/errors';
import { UNTRUSTED } from '../../domain/trust';
import type { SecurityService } from '../services/service';
import type { ActionEnv } from './frame';

export function untrustedError(
  env: Pick<ActionEnv, 'trust'>,
  service: SecurityService,
  administratorId: string,
): AppErrorException {
  const short = service.about.shortName;
  return new AppErrorException(
    appError(
      'untrusted-administrator',
      `The invitation is ${UNTRUSTED}: ${env.trust.label(administratorId)} is not one of your trusted ${short} administrators, so nothing was sent.`,
      {
        remediation: `Accepting hands this account's ${short} findings to ${administratorId}. If you expect its invitation, trust it: confirm in the app, add --trust-administrator ${administratorId} on the command line, or add it to the trusted administrators (Settings, or config trust ${administratorId}).`,
      },
    ),
  );
}

/**
 * Passes when the administrator is trusted for the service; trusts it when the person agreed
 * (`trustAdministrator`); refuses otherwise.
 */
export async function requireTrust(
  env: Pick<ActionEnv, 'trust'>,
  req: {
    service: SecurityService;
    administratorId: string;
    trustAdministrator?: boolean | undefined;
    why: string;
    where?: { profile: string; region: string };
  },
): Promise<void> {
  const service = req.service.about.id;
  if (env.trust.isTrusted(service, req.administratorId)) return;
  if (req.trustAdministrator !== true) throw untrustedError(env, req.service, req.administratorId);
  await env.trust.trust([
    {
      accountId: req.administratorId,
      service,
      origin: 'you',
      why: req.why,
      ...(req.where ? { where: { ...req.where, accountId: null } } : {}),
    },
  ]);
}

/** An accept's trust check, in the same words wherever the accept runs (this thread or a worker's door). */
export function acceptTrust(req: {
  service: SecurityService;
  administratorId: string;
  trustAdministrator?: boolean | undefined;
  profile: string;
  region: string;
}): Parameters<typeof requireTrust>[1] {
  return {
    service: req.service,
    administratorId: req.administratorId,
    trustAdministrator: req.trustAdministrator,
    why: `its invitation was accepted for profile ${req.profile} in ${req.region}.`,
    where: { profile: req.profile, region: req.region },
  };
}

/**
 * A worker thread's view of the trusted list: the main thread, which holds the settings, checks an
 * accept (and trusts an administrator the person agreed to trust) before the job reaches the worker.
 */
export const CHECKED_ON_MAIN_THREAD: ActionEnv['trust'] = {
  isTrusted: () => true,
  label: (accountId) => accountId,
  trust: async () => [],
};

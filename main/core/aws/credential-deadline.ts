/**
 * The deadline of one credential resolution (the credential timeout, a setting): it does not run
 * while an MFA prompt waits for the person, and when it passes, the resolution's signal is aborted
 * (a credential helper is stopped, an SSO call cancelled) and the wait ends with an error naming
 * what was late.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import { AppErrorException, appError } from '../../domain/errors';
import { startPausableTimer } from '../calls/pausable-timer';
import { describeHelper } from './credential-process';

/** One resolution in progress: its deadline's signal, and a way to stop the deadline's clock. */
export interface Resolution {
  signal: AbortSignal;
  /** Runs `work` (an MFA prompt) with the deadline paused: the person's typing time is theirs. */
  paused<T>(work: () => Promise<T>): Promise<T>;
}

/** Static keys need no deadline. */
export const NO_DEADLINE: Resolution = { signal: new AbortController().signal, paused: (work) => work() };

/**
 * Runs one resolution against its deadline. When the deadline passes, the resolution's signal is
 * aborted (a helper is stopped) and the wait ends with `late`'s error, whatever the resolution does next.
 */
export function withinDeadline(
  limitMs: number,
  resolve: (during: Resolution) => Promise<AwsCredentialIdentity>,
  late: (limitMs: number) => AppErrorException,
): Promise<AwsCredentialIdentity> {
  const controller = new AbortController();
  return new Promise((done, fail) => {
    const timer = startPausableTimer(limitMs, () => {
      const error = late(limitMs);
      controller.abort(error);
      fail(error);
    });
    const during: Resolution = {
      signal: controller.signal,
      async paused(work) {
        timer.pause();
        try {
          return await work();
        } finally {
          timer.resume();
        }
      },
    };
    resolve(during).then(
      (credentials) => {
        timer.clear();
        done(credentials);
      },
      (error: unknown) => {
        timer.clear();
        fail(error);
      },
    );
  });
}

/** The credential_process behind a profile, when its chain starts with one. */
export interface HelperOfChain {
  /** The profile that names the credential_process. */
  profile: string;
  command: string;
}

export function lateError(profile: string, helper: HelperOfChain | null, limitMs: number): AppErrorException {
  // Whole seconds for the usual limits; a short one keeps its tenth (1.5 s is not "2 s").
  const seconds = limitMs >= 10_000 ? Math.round(limitMs / 1000) : Math.round(limitMs / 100) / 10;
  if (helper) {
    const whose = helper.profile === profile ? '' : `, the source of profile "${profile}",`;
    return new AppErrorException(
      appError(
        'no-credentials',
        `${describeHelper(helper.profile, helper.command)}${whose} did not answer within ${seconds} s; it was stopped.`,
        {
          remediation:
            'Run the command in a terminal to see what it waits for (a passphrase, a browser sign-in), then try again; or raise the credential timeout (credentialTimeoutSeconds in the settings).',
          retryable: true,
        },
      ),
    );
  }
  return new AppErrorException(
    appError('no-credentials', `The credentials of profile "${profile}" were not ready within ${seconds} s.`, {
      remediation:
        'Check the network and the profile in the AWS config files, or raise the credential timeout (credentialTimeoutSeconds in the settings).',
      retryable: true,
    }),
  );
}

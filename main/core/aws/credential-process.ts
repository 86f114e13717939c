/**
 * Runs a profile's credential_process here instead of in the SDK.
 *
 * Why not let the SDK run it: it uses child_process.exec and keeps no handle, so a helper that
 * hangs (aws-vault waiting for a passphrase, granted waiting for a browser sign-in) can be neither
 * stopped nor timed out, and every call of the profile waits for it. A timeout wrapped around the
 * SDK's provider would end the wait but leave the helper running, and each later call would start
 * another one. Running it here keeps the documented contract
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html, and what
 * @aws-sdk/credential-provider-process checks): the value is a command line for the shell; exit
 * status 0; stdout is JSON with Version 1, AccessKeyId, SecretAccessKey, and optionally
 * SessionToken, Expiration (ISO 8601; credentials already expired are refused) and AccountId (else
 * the profile's aws_account_id). What differs, on purpose:
 * - on POSIX the helper gets its own process group (`detached`), so on timeout the whole group is
 *   stopped (SIGTERM, then SIGKILL), the children it started included; helper-groups.ts ends every
 *   group still running when this process exits, however it exits. A new session also means no
 *   controlling terminal: a helper that opens /dev/tty to ask for a passphrase cannot; it fails at
 *   once instead of waiting on a terminal nobody may be watching (the desktop app has none);
 * - stdin is /dev/null rather than a pipe nobody writes to: a helper that reads a passphrase from
 *   stdin gets end-of-file and says so, instead of hanging;
 * - a failure names the profile and the command, with the helper's first line of stderr (helpers
 *   print their error first, then usage or a stack); a program that is not found is named, with the
 *   PATH it was looked up in.
 * Like the SDK it runs with this process's environment (whose PATH is the login shell's in the app)
 * and caps stdout at exec's default of 1 MiB.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { AwsCredentialIdentity } from '@smithy/types';
import { z } from 'zod';
import { scrubSecrets } from './errors';
import { exitFailure, helperFailure, isNotFoundExit, notFound, onPath, programOf } from './helper-failures';
import { trackHelperGroup } from './helper-groups';

export interface CredentialProcessRun {
  /** The profile whose credential_process this is. */
  profile: string;
  command: string;
  /** The profile's aws_account_id, used when the helper does not say (as the SDK does). */
  accountId?: string;
  /** Aborting stops the helper (and its process group) and rejects with the signal's reason. */
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** exec's default maxBuffer, which the SDK relies on. */
const MAX_STDOUT = 1024 * 1024;
const MAX_STDERR = 64 * 1024;

const outputSchema = z.object({
  Version: z.literal(1),
  AccessKeyId: z.string().min(1),
  SecretAccessKey: z.string().min(1),
  SessionToken: z.string().optional(),
  Expiration: z.string().optional(),
  AccountId: z.string().optional(),
  CredentialScope: z.string().optional(),
});

/** How a helper is named in messages: the profile and the command line (secrets scrubbed, shortened). */
export function describeHelper(profile: string, command: string): string {
  const shown = scrubSecrets(command.trim());
  return `The credential helper of profile "${profile}" (${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown})`;
}

export function runCredentialProcess(run: CredentialProcessRun): Promise<AwsCredentialIdentity> {
  const platform = run.platform ?? process.platform;
  const helper = describeHelper(run.profile, run.command);
  const env = run.env ?? process.env;
  return new Promise((resolve, reject) => {
    if (run.signal.aborted) {
      reject(run.signal.reason);
      return;
    }
    let child: ChildProcess;
    try {
      child = spawn(run.command, {
        shell: true,
        detached: platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        env,
      });
    } catch (error) {
      reject(failure(`${helper} could not be started: ${(error as Error).message}.`));
      return;
    }
    // Until it is over, the helper's group is ended with this process (Ctrl-C, a crash, an exit).
    const group = child.pid === undefined ? null : trackHelperGroup(child.pid, platform);
    if (group) child.once('exit', () => group.exited());
    const stopGroup = () => group?.stop();
    let stdout = '';
    let stderr = '';
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      run.signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      stopGroup();
      finish(() => reject(run.signal.reason));
    };
    run.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_STDOUT) {
        stopGroup();
        finish(() => reject(failure(`${helper} wrote more than 1 MiB to stdout; it was stopped.`)));
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR) stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException & { path?: string }) =>
      finish(() =>
        reject(
          error.code === 'ENOENT'
            ? notFound(helper, error.path ?? programOf(run.command), env, platform)
            : failure(`${helper} could not be started: ${error.message}.`),
        ),
      ),
    );
    child.on('close', (code, signal) => {
      finish(() => {
        if (code !== 0 && code !== null && isNotFoundExit(code, platform)) {
          const program = programOf(run.command);
          void onPath(program, env, platform).then((found) =>
            reject(found ? exitFailure(helper, code, signal, stderr) : notFound(helper, program, env, platform)),
          );
          return;
        }
        if (code !== 0) {
          reject(exitFailure(helper, code, signal, stderr));
          return;
        }
        try {
          resolve(parseOutput(stdout, helper, run.accountId));
        } catch (error) {
          reject(error);
        }
      });
    });
  });
}

/** The helper's JSON, checked as the SDK checks it. */
export function parseOutput(stdout: string, helper: string, accountId?: string): AwsCredentialIdentity {
  let json: unknown;
  try {
    json = JSON.parse(stdout.trim());
  } catch {
    throw failure(`${helper} did not print JSON.`);
  }
  const parsed = outputSchema.safeParse(json);
  if (!parsed.success) {
    const version = (json as { Version?: unknown } | null)?.Version;
    throw failure(
      version !== 1
        ? `${helper} did not print Version 1 credentials.`
        : `${helper} printed credentials without AccessKeyId or SecretAccessKey.`,
    );
  }
  const data = parsed.data;
  let expiration: Date | undefined;
  if (data.Expiration !== undefined) {
    expiration = new Date(data.Expiration);
    if (Number.isNaN(expiration.getTime())) throw failure(`${helper} printed an Expiration that is not a date.`);
    if (expiration.getTime() < Date.now()) throw failure(`${helper} printed credentials that have already expired.`);
  }
  const account = data.AccountId ?? accountId;
  return {
    accessKeyId: data.AccessKeyId,
    secretAccessKey: data.SecretAccessKey,
    ...(data.SessionToken ? { sessionToken: data.SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
    ...(data.CredentialScope ? { credentialScope: data.CredentialScope } : {}),
    ...(account ? { accountId: account } : {}),
  };
}

const failure = (message: string) => helperFailure(message);

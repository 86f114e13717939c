/**
 * What the sign-in tests share: the emulator (demo scenario, sign-ins left for the test to answer),
 * its AWS files plus a legacy SSO profile, the app's AWS clients over them, and ports that record
 * what a sign-in showed and "open" a page by fetching it the way a browser would (following the
 * emulator's redirect to the loopback server).
 */
import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type AwsClients, createAwsClients } from '../../../../main/core/aws/clients';
import { tokenFileName } from '../../../../main/core/aws/sso-sign-in/cache';
import { type PendingSignIn, pollWait, type SignInPorts } from '../../../../main/core/aws/sso-sign-in/flows';
import { type SignInOptions, signIn } from '../../../../main/core/aws/sso-sign-in/sign-in';
import { type SignInRequest, signInTarget } from '../../../../main/core/aws/sso-sign-in/targets';
import { type RunningEmulator, startEmulator } from '../../../emulator/index';

export const PORTAL = 'https://d-90670emul8.awsapps.com/start';
export const LEGACY = 'legacy-sso';

export interface Kit {
  emu: RunningEmulator;
  env: NodeJS.ProcessEnv;
  clients: AwsClients;
  cacheDir: string;
  close(): Promise<void>;
}

export async function startKit(): Promise<Kit> {
  const emu = await startEmulator({ port: 0 });
  emu.signIn().settings = { ...emu.signIn().settings, autoApprove: false, intervalSeconds: 0 };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shi-sso-'));
  const files = await emu.writeAwsDir(dir);
  // A profile with the legacy settings: its own start URL and region, no sso-session.
  await appendFile(
    files.configFile,
    `\n[profile ${LEGACY}]\nsso_start_url = ${PORTAL}\nsso_region = us-east-1\nsso_account_id = 888888888888\nsso_role_name = SecurityHubAdmin\nregion = us-east-1\nendpoint_url = ${emu.url}\n`,
  );
  const env: NodeJS.ProcessEnv = { ...files.env, PATH: process.env.PATH };
  // The SDK's SSO provider reads the token cache under process.env.HOME.
  const previousHome = process.env.HOME;
  process.env.HOME = env.HOME;
  const clients = createAwsClients({ env, promptMfa: () => Promise.reject(new Error('no MFA here')), maxAttempts: 1 });
  await clients.listProfiles();
  return {
    emu,
    env,
    clients,
    cacheDir: path.join(env.HOME!, '.aws', 'sso', 'cache'),
    async close() {
      clients.dispose();
      process.env.HOME = previousHome;
      await emu.stop();
    },
  };
}

export interface Recorder extends SignInPorts {
  pending: PendingSignIn[];
  opened: { url: string; allowedOrigins: readonly string[] }[];
  sleeps: number[];
  /** Settles when a sign-in first waits for the user. */
  waiting: Promise<PendingSignIn>;
}

/** Ports for a test. `browser`: what opening a page does (default: fetch it and follow redirects). */
export function recorder(options: { browser?: (url: string) => Promise<void>; sleepScale?: number } = {}): Recorder {
  let resolveWaiting: (p: PendingSignIn) => void = () => undefined;
  const waiting = new Promise<PendingSignIn>((resolve) => {
    resolveWaiting = resolve;
  });
  const browse = options.browser ?? ((url: string) => fetch(url).then(() => undefined));
  const r: Recorder = {
    pending: [],
    opened: [],
    sleeps: [],
    waiting,
    now: () => Date.now(),
    sleep(ms, signal) {
      r.sleeps.push(ms);
      const wait = Math.max(5, ms * (options.sleepScale ?? 0));
      return pollWait(wait, signal);
    },
    async openBrowser(url, allowedOrigins) {
      r.opened.push({ url, allowedOrigins });
      // The page loads in the background, as a browser would: the held /authorize answer arrives later.
      void browse(url).catch(() => undefined);
      return true;
    },
    onPending(p) {
      r.pending.push(p);
      resolveWaiting(p);
    },
  };
  return r;
}

export async function signInNow(
  kit: Kit,
  request: SignInRequest,
  options: SignInOptions,
  ports: SignInPorts,
  signal: AbortSignal = new AbortController().signal,
) {
  const target = signInTarget(request, await kit.clients.loadedProfiles());
  const clients = await kit.clients.signInClients(target.endpointProfile, target.region);
  return signIn(target, options, clients, kit.env, ports, signal);
}

/** The control API, over HTTP as a test outside the process would use it. */
export async function control(kit: Kit, what: 'approve' | 'deny', id?: string) {
  const res = await fetch(`${kit.emu.url}/__emulator/sso/${what}`, {
    method: 'POST',
    body: JSON.stringify(id ? { id } : {}),
  });
  return (await res.json()) as { answered: number };
}

export async function tokenFile(kit: Kit, id: { ssoSession: string | null; startUrl: string }) {
  return JSON.parse(await readFile(path.join(kit.cacheDir, tokenFileName(id)), 'utf8'));
}

/** The account a profile's credentials resolve to, through the SDK's SSO provider and the portal. */
export async function whoIs(kit: Kit, profile: string): Promise<string | undefined> {
  await kit.clients.reload();
  const answer = await kit.clients.sts(profile, 'us-east-1').send(new GetCallerIdentityCommand({}));
  return answer.Account;
}

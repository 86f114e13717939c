/**
 * `login --sso-session NAME` / `login --profile P` and `logout`: signing in to IAM Identity Center
 * into the AWS CLI's own token cache, so the AWS CLI, the SDK and the app share the sign-in. The
 * browser flow (authorization code with PKCE) is the default, as in the AWS CLI v2;
 * --use-device-code signs in with a code instead (another device, no browser here), and
 * --no-browser prints the link without opening it.
 */

import { AppErrorException, appError } from '../../domain/errors';
import type { SignInProgress } from '../../domain/sso-sign-in';
import type { CliCommand, CliFlag, CliValues } from '../command';
import { JSON_FLAG, wantsJson } from '../output';
import { checkProfilesExist, SETTINGS_DIR_FLAG, withSession } from '../session';
import { terminalText } from '../terminal-text';

const TARGET_FLAGS: CliFlag[] = [
  { name: 'sso-session', type: 'string', valueName: '<name>', description: 'The [sso-session NAME] to sign in to' },
  {
    name: 'profile',
    type: 'string',
    valueName: '<profile>',
    description: 'An SSO profile (its sso-session, or its own sso_start_url)',
  },
];

function targetOf(values: CliValues): { ssoSession: string } | { profile: string } {
  const session = typeof values['sso-session'] === 'string' ? values['sso-session'] : null;
  const profile = typeof values.profile === 'string' ? values.profile : null;
  if ((session === null) === (profile === null)) {
    throw new AppErrorException(
      appError('invalid-request', 'Name exactly one of --sso-session <name> or --profile <profile>.'),
    );
  }
  return session !== null ? { ssoSession: session } : { profile: profile! };
}

export const loginCommand: CliCommand = {
  name: 'login',
  summary: 'Sign in to IAM Identity Center (writes the AWS CLI token cache)',
  flags: [
    ...TARGET_FLAGS,
    {
      name: 'use-device-code',
      type: 'boolean',
      description: 'Sign in with a code (device authorization) instead of the browser redirect',
    },
    {
      name: 'no-browser',
      type: 'boolean',
      description: 'Do not open a browser: print the link (and code) to open yourself',
    },
    JSON_FLAG,
    SETTINGS_DIR_FLAG,
  ],
  details:
    'The browser flow opens the sign-in page and waits for its redirect to 127.0.0.1; with --use-device-code\n' +
    '(the default on Linux without a display) it shows a code to confirm on any device.\n' +
    'Exit status 0 when signed in, 1 when the sign-in failed or expired.',
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      const target = targetOf(values);
      if ('profile' in target) await checkProfilesExist(session, [target.profile]);
      const flow = values['use-device-code'] === true || headless(io.env) ? 'device-code' : 'browser';
      // commander reads a --no-X flag as the negation of X: the value under its name is false when
      // --no-browser is given and true otherwise.
      const openBrowser = values['no-browser'] !== false;
      const final = new Promise<SignInProgress>((resolve) => {
        // Each new page is printed once: a sign-in whose registration was refused and made again
        // waits a second time, at another link.
        let shown: string | null = null;
        session.onEvent((event) => {
          if (event.type !== 'sso-sign-in') return;
          const p = event.progress;
          if (p.state === 'waiting' && p.verificationUri !== shown) {
            shown = p.verificationUri;
            io.stderr(waitingText(p, openBrowser));
          }
          if (p.state === 'signed-in' || p.state === 'failed' || p.state === 'cancelled') resolve(p);
        });
      });
      await session.call('sso:sign-in', { target, flow, openBrowser });
      const done = await final;
      if (done.state !== 'signed-in')
        throw new AppErrorException(done.error ?? appError('unknown', 'The sign-in did not complete.'));
      if (wantsJson(values)) {
        io.stdout(
          `${JSON.stringify({ label: done.label, ssoSession: done.ssoSession, profiles: done.profiles, expiresAt: done.expiresAt })}\n`,
        );
      } else {
        const count = done.profiles.length === 1 ? '1 profile' : `${done.profiles.length} profiles`;
        io.stdout(
          `Signed in to ${terminalText(done.label)} until ${done.expiresAt}: ${count}${done.profiles.length ? ` (${terminalText(done.profiles.join(', '))})` : ''}.\n`,
        );
      }
      return 0;
    });
  },
};

/**
 * Linux without a display (a server, an SSH session): no browser can open here, and one elsewhere
 * could not reach this machine's 127.0.0.1 redirect, so the code is the only flow that can work.
 */
export function headless(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

/**
 * What the person at the terminal is told while the sign-in waits: always the link (and the code),
 * whether or not a browser was opened — opening one is a bonus (a server, an SSH session, a
 * container have none), and an attempt that failed is said.
 */
function waitingText(p: SignInProgress, triedBrowser: boolean): string {
  const link = terminalText(p.verificationUri ?? '');
  const browser = !triedBrowser
    ? ''
    : p.opened
      ? 'The link is open in your browser too.\n'
      : 'No browser could be opened here: open the link yourself.\n';
  if (p.flow === 'device-code') {
    return `Open this link on any device and confirm this code: ${terminalText(p.userCode ?? '')}\n${link}\n${browser}Waiting for the sign-in to be approved…\n`;
  }
  return `Open this link in a browser on this computer to sign in:\n${link}\n${browser}`;
}

export const logoutCommand: CliCommand = {
  name: 'logout',
  summary: 'Sign out of IAM Identity Center (removes the cached token)',
  flags: [...TARGET_FLAGS, JSON_FLAG, SETTINGS_DIR_FLAG],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      const target = targetOf(values);
      if ('profile' in target) await checkProfilesExist(session, [target.profile]);
      const result = await session.call('sso:sign-out', { target });
      if (wantsJson(values)) io.stdout(`${JSON.stringify(result)}\n`);
      else if (result.removed) io.stdout(`Signed out of ${terminalText(result.label)}.\n`);
      else io.stdout(`Not signed in to ${terminalText(result.label)}: nothing to remove.\n`);
      return 0;
    });
  },
};

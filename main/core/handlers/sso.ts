/**
 * Signing in to IAM Identity Center from the window: `sso:sign-in` answers at once with the id and
 * the work goes on, reported as `sso-sign-in` events (code shown, waiting, signed in, failed); on
 * success the profiles it unlocks are refreshed. `sso:cancel` stops a waiting sign-in; `sso:status`
 * says until when each session is signed in. Tokens stay in main/core/aws.
 */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../contract/api';
import { AppErrorException, errorOfLogged } from '../../domain/errors';
import type { SignInProgress } from '../../domain/sso-sign-in';
import { type PendingSignIn, pollWait, type SignInPorts } from '../aws/sso-sign-in/flows';
import { signedInUntil, signIn, signOut } from '../aws/sso-sign-in/sign-in';
import { type SignInRequest, type SignInTarget, signInTarget, ssoTargets } from '../aws/sso-sign-in/targets';
import type { BackendCore } from '../backend-core';

type SsoChannels = 'sso:sign-in' | 'sso:cancel' | 'sso:sign-out' | 'sso:status';

export function ssoHandlers(core: BackendCore): Pick<Handlers, SsoChannels> {
  const { deps, clients } = core;
  const running = new Map<string, AbortController>();
  /** One activity line per sign-in or sign-out: the session, the outcome and the expiry only. */
  const record = (
    target: SignInTarget,
    action: 'sso-sign-in' | 'sso-sign-out',
    outcome: 'succeeded' | 'failed',
    detail: string,
  ) =>
    void core.activity
      .append({
        service: null,
        profile: target.endpointProfile,
        accountId: null,
        region: target.region,
        action,
        target: target.label,
        outcome,
        detail,
        requestId: null,
      })
      .catch((error: unknown) =>
        console.error('Recording the sign-in failed:', error instanceof Error ? error.message : error),
      );
  core.onDispose(() => {
    for (const abort of running.values()) abort.abort();
  });

  async function refreshUnlocked(profiles: string[]) {
    const existing = new Set((await clients.listProfiles()).profiles.map((p) => p.name));
    const unlocked = profiles.filter((name) => existing.has(name));
    if (unlocked.length > 0) await core.refresh.start({ kind: 'select', profiles: unlocked }, { reload: true });
  }

  return {
    async 'sso:sign-in'(request) {
      await core.reloadProfiles();
      const target = signInTarget(request.target as SignInRequest, await clients.loadedProfiles());
      const signInId = randomUUID();
      const abort = new AbortController();
      running.set(signInId, abort);
      const base: SignInProgress = {
        signInId,
        label: target.label,
        ssoSession: target.ssoSession,
        profile: target.ssoSession === null ? target.endpointProfile : null,
        profiles: target.profiles,
        flow: request.flow,
        state: 'starting',
        userCode: null,
        verificationUri: null,
        opened: false,
        expiresAt: null,
        error: null,
      };
      const emit = (progress: Partial<SignInProgress>) =>
        deps.emit({ type: 'sso-sign-in', progress: { ...base, ...progress } });
      const ports: SignInPorts = {
        now: () => core.clock().getTime(),
        sleep: pollWait,
        openBrowser: (url, origins) => deps.openSignInPage?.(url, origins) ?? Promise.resolve(false),
        onPending: (p: PendingSignIn) =>
          emit({
            state: 'waiting',
            opened: p.opened,
            ...(p.flow === 'device-code'
              ? { userCode: p.userCode, verificationUri: p.verificationUriComplete, expiresAt: p.expiresAt }
              : { verificationUri: p.url }),
          }),
      };
      void (async () => {
        try {
          const sso = await clients.signInClients(target.endpointProfile, target.region);
          const result = await signIn(
            target,
            { flow: request.flow, openBrowser: request.openBrowser ?? true },
            sso,
            deps.env,
            ports,
            abort.signal,
          );
          emit({ state: 'signed-in', expiresAt: result.expiresAt });
          record(
            target,
            'sso-sign-in',
            'succeeded',
            `Signed in to ${target.label} until ${result.expiresAt} (${request.flow}).`,
          );
          await core.reloadProfiles();
          // The window shows the rows: they load by themselves. The command line only signs in.
          if (deps.source === 'app') await refreshUnlocked(result.profiles);
        } catch (error) {
          const appErr = error instanceof AppErrorException ? error.appError : errorOfLogged(error, 'Sign-in');
          emit({ state: appErr.kind === 'cancelled' ? 'cancelled' : 'failed', error: appErr });
          if (appErr.kind !== 'cancelled') record(target, 'sso-sign-in', 'failed', appErr.message);
        } finally {
          running.delete(signInId);
        }
      })();
      emit({});
      return { signInId, label: target.label, profiles: target.profiles };
    },
    async 'sso:cancel'(request) {
      const abort = running.get(request.signInId);
      abort?.abort();
      return { cancelled: abort !== undefined };
    },
    async 'sso:sign-out'(request) {
      await core.reloadProfiles();
      const target = signInTarget(request.target as SignInRequest, await clients.loadedProfiles());
      const { portal } = await clients.signInClients(target.endpointProfile, target.region);
      const abort = new AbortController();
      core.onDispose(() => abort.abort());
      const result = await signOut(target, portal, deps.env, abort.signal);
      if (result.removed) record(target, 'sso-sign-out', 'succeeded', `Signed out of ${target.label}.`);
      await core.reloadProfiles();
      return { label: target.label, ...result };
    },
    async 'sso:status'() {
      const loaded = await clients.loadedProfiles();
      const now = core.clock().getTime();
      return ssoTargets(loaded).map((t) => ({
        label: t.label,
        ssoSession: t.ssoSession,
        profile: t.ssoSession === null ? t.endpointProfile : null,
        profiles: t.profiles,
        signedInUntil: signedInUntil(t, deps.env, now),
      }));
    },
  };
}

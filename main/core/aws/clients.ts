/**
 * The AWS clients of the app: Security Hub and STS per profile × region, cached, built with the
 * profile's own endpoint, the shared credential provider of the profile, and the app's HTTP handler
 * (proxy, CA bundle, timeouts). Knows nothing of Electron: the app, the CLI and the tests share it.
 *
 * Clients need the parsed profiles (endpoints, ca_bundle, source chains): listProfiles() or reload()
 * loads them, and creating the object starts loading at once. Asking for a client before the first
 * load finished is a programming error and says so.
 */
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { STSClient } from '@aws-sdk/client-sts';
import { getSmithyContext } from '@smithy/core';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type {
  AwsCredentialIdentityProvider,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
  RetryStrategyV2,
} from '@smithy/types';
import { AppErrorException, appError } from '../../domain/errors';
import type { ProfileList } from '../../domain/types';
import { offTheCallClock } from '../calls/call-context';
import { type ClientSettings, clientSettings } from './client-settings';
import { createCredentialProvider } from './credentials';
import { type EndpointService, type ResolvedEndpoint, rememberEndpoint, resolveEndpoint } from './endpoints';
import { type AppHttpHandler, createHttpHandler } from './http-handler';
import { createMfaSessions } from './mfa-sessions';
import { type LoadedProfiles, loadProfiles, profileKind, settingValues, sourceChain } from './profiles';
import { type RetryUse, retryPolicy } from './retry-policy';

/**
 * Resolves the client's credentials before anything else, with the scheduled call's clock stopped
 * (call-context.ts): resolution has its own deadline, and the call timeout is for AWS's answer. It
 * is done here, per request, because the SDK coalesces the credential requests of one client: a
 * call that only joined another call's resolution would otherwise never stop its own clock, nor
 * stop waiting when it is cancelled.
 */
function credentialsFirst<I extends object, O extends MetadataBearer>(
  stack: MiddlewareStack<I, O>,
  provider: AwsCredentialIdentityProvider,
): void {
  const middleware: InitializeMiddleware<I, O> = (next, context) => async (args) => {
    // The signal the send was given: the scheduled call's, whose clock stops meanwhile.
    const { abortSignal } = getSmithyContext(context) as { abortSignal?: AbortSignal };
    await offTheCallClock(abortSignal, () => provider());
    return next(args);
  };
  stack.add(middleware, { step: 'initialize', name: 'appCredentialsFirst', priority: 'high' });
}

export interface MfaPromptRequest {
  serial: string;
  profiles: string[];
}
/** Resolves to the 6-digit code; rejects with AppErrorException(kind 'cancelled') on cancel or timeout. */
export type MfaPrompt = (request: MfaPromptRequest, signal?: AbortSignal) => Promise<string>;

export interface AwsClientsOptions {
  env: NodeJS.ProcessEnv;
  promptMfa: MfaPrompt;
  /** Per attempt, default 15000. */
  requestTimeoutMs?: number;
  /** SDK attempts, default 3. */
  maxAttempts?: number;
  retryStrategy?: RetryStrategyV2;
  /** How long one credential resolution may take, MFA prompts not counted; read at each resolution. Default 30 s. */
  credentialTimeoutMs?: () => number;
  /** Credential helpers wait for this before they are spawned (see CredentialContext.helperPathReady). */
  helperPathReady?: Promise<unknown>;
}

/** The credential timeout when none is configured (settings: credentialTimeoutSeconds). */
export const DEFAULT_CREDENTIAL_TIMEOUT_MS = 30_000;

export interface AwsClients {
  listProfiles(): Promise<ProfileList>;
  /** `write`: a client whose SDK retries never resend a write AWS may have applied (retry-policy.ts). */
  securityHub(profile: string, region: string, use?: RetryUse): SecurityHubClient;
  sts(profile: string, region: string): STSClient;
  /** The profiles of the last load (files and the SDK's view), for sign-in. */
  loadedProfiles(): Promise<LoadedProfiles>;
  /**
   * Unsigned clients to sign in (SSO-OIDC) and out (the portal's Logout) in `region`, routed by
   * `profile`'s endpoint settings; `oidcBase` is the endpoint the SSO-OIDC client calls.
   */
  signInClients(profile: string, region: string): Promise<{ oidc: SSOOIDCClient; oidcBase: string; portal: SSOClient }>;
  reload(): Promise<void>;
  dispose(): void;
}

/**
 * Security Hub clients kept for reuse. A client holds about 20 KB (its middleware stack, resolved
 * config, caches) and a refresh of every region uses one per profile × region: 17,000 rows would
 * keep hundreds of MB of clients nobody uses again until the next refresh. A row's calls use its
 * client within moments, so the most recently used ones are kept and a client let go is only
 * rebuilt (its HTTP handler and credentials are shared per profile and stay).
 */
export const HUB_CLIENTS_KEPT = 512;

export function createAwsClients(options: AwsClientsOptions): AwsClients {
  const { env } = options;
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const aborter = new AbortController();

  let loaded: LoadedProfiles | null = null;
  let loading: Promise<LoadedProfiles> = load();
  let handlers = new Map<string, AppHttpHandler>();
  const retired: AppHttpHandler[] = [];
  let providers = new Map<string, AwsCredentialIdentityProvider>();
  let settings = new Map<string, ClientSettings>();
  let hubClients = new Map<string, SecurityHubClient>();
  let stsClients = new Map<string, STSClient>();

  function load(): Promise<LoadedProfiles> {
    const next = loadProfiles(env).then((result) => {
      if (loading === next) loaded = result;
      return result;
    });
    // A failed load is reported to whoever awaits it; keep the promise from being unhandled.
    next.catch(() => undefined);
    return next;
  }

  const promptCode = async (serial: string) => {
    const profiles = [...(loaded?.details.values() ?? [])]
      .filter((d) => d.mfaSerial === serial)
      .map((d) => d.summary.name);
    const code = (await options.promptMfa({ serial, profiles }, aborter.signal)).trim();
    if (!/^\d{6}$/.test(code)) {
      throw new AppErrorException(appError('mfa-needed', 'The MFA code must be 6 digits.', { retryable: true }));
    }
    return code;
  };
  const mfa = createMfaSessions({ promptCode });

  function current(): LoadedProfiles {
    if (!loaded) {
      throw new AppErrorException(
        appError('internal', 'The AWS profiles are not loaded yet: call listProfiles() or reload() first.'),
      );
    }
    return loaded;
  }

  function resolvedEndpoint(service: EndpointService, profile: string): ResolvedEndpoint | null {
    return resolveEndpoint(service, profile, env, current().files);
  }

  function endpointFor(service: EndpointService, profile: string): string | null {
    return resolvedEndpoint(service, profile)?.url ?? null;
  }

  function handlerFor(profile: string): AppHttpHandler {
    // AWS_CA_BUNDLE wins over the profile's ca_bundle, as in the AWS CLI.
    const caBundle = env.AWS_CA_BUNDLE || current().sdk[profile]?.ca_bundle || null;
    const key = caBundle ?? '';
    let handler = handlers.get(key);
    if (!handler) {
      handler = createHttpHandler({ env, caBundle, requestTimeoutMs });
      handlers.set(key, handler);
    }
    return handler;
  }

  function providerFor(profile: string): AwsCredentialIdentityProvider {
    let provider = providers.get(profile);
    if (provider) return provider;
    const state = current();
    const details = state.details.get(profile);
    if (!details) {
      const error = appError('no-credentials', `There is no profile named "${profile}".`, {
        remediation: 'Add it to the AWS config or credentials file, then try again (the files are read afresh).',
      });
      provider = () => Promise.reject(new AppErrorException(error));
    } else if (!details.summary.usable) {
      const error = appError('config', `Profile "${profile}" cannot be used: ${details.summary.reason ?? 'unknown'}`, {
        remediation:
          'Fix the profile in the AWS config or credentials file, then try again (the files are read afresh).',
      });
      provider = () => Promise.reject(new AppErrorException(error));
    } else {
      const paths = state.sdkPaths;
      const sdkProfiles = state.sdk;
      // The SSO portal is the one of the chain's SSO profile (a role may sit on top of it).
      const ssoProfile = sourceChain(profile, sdkProfiles).find((n) => profileKind(sdkProfiles[n] ?? {}) === 'sso');
      provider = createCredentialProvider({
        profile,
        sdkProfiles,
        configSections: state.files.configFile,
        configFile: paths.configFile,
        credentialsFile: paths.credentialsFile,
        env,
        stsEndpoint: (name) => resolvedEndpoint('STS', name),
        ssoEndpoint: endpointFor('SSO', ssoProfile ?? profile),
        ssoOidcEndpoint: endpointFor('SSO OIDC', ssoProfile ?? profile),
        requestHandler: handlerFor(profile).handler,
        maxAttempts,
        ...(options.retryStrategy ? { retryStrategy: options.retryStrategy } : {}),
        settings: settingsFor(profile),
        mfa,
        promptCode,
        timeoutMs: options.credentialTimeoutMs ?? (() => DEFAULT_CREDENTIAL_TIMEOUT_MS),
        ...(options.helperPathReady ? { helperPathReady: options.helperPathReady } : {}),
      });
    }
    providers.set(profile, provider);
    return provider;
  }

  /** What a client would otherwise look up in the files on every build (see client-settings.ts). */
  function settingsFor(profile: string): ClientSettings {
    let found = settings.get(profile);
    if (!found) {
      found = clientSettings(env, settingValues(profile, current().files));
      settings.set(profile, found);
    }
    return found;
  }

  function clientConfig(profile: string, region: string, service: EndpointService, use: RetryUse = 'read') {
    const endpoint = endpointFor(service, profile);
    // One standard strategy per client, as the SDK makes by default (its retry capacity is per client).
    const base = options.retryStrategy ?? new StandardRetryStrategy(maxAttempts);
    return {
      ...settingsFor(profile),
      region,
      credentials: providerFor(profile),
      requestHandler: handlerFor(profile).handler,
      maxAttempts,
      retryStrategy: retryPolicy(base, use),
      ...(endpoint ? { endpoint } : {}),
      // The endpoint was resolved for this profile above; never fall back to AWS_PROFILE's.
      ignoreConfiguredEndpointUrls: true,
    };
  }

  return {
    async listProfiles() {
      return (loaded ?? (await loading)).list;
    },
    securityHub(profile, region, use = 'read') {
      const key = `${profile}\u0000${region}\u0000${use}`;
      let client = hubClients.get(key);
      if (client) {
        // Most recently used last: the first entry is the one to let go.
        hubClients.delete(key);
      } else {
        client = new SecurityHubClient(clientConfig(profile, region, 'SecurityHub', use));
        credentialsFirst(client.middlewareStack, providerFor(profile));
        if (hubClients.size >= HUB_CLIENTS_KEPT) hubClients.delete(hubClients.keys().next().value as string);
      }
      hubClients.set(key, client);
      return client;
    },
    sts(profile, region) {
      const key = `${profile}\u0000${region}`;
      let client = stsClients.get(key);
      if (!client) {
        client = new STSClient(clientConfig(profile, region, 'STS'));
        rememberEndpoint(client, resolvedEndpoint('STS', profile));
        credentialsFirst(client.middlewareStack, providerFor(profile));
        stsClients.set(key, client);
      }
      return client;
    },
    async loadedProfiles() {
      return loaded ?? (await loading);
    },
    async signInClients(profile, region) {
      await (loaded ?? loading);
      const unsigned = (service: EndpointService) => {
        const endpoint = endpointFor(service, profile);
        return {
          ...settingsFor(profile),
          region,
          requestHandler: handlerFor(profile).handler,
          maxAttempts,
          ...(endpoint ? { endpoint } : {}),
          ignoreConfiguredEndpointUrls: true,
        };
      };
      const oidc = new SSOOIDCClient(unsigned('SSO OIDC'));
      const configured = endpointFor('SSO OIDC', profile);
      const oidcBase =
        configured ??
        oidc.config.endpointProvider({
          Region: region,
          UseFIPS: settingsFor(profile).useFipsEndpoint,
          UseDualStack: settingsFor(profile).useDualstackEndpoint,
        }).url.href;
      return { oidc, oidcBase, portal: new SSOClient(unsigned('SSO')) };
    },
    async reload() {
      loading = load();
      await loading;
      // Requests in flight keep their handler; it is destroyed with the others on dispose().
      retired.push(...handlers.values());
      handlers = new Map();
      providers = new Map();
      settings = new Map();
      hubClients = new Map();
      stsClients = new Map();
      // MFA sessions stay: they belong to the device, not to the files.
    },
    dispose() {
      aborter.abort();
      for (const handler of [...handlers.values(), ...retired]) handler.destroy();
      handlers = new Map();
      retired.length = 0;
      providers = new Map();
      settings = new Map();
      hubClients = new Map();
      stsClients = new Map();
      mfa.clear();
    },
  };
}

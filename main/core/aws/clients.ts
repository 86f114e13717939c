/**
 * The AWS clients of the app: any service's client and STS's per profile × region, cached, built with
 * the profile's own endpoint for that service, the shared credential provider of the profile, and
 * the app's HTTP handler (proxy, CA bundle, timeouts). Knows nothing of Electron, nor of any
 * security service: a service says how its SDK client is made (ServiceSdk) and asks for it with
 * `client(sdk, profile, region, use)`. The app, the CLI and the tests share it.
 *
 * Clients need the parsed profiles (endpoints, ca_bundle, source chains): listProfiles() or reload()
 * loads them, and creating the object starts loading at once. Asking for a client before the first
 * load finished is a programming error and says so.
 */
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
import { createMfaSessions, type MfaSessions } from './mfa-sessions';
import { type LoadedProfiles, loadProfiles, profileKind, settingValues, sourceChain } from './profiles';
import { type RetryUse, retryPolicy } from './retry-policy';
import { type PortalAccess, ssoSettingsOf } from './sso-credentials';

/** What the app needs of an SDK client: its middleware stack (credentials first, see below). */
export interface SdkClient {
  // The stack's input and output types differ per client; only `add` is used.
  middlewareStack: Pick<MiddlewareStack<object, MetadataBearer>, 'add'>;
}

/** The configuration every client gets (the SDK's client config accepts each of these). */
export type SdkClientConfig = ReturnType<typeof clientConfig>;

/** How a service's SDK client is made. */
export interface ServiceSdk<Client extends SdkClient> {
  /** The SDK's service id as the endpoint settings name it: `AWS_ENDPOINT_URL_<ID>`, `[services]` keys. */
  readonly endpointId: EndpointService;
  create(config: SdkClientConfig): Client;
}

/**
 * Resolves the client's credentials before anything else, with the scheduled call's clock stopped
 * (call-context.ts): resolution has its own deadline, and the call timeout is for AWS's answer. It
 * is done here, per request, because the SDK coalesces the credential requests of one client: a
 * call that only joined another call's resolution would otherwise never stop its own clock, nor
 * stop waiting when it is cancelled.
 */
function credentialsFirst(stack: SdkClient['middlewareStack'], provider: AwsCredentialIdentityProvider): void {
  const middleware: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
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
  /**
   * The service's client for the profile and region. `write`: a client whose SDK retries never resend
   * a write AWS may have applied (retry-policy.ts).
   */
  client<Client extends SdkClient>(sdk: ServiceSdk<Client>, profile: string, region: string, use?: RetryUse): Client;
  sts(profile: string, region: string): STSClient;
  /**
   * Resolves once the profile's credentials are in hand (true) or cannot be had (false): the one
   * resolution every call of the profile shares (one MFA prompt, one helper run, one sign-in check).
   * A read that starts before STS answers waits for it, so it never asks for credentials on its own
   * (after a cancelled MFA prompt it would ask again).
   */
  credentialsReady(profile: string): Promise<boolean>;
  /** The profiles of the last load (files and the SDK's view), for sign-in. */
  loadedProfiles(): Promise<LoadedProfiles>;
  /**
   * Unsigned clients to sign in (SSO-OIDC) and out (the portal's Logout) in `region`, routed by
   * `profile`'s endpoint settings; `oidcBase` is the endpoint the SSO-OIDC client calls.
   */
  signInClients(profile: string, region: string): Promise<{ oidc: SSOOIDCClient; oidcBase: string; portal: SSOClient }>;
  /** What reading the portal's account list needs for the profile's sso-session (no token); null without SSO. */
  portalAccess(profile: string): Promise<PortalAccess | null>;
  reload(): Promise<void>;
  dispose(): void;
}

/**
 * Service clients kept for reuse. A client holds about 20 KB (its middleware stack, resolved config,
 * caches) and a refresh of every region uses one per service × profile × region: 17,000 rows would
 * keep hundreds of MB of clients nobody uses again until the next refresh. A row's calls use its
 * client within moments, so the most recently used ones are kept and a client let go is only
 * rebuilt (its HTTP handler and credentials are shared per profile and stay).
 */
export const SERVICE_CLIENTS_KEPT = 512;

/** Everything built from one load of the profiles; a reload starts a new one. */
interface Built {
  handlers: Map<string, AppHttpHandler>;
  providers: Map<string, AwsCredentialIdentityProvider>;
  settings: Map<string, ClientSettings>;
  /** Most recently used last: the first entry is the one to let go. */
  serviceClients: Map<string, SdkClient>;
  stsClients: Map<string, STSClient>;
}

interface ClientsState {
  options: AwsClientsOptions;
  requestTimeoutMs: number;
  maxAttempts: number;
  aborter: AbortController;
  loaded: LoadedProfiles | null;
  loading: Promise<LoadedProfiles>;
  built: Built;
  /** Handlers of earlier loads: requests in flight keep them; they are destroyed on dispose(). */
  retired: AppHttpHandler[];
  mfa: MfaSessions;
}

const nothingBuilt = (): Built => ({
  handlers: new Map(),
  providers: new Map(),
  settings: new Map(),
  serviceClients: new Map(),
  stsClients: new Map(),
});

function load(state: ClientsState): Promise<LoadedProfiles> {
  const next = loadProfiles(state.options.env).then((result) => {
    if (state.loading === next) state.loaded = result;
    return result;
  });
  // A failed load is reported to whoever awaits it; keep the promise from being unhandled.
  next.catch(() => undefined);
  return next;
}

async function promptCode(state: ClientsState, serial: string): Promise<string> {
  const profiles = [...(state.loaded?.details.values() ?? [])]
    .filter((d) => d.mfaSerial === serial)
    .map((d) => d.summary.name);
  const code = (await state.options.promptMfa({ serial, profiles }, state.aborter.signal)).trim();
  if (!/^\d{6}$/.test(code)) {
    throw new AppErrorException(appError('mfa-needed', 'The MFA code must be 6 digits.', { retryable: true }));
  }
  return code;
}

function current(state: ClientsState): LoadedProfiles {
  if (!state.loaded) {
    throw new AppErrorException(
      appError('internal', 'The AWS profiles are not loaded yet: call listProfiles() or reload() first.'),
    );
  }
  return state.loaded;
}

function resolvedEndpoint(state: ClientsState, service: EndpointService, profile: string): ResolvedEndpoint | null {
  return resolveEndpoint(service, profile, state.options.env, current(state).files);
}

function endpointFor(state: ClientsState, service: EndpointService, profile: string): string | null {
  return resolvedEndpoint(state, service, profile)?.url ?? null;
}

function handlerFor(state: ClientsState, profile: string): AppHttpHandler {
  // AWS_CA_BUNDLE wins over the profile's ca_bundle, as in the AWS CLI.
  const { env } = state.options;
  const caBundle = env.AWS_CA_BUNDLE || current(state).sdk[profile]?.ca_bundle || null;
  const key = caBundle ?? '';
  let handler = state.built.handlers.get(key);
  if (!handler) {
    handler = createHttpHandler({ env, caBundle, requestTimeoutMs: state.requestTimeoutMs });
    state.built.handlers.set(key, handler);
  }
  return handler;
}

/** What a client would otherwise look up in the files on every build (see client-settings.ts). */
function settingsFor(state: ClientsState, profile: string): ClientSettings {
  let found = state.built.settings.get(profile);
  if (!found) {
    found = clientSettings(state.options.env, settingValues(profile, current(state).files));
    state.built.settings.set(profile, found);
  }
  return found;
}

/** A provider that fails at once, with the reason the profile cannot give credentials. */
function refusingProvider(error: ReturnType<typeof appError>): AwsCredentialIdentityProvider {
  return () => Promise.reject(new AppErrorException(error));
}

function providerFor(state: ClientsState, profile: string): AwsCredentialIdentityProvider {
  const known = state.built.providers.get(profile);
  if (known) return known;
  const loaded = current(state);
  const details = loaded.details.get(profile);
  let provider: AwsCredentialIdentityProvider;
  if (!details) {
    provider = refusingProvider(
      appError('no-credentials', `There is no profile named "${profile}".`, {
        remediation: 'Add it to the AWS config or credentials file, then try again (the files are read afresh).',
      }),
    );
  } else if (!details.summary.usable) {
    provider = refusingProvider(
      appError('config', `Profile "${profile}" cannot be used: ${details.summary.reason ?? 'unknown'}`, {
        remediation:
          'Fix the profile in the AWS config or credentials file, then try again (the files are read afresh).',
      }),
    );
  } else {
    const { options } = state;
    const sdkProfiles = loaded.sdk;
    // The SSO portal is the one of the chain's SSO profile (a role may sit on top of it).
    const ssoProfile = sourceChain(profile, sdkProfiles).find((n) => profileKind(sdkProfiles[n] ?? {}) === 'sso');
    provider = createCredentialProvider({
      profile,
      sdkProfiles,
      configSections: loaded.files.configFile,
      configFile: loaded.sdkPaths.configFile,
      credentialsFile: loaded.sdkPaths.credentialsFile,
      env: options.env,
      stsEndpoint: (name) => resolvedEndpoint(state, 'STS', name),
      ssoEndpoint: endpointFor(state, 'SSO', ssoProfile ?? profile),
      ssoOidcEndpoint: endpointFor(state, 'SSO OIDC', ssoProfile ?? profile),
      requestHandler: handlerFor(state, profile).handler,
      maxAttempts: state.maxAttempts,
      ...(options.retryStrategy ? { retryStrategy: options.retryStrategy } : {}),
      settings: settingsFor(state, profile),
      mfa: state.mfa,
      promptCode: (serial) => promptCode(state, serial),
      timeoutMs: options.credentialTimeoutMs ?? (() => DEFAULT_CREDENTIAL_TIMEOUT_MS),
      ...(options.helperPathReady ? { helperPathReady: options.helperPathReady } : {}),
    });
  }
  state.built.providers.set(profile, provider);
  return provider;
}

function clientConfig(
  state: ClientsState,
  profile: string,
  region: string,
  service: EndpointService,
  use: RetryUse = 'read',
) {
  const endpoint = endpointFor(state, service, profile);
  // One standard strategy per client, as the SDK makes by default (its retry capacity is per client).
  const base = state.options.retryStrategy ?? new StandardRetryStrategy(state.maxAttempts);
  return {
    ...settingsFor(state, profile),
    region,
    credentials: providerFor(state, profile),
    requestHandler: handlerFor(state, profile).handler,
    maxAttempts: state.maxAttempts,
    retryStrategy: retryPolicy(base, use),
    ...(endpoint ? { endpoint } : {}),
    // The endpoint was resolved for this profile above; never fall back to AWS_PROFILE's.
    ignoreConfiguredEndpointUrls: true,
  };
}

function serviceClient<Client extends SdkClient>(
  state: ClientsState,
  sdk: ServiceSdk<Client>,
  profile: string,
  region: string,
  use: RetryUse,
): Client {
  const key = `${sdk.endpointId}\u0000${profile}\u0000${region}\u0000${use}`;
  const clients = state.built.serviceClients;
  let client = clients.get(key) as Client | undefined;
  if (client) {
    clients.delete(key);
  } else {
    client = sdk.create(clientConfig(state, profile, region, sdk.endpointId, use));
    credentialsFirst(client.middlewareStack, providerFor(state, profile));
    rememberEndpoint(client, resolvedEndpoint(state, sdk.endpointId, profile));
    if (clients.size >= SERVICE_CLIENTS_KEPT) clients.delete(clients.keys().next().value as string);
  }
  clients.set(key, client);
  return client;
}

function stsClient(state: ClientsState, profile: string, region: string): STSClient {
  const key = `${profile}\u0000${region}`;
  let client = state.built.stsClients.get(key);
  if (!client) {
    client = new STSClient(clientConfig(state, profile, region, 'STS'));
    rememberEndpoint(client, resolvedEndpoint(state, 'STS', profile));
    credentialsFirst(client.middlewareStack, providerFor(state, profile));
    state.built.stsClients.set(key, client);
  }
  return client;
}

async function signInClients(state: ClientsState, profile: string, region: string) {
  await (state.loaded ?? state.loading);
  const unsigned = (service: EndpointService) => {
    const endpoint = endpointFor(state, service, profile);
    return {
      ...settingsFor(state, profile),
      region,
      requestHandler: handlerFor(state, profile).handler,
      maxAttempts: state.maxAttempts,
      ...(endpoint ? { endpoint } : {}),
      ignoreConfiguredEndpointUrls: true,
    };
  };
  const oidc = new SSOOIDCClient(unsigned('SSO OIDC'));
  const configured = endpointFor(state, 'SSO OIDC', profile);
  const settings = settingsFor(state, profile);
  const oidcBase =
    configured ??
    oidc.config.endpointProvider({
      Region: region,
      UseFIPS: settings.useFipsEndpoint,
      UseDualStack: settings.useDualstackEndpoint,
    }).url.href;
  return { oidc, oidcBase, portal: new SSOClient(unsigned('SSO')) };
}

async function portalAccess(state: ClientsState, profile: string): Promise<PortalAccess | null> {
  await (state.loaded ?? state.loading);
  const { sdk, files } = current(state);
  const base = sourceChain(profile, sdk).find((n) => profileKind(sdk[n] ?? {}) === 'sso');
  if (!base) return null;
  return {
    settings: ssoSettingsOf(base, sdk[base] ?? {}, files.configFile),
    env: state.options.env,
    clientConfig: {
      ...settingsFor(state, profile),
      requestHandler: handlerFor(state, profile).handler,
      maxAttempts: state.maxAttempts,
      ...(state.options.retryStrategy ? { retryStrategy: state.options.retryStrategy } : {}),
    },
    portalEndpoint: endpointFor(state, 'SSO', base),
    oidcEndpoint: endpointFor(state, 'SSO OIDC', base),
  };
}

async function reload(state: ClientsState): Promise<void> {
  state.loading = load(state);
  await state.loading;
  // Requests in flight keep their handler; it is destroyed with the others on dispose().
  state.retired.push(...state.built.handlers.values());
  state.built = nothingBuilt();
  // MFA sessions stay: they belong to the device, not to the files.
}

function dispose(state: ClientsState): void {
  state.aborter.abort();
  for (const handler of [...state.built.handlers.values(), ...state.retired]) handler.destroy();
  state.retired.length = 0;
  state.built = nothingBuilt();
  state.mfa.clear();
}

export function createAwsClients(options: AwsClientsOptions): AwsClients {
  const state = {
    options,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    maxAttempts: options.maxAttempts ?? 3,
    aborter: new AbortController(),
    loaded: null,
    built: nothingBuilt(),
    retired: [],
  } as unknown as ClientsState;
  state.mfa = createMfaSessions({ promptCode: (serial) => promptCode(state, serial) });
  state.loading = load(state);
  return {
    listProfiles: async () => (state.loaded ?? (await state.loading)).list,
    client: (sdk, profile, region, use = 'read') => serviceClient(state, sdk, profile, region, use),
    sts: (profile, region) => stsClient(state, profile, region),
    // Never rejects: files that could not be read are the identity call's error to report.
    credentialsReady: async (profile) => {
      try {
        await (state.loaded ?? state.loading);
        await providerFor(state, profile)();
        return true;
      } catch {
        return false;
      }
    },
    loadedProfiles: async () => state.loaded ?? (await state.loading),
    signInClients: (profile, region) => signInClients(state, profile, region),
    portalAccess: (profile) => portalAccess(state, profile),
    reload: () => reload(state),
    dispose: () => dispose(state),
  };
}

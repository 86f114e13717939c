/**
 * The shared-config settings an AWS client reads when it is built, decided here once per profile
 * from the app's environment and the profile's already-loaded values.
 *
 * Why: a client left to itself resolves each of these (FIPS, dual-stack, auth scheme preference,
 * app id, retry mode) by reading and parsing both shared files again, once per setting and per
 * client — for a thousand profiles that is most of a refresh's CPU. It also reads them for the
 * process-wide profile (AWS_PROFILE), not for the profile the client serves. Passing them
 * explicitly makes building a client free of file I/O and gives each profile its own values.
 *
 * Precedence is the SDK's: the environment variable, then the profile's setting, then the default;
 * a value the SDK would not accept (e.g. use_fips_endpoint = yes) is skipped as the SDK skips it.
 */
import { NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS } from '@smithy/core/config';
import { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS } from '@smithy/core/retry';
import type { IniSection } from './profiles';

export interface ClientSettings {
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  authSchemePreference: string[];
  /** A provider, so that "no app id" is still an explicit answer (undefined would be looked up). */
  userAgentAppId: () => Promise<string | undefined>;
  retryMode: string;
}

interface Selectors<T> {
  environmentVariableSelector: (env: Record<string, string | undefined>) => T | undefined;
  configFileSelector: (profile: Record<string, string | undefined>) => T | undefined;
}

/** The same lookup as the SDK's loadConfig chain, on values already in memory. */
function select<T>(selectors: Selectors<T>, env: NodeJS.ProcessEnv, profile: IniSection, fallback: T): T {
  const readers = [() => selectors.environmentVariableSelector(env), () => selectors.configFileSelector(profile)];
  for (const read of readers) {
    try {
      const value = read();
      if (value !== undefined) return value;
    } catch {
      // The SDK's chain treats an unreadable value as absent and asks the next source.
    }
  }
  return fallback;
}

const commaList = (text: string | undefined) =>
  text === undefined ? undefined : text.length > 0 ? text.split(',').map((s) => s.trim()) : [];

// Settings read by @aws-sdk/core (not a direct dependency of the app): the same keys, env first.
const AUTH_SCHEME_PREFERENCE: Selectors<string[]> = {
  environmentVariableSelector: (env) => commaList(env.AWS_AUTH_SCHEME_PREFERENCE),
  configFileSelector: (profile) => commaList(profile.auth_scheme_preference),
};
const APP_ID: Selectors<string> = {
  environmentVariableSelector: (env) => env.AWS_SDK_UA_APP_ID,
  configFileSelector: (profile) => profile.sdk_ua_app_id ?? profile['sdk-ua-app-id'],
};

export function clientSettings(env: NodeJS.ProcessEnv, profile: IniSection): ClientSettings {
  const appId = select(APP_ID, env, profile, undefined);
  return {
    useFipsEndpoint: select(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, env, profile, false),
    useDualstackEndpoint: select(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, env, profile, false),
    authSchemePreference: select(AUTH_SCHEME_PREFERENCE, env, profile, []),
    userAgentAppId: async () => appId,
    // Every defaults mode resolves to "standard" (the SDK's default) unless a retry mode is set.
    retryMode: select(NODE_RETRY_MODE_CONFIG_OPTIONS, env, profile, DEFAULT_RETRY_MODE),
  };
}

/**
 * Custom endpoints per profile and per service, with the precedence of the SDK's
 * `getEndpointFromConfig` (@smithy/core/endpoints):
 *   1. AWS_ENDPOINT_URL_<SERVICE ID, upper case, spaces as _> (AWS_ENDPOINT_URL_SECURITYHUB, _STS, _SSO, _SSO_OIDC)
 *   2. AWS_ENDPOINT_URL
 *   3. the profile's `services = <name>` → `[services <name>]` → `<service id, lower case, _> =` /
 *      `  endpoint_url = …` (the SDK's loader stores that as the key `securityhub.endpoint_url`)
 *   4. the profile's own `endpoint_url`
 * all skipped when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or, when that is unset, the profile's
 * `ignore_configured_endpoint_urls`) is "true".
 *
 * Why resolve it here: the SDK reads steps 3–4 only for the process-wide profile (AWS_PROFILE), not
 * for the `profile` a client is built for, and this app serves many profiles in one process. So each
 * client gets its endpoint explicitly.
 */
import type { AppError } from '../../domain/errors';
import { type IniSection, type SharedFiles, settingValues } from './profiles';

/** The SDK's service id (SecurityHub, GuardDuty, STS, SSO, SSO OIDC, …), as the endpoint settings spell it. */
export type EndpointService = string;

export type EndpointSource = 'env-service' | 'env' | 'services-section' | 'profile';

export interface ResolvedEndpoint {
  url: string;
  source: EndpointSource;
  /** Where it was set, for a person: `AWS_ENDPOINT_URL_STS`, `endpoint_url of profile "dev"`, … */
  where: string;
}

export function resolveEndpoint(
  service: EndpointService,
  profile: string,
  env: NodeJS.ProcessEnv,
  files: SharedFiles,
): ResolvedEndpoint | null {
  const values = settingValues(profile, files);
  if (ignoreConfigured(env, values)) return null;

  const envServiceVar = ['AWS_ENDPOINT_URL', ...service.split(' ').map((w) => w.toUpperCase())].join('_');
  const fromServiceVar = env[envServiceVar];
  if (fromServiceVar) return { url: fromServiceVar, source: 'env-service', where: envServiceVar };
  if (env.AWS_ENDPOINT_URL) return { url: env.AWS_ENDPOINT_URL, source: 'env', where: 'AWS_ENDPOINT_URL' };

  if (values.services) {
    // A profile naming a missing services section: the SDK's selector fails and it falls through to
    // no endpoint at all (the profile's endpoint_url is not reached); do the same.
    const section = files.configFile[`services.${values.services}`];
    if (!section) return null;
    const key = `${service
      .split(' ')
      .map((w) => w.toLowerCase())
      .join('_')}.endpoint_url`;
    const fromSection = section[key];
    if (fromSection) {
      const where = `${key.replace('.', ' ')} in [services ${values.services}], named by profile "${profile}"`;
      return { url: fromSection, source: 'services-section', where };
    }
  }
  if (values.endpoint_url) {
    return { url: values.endpoint_url, source: 'profile', where: `endpoint_url of profile "${profile}"` };
  }
  return null;
}

/** The endpoint each client was built with, when one was configured (for naming it in errors). */
const clientEndpoints = new WeakMap<object, ResolvedEndpoint>();

export function rememberEndpoint(client: object, endpoint: ResolvedEndpoint | null): void {
  if (endpoint) clientEndpoints.set(client, endpoint);
}

export function configuredEndpointOf(client: object): ResolvedEndpoint | null {
  return clientEndpoints.get(client) ?? null;
}

/**
 * The sentence added to a timeout or a connection failure at a configured endpoint: which endpoint,
 * and the setting that chose it, so the person looks there and not at AWS.
 */
export function endpointNote(service: EndpointService, endpoint: ResolvedEndpoint): string {
  return `The ${service} endpoint is ${endpoint.url}, set by ${endpoint.where}.`;
}

export function endpointRemediation(endpoint: ResolvedEndpoint): string {
  return `Check that ${endpoint.url} is up and reachable from here, or remove ${endpoint.where} to use AWS’s own endpoint.`;
}

/** A configured endpoint with the name a person knows its service by (`STS`, `Security Hub CSPM`). */
export interface NamedEndpoint {
  service: string;
  endpoint: ResolvedEndpoint;
}

/** The endpoint `client` was built with, named, or undefined when AWS's own endpoint is used. */
export function namedEndpointOf(service: string, client: object): NamedEndpoint | undefined {
  const endpoint = configuredEndpointOf(client);
  return endpoint ? { service, endpoint } : undefined;
}

/**
 * A timeout or an unreachable host at an endpoint the profile's settings chose: the endpoint and the
 * setting are named (a person then looks at the emulator, proxy or VPC endpoint, not at AWS).
 */
export function namingEndpoint(error: AppError, named: NamedEndpoint | undefined): AppError {
  if (!named || (error.kind !== 'timeout' && error.kind !== 'network')) return error;
  if (error.message.includes(named.endpoint.url)) return error;
  return {
    ...error,
    message: `${error.message} ${endpointNote(named.service, named.endpoint)}`,
    remediation: endpointRemediation(named.endpoint),
  };
}

/** The variable wins over the profile setting; anything but "true"/"false" counts as unset, as in the SDK's chain. */
function ignoreConfigured(env: NodeJS.ProcessEnv, values: IniSection): boolean {
  const fromEnv = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
  if (fromEnv === 'true') return true;
  if (fromEnv === 'false') return false;
  return values.ignore_configured_endpoint_urls === 'true';
}

/**
 * The one HTTP handler every AWS call of the app goes through (Security Hub, STS, SSO, and the
 * calls credential resolution makes).
 *
 * The AWS SDK for JavaScript reads none of HTTPS_PROXY / HTTP_PROXY / NO_PROXY, nor the CLI's
 * `ca_bundle` / AWS_CA_BUNDLE, and a packaged Electron app cannot use NODE_EXTRA_CA_CERTS (the
 * nodeOptions fuse is off). Corporate networks need both, so the handler is built here from the
 * app's environment: a proxy agent when a proxy variable is set, extra CAs added to Node's default
 * roots (never replacing them), keep-alive sockets enough for 64+ concurrent calls, and timeouts.
 *
 * It also caps what an answer may weigh (MAX_RESPONSE_BYTES): the SDK reads a whole body into memory
 * before parsing it, so an endpoint that streams without end would otherwise take the process with it.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import tls from 'node:tls';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ProxyAgent } from 'proxy-agent';
import { AppErrorException, appError } from '../../domain/errors';
import { readRegularFileSync } from '../storage/regular-file';
import { capBody, declaredTooLarge, declaredWithinLimit } from './response-cap';

export { MAX_RESPONSE_BYTES } from './response-cap';

export interface HttpHandlerOptions {
  env: NodeJS.ProcessEnv;
  /** A PEM file of extra CAs (AWS_CA_BUNDLE or the profile's ca_bundle), or null. */
  caBundle: string | null;
  /** Per attempt: the whole request and response. */
  requestTimeoutMs: number;
  connectionTimeoutMs?: number;
  /** Sockets per host; the app runs up to 256 calls at once across hosts. */
  maxSockets?: number;
}

export interface AppHttpHandler {
  handler: NodeHttpHandler;
  destroy(): void;
}

export function createHttpHandler(options: HttpHandlerOptions): AppHttpHandler {
  let ca: string[] | undefined;
  try {
    ca = options.caBundle ? [...tls.rootCertificates, readCaBundle(options.caBundle)] : undefined;
  } catch (error) {
    // Creating clients must not throw: every request made with this handler fails with the reason.
    const handler = new UnusableHandler(error as Error);
    return { handler, destroy: () => undefined };
  }
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 128, ...(ca ? { ca } : {}) };
  const directHttp = new http.Agent(agentOptions);
  const directHttps = new https.Agent(agentOptions);
  const proxy = hasProxySettings(options.env)
    ? new ProxyAgent({
        ...agentOptions,
        httpAgent: directHttp,
        httpsAgent: directHttps,
        // proxy-from-env (its default) reads process.env only; the app decides from its own env.
        getProxyForUrl: (url: string) => proxyForUrl(url, options.env),
      })
    : null;
  const handler = new CappedHttpHandler({
    httpAgent: proxy ?? directHttp,
    httpsAgent: proxy ?? directHttps,
    connectionTimeout: options.connectionTimeoutMs ?? Math.min(options.requestTimeoutMs, 10_000),
    requestTimeout: options.requestTimeoutMs,
    throwOnRequestTimeout: true,
  });
  return {
    handler,
    destroy() {
      handler.destroy();
      proxy?.destroy();
      directHttp.destroy();
      directHttps.destroy();
    },
  };
}

/** The SDK's handler, with every answer's body cut off past MAX_RESPONSE_BYTES (response-cap.ts). */
class CappedHttpHandler extends NodeHttpHandler {
  override async handle(...args: Parameters<NodeHttpHandler['handle']>): ReturnType<NodeHttpHandler['handle']> {
    const answer = await super.handle(...args);
    const [request] = args;
    const endpoint = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`;
    const body = answer.response.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') return answer;
    const tooLarge = declaredTooLarge(answer.response.headers, endpoint);
    if (tooLarge) {
      // Not one byte read: the socket goes, rather than back to the pool with a body pending on it.
      body.destroy();
      throw tooLarge;
    }
    // A body framed by a Content-Length within the limit cannot grow past it (response-cap.ts).
    if (!declaredWithinLimit(answer.response.headers)) answer.response.body = capBody(body, endpoint);
    return answer;
  }
}

/** Stands in for the handler when its settings are broken (an unreadable CA bundle). */
class UnusableHandler extends NodeHttpHandler {
  constructor(private readonly reason: Error) {
    super();
  }
  override async handle(): Promise<never> {
    throw this.reason;
  }
}

/** Far above any real bundle (the whole Mozilla store is about 250 KB). */
const CA_BUNDLE_MAX_BYTES = 16 * 1024 * 1024;

function readCaBundle(path: string): string {
  // A FIFO named here would block this synchronous read, and the whole process with it.
  const read = readRegularFileSync(path, CA_BUNDLE_MAX_BYTES);
  let problem: string | null = null;
  if (!read.ok) problem = read.error.message.replace(/\.$/, '');
  else if (!read.bytes.includes('-----BEGIN CERTIFICATE-----')) problem = 'no PEM certificate in the file';
  if (problem !== null || !read.ok) {
    throw new AppErrorException(
      appError('config', `The CA bundle ${path} could not be read: ${problem}.`, {
        remediation: 'Point AWS_CA_BUNDLE or the profile’s ca_bundle at a PEM file of CA certificates.',
      }),
    );
  }
  return read.bytes.toString('utf8');
}

const PROXY_VARIABLES = ['https_proxy', 'http_proxy', 'all_proxy'];

function env(envs: NodeJS.ProcessEnv, name: string): string {
  // Lower case first, as curl and proxy-from-env do.
  return envs[name] || envs[name.toUpperCase()] || '';
}

export function hasProxySettings(envs: NodeJS.ProcessEnv): boolean {
  return PROXY_VARIABLES.some((name) => env(envs, name) !== '');
}

/** The proxy URL for a request URL, or '' for a direct connection (same rules as proxy-from-env). */
export function proxyForUrl(url: string, envs: NodeJS.ProcessEnv): string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return '';
  }
  const scheme = target.protocol.replace(/:$/, '');
  const port = Number(target.port) || (scheme === 'https' ? 443 : 80);
  if (!shouldProxy(target.hostname, port, env(envs, 'no_proxy'))) return '';
  let proxy = env(envs, `${scheme}_proxy`) || env(envs, 'all_proxy');
  if (proxy && !proxy.includes('://')) proxy = `${scheme}://${proxy}`;
  return proxy;
}

/**
 * NO_PROXY: entries separated by commas or spaces; `*` matches everything; `host` and `.host` /
 * `*.host` match the host and its subdomains; `host:port` only that port. (CIDR ranges are not read.)
 */
function shouldProxy(hostname: string, port: number, noProxy: string): boolean {
  if (!noProxy) return true;
  if (noProxy === '*') return false;
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return noProxy.split(/[,\s]+/).every((entry) => {
    if (!entry) return true;
    const match = /^(.+?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, '').toLowerCase());
    if (!match?.[1]) return true;
    if (match[2] && Number(match[2]) !== port) return true;
    const suffix = match[1].replace(/^\*/, '');
    if (!suffix.startsWith('.')) return host !== suffix && !host.endsWith(`.${suffix}`);
    return !host.endsWith(suffix) && host !== suffix.slice(1);
  });
}

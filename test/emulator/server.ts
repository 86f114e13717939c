/**
 * The HTTP(S) front door: one port serves Security Hub, GuardDuty, Macie, Detective (routed by the
 * signing service of the request, routing.ts), STS (POST /), the SSO portal
 * (GET /federation/credentials), SSO-OIDC and the control API (/__emulator/). Faults that need no
 * identity (latency, drops, 500s) are applied here; throttling needs the account and happens in the
 * service pipeline (rest-service.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTROL_PREFIX, handleControl } from './control';
import { FaultInjector, type Faults } from './faults';
import {
  AwsError,
  type EmulatorRequest,
  newRequestId,
  type Outcome,
  parseQuery,
  readBody,
  safeDecode,
  sendJsonError,
} from './http-util';
import { handleIam, IAM_NAMESPACE, iamOperation } from './iam-routes';
import { handleOrganizations, organizationsOperation, sendOrganizationsError } from './organizations-routes';
import { RequestLog } from './request-log';
import { handleRestService, operationOf } from './rest-service';
import { REST_SERVICES, type ServiceId, serviceOf } from './routing';
import { type ParsedScenario, parseScenario } from './scenario-schema';
import { parseAuthorization } from './sigv4';
import { handleAuthorize } from './sso-oidc-authorize';
import { handleSsoOidc, isSsoOidcPath, SSO_OIDC_PATHS } from './sso-oidc-routes';
import { handleSso, ssoOperation } from './sso-routes';
import { EmulatorState } from './state';
import { stateView } from './state-view';
import { handleSts, sendStsError, stsOperation } from './sts-routes';

type Service = ServiceId;

/** Each service's 500 for an injected fault: STS InternalFailure, IAM ServiceFailure, Organizations ServiceException. */
function injectedError(service: Service, rest: (typeof REST_SERVICES)[keyof typeof REST_SERVICES] | null): AwsError {
  const message = 'Internal service error (injected fault).';
  if (service === 'sts') return new AwsError(500, 'InternalFailure', 'An internal error occurred.');
  if (service === 'iam') return new AwsError(500, 'ServiceFailure', message);
  if (service === 'organizations') return new AwsError(500, 'ServiceException', message);
  return rest?.internalError(message) ?? new AwsError(500, 'InternalException', message);
}

const isRest = (service: Service): service is keyof typeof REST_SERVICES => Object.hasOwn(REST_SERVICES, service);

export class EmulatorServer {
  state: EmulatorState;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(scenario: ParsedScenario, faults: Partial<Faults> = {}, logCap?: number) {
    this.log = new RequestLog(logCap);
    this.state = new EmulatorState(scenario);
    this.faults = new FaultInjector(faults);
  }

  loadScenario(input: unknown): void {
    this.state = new EmulatorState(parseScenario(input));
  }

  /** Starts a plain HTTP listener on 127.0.0.1; returns the port. */
  listen(port: number): Promise<number> {
    return this.start(createServer(this.handler()), port);
  }

  listenTls(port: number, key: string, cert: string): Promise<number> {
    return this.start(createHttpsServer({ key, cert }, this.handler()), port);
  }

  private handler() {
    return (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((error) => {
        console.error('emulator: request failed', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    };
  }

  private start(server: Server, port: number): Promise<number> {
    server.keepAliveTimeout = 30_000;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            for (const socket of this.sockets) socket.destroy();
          }),
      ),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = safeDecode(q < 0 ? raw : raw.slice(0, q));
    const body = await readBody(req);
    const receivedAt = new Date().toISOString();
    if (path.startsWith(CONTROL_PREFIX)) {
      handleControl(req, res, q < 0 ? path : `${path}?${raw.slice(q + 1)}`, body, {
        stateJson: () => stateView(this.state),
        signIn: () => this.state.signIn,
        loadScenario: (s) => this.loadScenario(s),
        faults: this.faults,
        log: this.log,
      });
      return;
    }
    const r: EmulatorRequest = {
      req,
      method: req.method ?? 'GET',
      path,
      query: parseQuery(q < 0 ? '' : raw.slice(q + 1)),
      body,
      requestId: newRequestId(),
      receivedAt,
    };
    const service = serviceOf(r);
    const delay = this.faults.delayMs();
    if (delay > 0) await sleep(delay);

    if (this.faults.shouldDrop()) {
      this.record(service, this.operationOf(service, r), r, {
        ...this.callerOf(r),
        status: 0,
        errorCode: 'ConnectionDropped',
      });
      req.socket.destroy();
      return;
    }
    if (this.faults.shouldFail()) {
      const rest = isRest(service) ? REST_SERVICES[service] : null;
      const error = injectedError(service, rest);
      if (service === 'sts') sendStsError(res, error, r.requestId);
      else if (service === 'iam') sendStsError(res, error, r.requestId, IAM_NAMESPACE);
      else if (service === 'organizations') sendOrganizationsError(res, error, r.requestId);
      else if (rest) rest.sendError(res, error, r.requestId);
      else sendJsonError(res, error, r.requestId);
      this.record(service, this.operationOf(service, r), r, {
        ...this.callerOf(r),
        status: 500,
        errorCode: error.code,
      });
      return;
    }
    // The state may be replaced by a scenario load while a request waits: use the current one.
    const state = this.state;
    let outcome: Outcome;
    if (service === 'sso') outcome = handleSso(r, res, state);
    else if (service === 'sso-oidc') outcome = handleSsoOidc(r, res, state);
    else if (service === 'sso-authorize') outcome = handleAuthorize(r, res, state);
    else if (service === 'sts') outcome = await handleSts(r, res, state);
    else if (service === 'organizations') outcome = await handleOrganizations(r, res, state);
    else if (service === 'iam') outcome = await handleIam(r, res, state);
    else outcome = await handleRestService(REST_SERVICES[service], r, res, { state, faults: this.faults });
    this.record(service, outcome.operation, r, outcome);
  }

  /** Best-effort account and region for log lines of requests a fault answered before any check. */
  private callerOf(r: EmulatorRequest): { accountId: string | null; region: string | null } {
    const auth = parseAuthorization(r.req.headers.authorization);
    return {
      accountId: auth ? (this.state.credentials.get(auth.accessKeyId)?.accountId ?? null) : null,
      region: auth?.region ?? null,
    };
  }

  private operationOf(service: Service, r: EmulatorRequest): string {
    if (service === 'sso') return ssoOperation(r.path);
    if (service === 'organizations') return organizationsOperation(r) ?? 'Unknown';
    if (service === 'iam') return iamOperation(r);
    if (service === 'sso-oidc') return isSsoOidcPath(r.path) ? SSO_OIDC_PATHS[r.path] : 'CreateToken';
    if (service === 'sso-authorize') return 'Authorize';
    if (service === 'sts') return stsOperation(r);
    return operationOf(REST_SERVICES[service], r.method, r.path) ?? 'Unknown';
  }

  private record(
    service: Service,
    operation: string,
    r: EmulatorRequest,
    o: Partial<Outcome> & { status: number },
  ): void {
    this.log.add({
      time: new Date().toISOString(),
      receivedAt: r.receivedAt,
      service,
      operation,
      accountId: o.accountId ?? null,
      region: o.region ?? null,
      status: o.status,
      errorCode: o.errorCode ?? null,
      // The service's pipeline knows where its NextToken travels; a request a fault answered first
      // is judged by Security Hub's query parameter.
      nextPage: o.nextPage ?? Boolean([r.query.NextToken ?? []].flat()[0]),
    });
  }
}

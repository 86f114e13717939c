/**
 * The local AWS emulator: Security Hub, GuardDuty, Macie, Detective, STS, the SSO portal and SSO-OIDC
 * on 127.0.0.1, for tests, benchmarks and the demo. See README.md in this folder.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AwsDir, writeAwsDir } from './aws-dir';
import type { Faults } from './faults';
import type { RequestLogEntry } from './request-log';
import { type ParsedScenario, parseScenario, readScenarioFile, type Scenario } from './scenario-schema';
import { EmulatorServer } from './server';
import type { SignInState } from './sso-sign-in';
import { type StateView, stateView } from './state-view';
import { makeTlsMaterial } from './tls';

export type { AwsDir } from './aws-dir';
export { type Faults, NO_FAULTS } from './faults';
export {
  type GeneratedScenario,
  generatedAccessKeyId,
  generatedAccountId,
  generatedProfileName,
  generateScenario,
  STANDARD_REGIONS,
} from './generate';
export type { RequestLogEntry } from './request-log';
export { parseScenario, type Scenario, ScenarioError } from './scenario-schema';
export type { StateView } from './state-view';

/** This folder, whether loaded as CommonJS (tsx without "type": "module") or as ESM (vitest). */
const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

export const DEMO_SCENARIO_PATH = join(here, 'scenarios', 'demo.json');

export interface EmulatorOptions {
  scenario?: Scenario | string /* path to JSON */;
  port?: number /* 0 = free */;
  faults?: Partial<Faults>;
  tls?: boolean;
  /** Entries the request log keeps (default 100,000). */
  logCap?: number;
}

export interface RunningEmulator {
  url: string;
  tlsUrl: string | null;
  caPem: string | null;
  stop(): Promise<void>;
  setFaults(f: Partial<Faults>): void;
  requestLog(): RequestLogEntry[];
  /** Answers by error code (successes under "OK") since the last clearLog, for one service (signing name) or all. */
  answersByCode(service?: string): Record<string, number>;
  clearLog(): void;
  /** Full state as plain data (no secrets), for assertions. */
  state(): StateView;
  loadScenario(s: Scenario): void;
  /** Sign-in registrations, pending authorizations and their answers (approve, deny, settings). */
  signIn(): SignInState;
  /** Writes config, credentials, SSO token cache under <dir>/home/.aws/sso/cache, credential_process script.
   *  Every profile gets endpoint_url = this emulator. Returns the env a client process needs. */
  writeAwsDir(dir: string): Promise<AwsDir>;
}

function resolveScenario(input: Scenario | string | undefined): ParsedScenario {
  if (input === undefined) return readScenarioFile(DEMO_SCENARIO_PATH);
  if (typeof input === 'string') return readScenarioFile(input);
  return parseScenario(input);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const server = new EmulatorServer(resolveScenario(options.scenario), options.faults, options.logCap);
  const port = await server.listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  let tlsUrl: string | null = null;
  let caPem: string | null = null;
  if (options.tls) {
    try {
      const material = await makeTlsMaterial();
      tlsUrl = `https://127.0.0.1:${await server.listenTls(0, material.key, material.cert)}`;
      caPem = material.caPem;
    } catch (error) {
      await server.close();
      throw error;
    }
  }
  return {
    url,
    tlsUrl,
    caPem,
    stop: () => server.close(),
    setFaults: (f) => {
      server.faults.set(f);
    },
    requestLog: () => server.log.list(),
    answersByCode: (service) => server.log.answersByCode(service),
    clearLog: () => server.log.clear(),
    state: () => stateView(server.state),
    loadScenario: (s) => server.loadScenario(s),
    signIn: () => server.state.signIn,
    writeAwsDir: (dir) => writeAwsDir(dir, server.state.scenario, url),
  };
}

/**
 * The control API under /__emulator/ (unsigned, loopback only):
 *   GET state · POST scenario · POST faults · GET log · DELETE log
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import type { FaultInjector } from './faults';
import { isLoopback, newRequestId } from './http-util';
import type { RequestLog } from './request-log';
import { ScenarioError } from './scenario-schema';

export const CONTROL_PREFIX = '/__emulator/';

export interface ControlTarget {
  stateJson(): unknown;
  loadScenario(input: unknown): void;
  faults: FaultInjector;
  log: RequestLog;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': newRequestId(),
  });
  res.end(text);
}

export function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Buffer,
  target: ControlTarget,
) {
  if (!isLoopback(req)) return reply(res, 403, { error: 'The control API answers loopback clients only.' });
  const what = `${req.method} ${path.slice(CONTROL_PREFIX.length)}`;
  try {
    switch (what) {
      case 'GET state':
        return reply(res, 200, target.stateJson());
      case 'GET log':
        return reply(res, 200, target.log.list());
      case 'DELETE log':
        target.log.clear();
        return reply(res, 200, { cleared: true });
      case 'POST scenario':
        target.loadScenario(parse(body));
        return reply(res, 200, { loaded: true });
      case 'POST faults':
        return reply(res, 200, target.faults.set(parse(body) as object));
      default:
        return reply(res, 404, { error: `No control operation ${what}.` });
    }
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof SyntaxError) {
      return reply(res, 400, { error: error.message });
    }
    if (error instanceof ZodError) {
      const issues = error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      return reply(res, 400, { error: `Invalid faults: ${issues.join('; ')}` });
    }
    return reply(res, 500, { error: (error as Error).message });
  }
}

function parse(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8') || '{}');
}

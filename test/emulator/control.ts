/**
 * The control API under /__emulator/ (unsigned, loopback only):
 *   GET state · POST scenario · POST faults · GET log · DELETE log · GET answers[?service=]
 *   GET sso/authorizations · POST sso/approve · POST sso/deny · POST sso/settings
 * A sign-in left unanswered is the third answer a test can give: do nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError, z } from 'zod';
import type { FaultInjector } from './faults';
import { isLoopback, newRequestId } from './http-util';
import type { RequestLog } from './request-log';
import { ScenarioError } from './scenario-schema';
import type { SignInState } from './sso-sign-in';

export const CONTROL_PREFIX = '/__emulator/';

export interface ControlTarget {
  stateJson(): unknown;
  signIn(): SignInState;
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
  const [route = '', search = ''] = path.slice(CONTROL_PREFIX.length).split('?');
  const what = `${req.method} ${route}`;
  try {
    switch (what) {
      case 'GET state':
        return reply(res, 200, target.stateJson());
      case 'GET log':
        return reply(res, 200, target.log.list());
      case 'GET answers': {
        const service = new URLSearchParams(search).get('service') ?? undefined;
        return reply(res, 200, target.log.answersByCode(service));
      }
      case 'DELETE log':
        target.log.clear();
        return reply(res, 200, { cleared: true });
      case 'POST scenario':
        target.loadScenario(parse(body));
        return reply(res, 200, { loaded: true });
      case 'POST faults':
        return reply(res, 200, target.faults.set(parse(body) as object));
      case 'GET sso/authorizations':
        return reply(res, 200, target.signIn().pending());
      case 'POST sso/approve':
      case 'POST sso/deny': {
        const which = signInAnswer.parse(parse(body)).id;
        const answered = target.signIn().answer(what.endsWith('approve') ? 'approved' : 'denied', which);
        return reply(res, 200, { answered });
      }
      case 'POST sso/settings': {
        const signIn = target.signIn();
        signIn.settings = { ...signIn.settings, ...signInSettings.parse(parse(body)) };
        return reply(res, 200, signIn.settings);
      }
      default:
        return reply(res, 404, { error: `No control operation ${what}.` });
    }
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof SyntaxError) {
      return reply(res, 400, { error: error.message });
    }
    if (error instanceof ZodError) {
      const issues = error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      return reply(res, 400, { error: `Invalid input: ${issues.join('; ')}` });
    }
    return reply(res, 500, { error: (error as Error).message });
  }
}

/** No id: every pending authorization; an id or a device flow's user code: that one. */
const signInAnswer = z.strictObject({ id: z.string().min(1).optional() });
const signInSettings = z.strictObject({
  autoApprove: z.boolean().optional(),
  deviceCodeSeconds: z.number().int().min(1).max(3600).optional(),
  intervalSeconds: z.number().int().min(0).max(60).optional(),
  accessTokenSeconds: z.number().int().min(1).max(86_400).optional(),
});

function parse(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8') || '{}');
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Channel, type Handlers, requestSchemas } from '../../contract/api';
import { createInvoke } from '../../main/core/invoke';
import { type AppError, AppErrorException, appError, type Result } from '../../main/domain/errors';
import { bindIpc, createDispatch, type InvokeEvent, isTrustedUrl, parseTrustedOrigin } from '../../main/shell/bind-ipc';

const channels = Object.keys(requestSchemas) as Channel[];
const origins = [parseTrustedOrigin('app://renderer/'), parseTrustedOrigin('http://localhost:5173/')];

function fakeHandlers() {
  const calls: { channel: Channel; request: unknown }[] = [];
  const handlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      vi.fn(async (request: unknown) => {
        calls.push({ channel, request });
        return { echo: request ?? null };
      }),
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

const topFrame = (url = 'app://renderer/index.html'): InvokeEvent => ({ senderFrame: { url, parent: null } });

function expectError(result: Result<unknown>, kind: AppError['kind']): AppError {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected an error');
  expect(result.error.kind).toBe(kind);
  expect(result.error.message.length).toBeGreaterThan(0);
  return result.error;
}

let h: ReturnType<typeof fakeHandlers>;
let onUnexpectedError: ReturnType<typeof vi.fn<(channel: string, error: unknown) => void>>;
let dispatch: ReturnType<typeof createDispatch>;

beforeEach(() => {
  h = fakeHandlers();
  onUnexpectedError = vi.fn<(channel: string, error: unknown) => void>();
  dispatch = createDispatch(createInvoke(h.handlers, { onUnexpectedError }), { origins });
});

describe('dispatch', () => {
  it('passes a valid request from the app page to its handler and wraps the value', async () => {
    const request = { profile: 'admin', region: 'us-east-1' };
    const result = await dispatch(topFrame(), 'products:list', request);
    expect(result).toEqual({ ok: true, value: { echo: request } });
    expect(h.calls).toEqual([{ channel: 'products:list', request }]);
  });

  it('accepts the dev server origin when it is trusted', async () => {
    const result = await dispatch(topFrame('http://localhost:5173/'), 'app:info', undefined);
    expect(result.ok).toBe(true);
  });

  it.each([['no:such-channel'], ['__proto__'], ['toString'], [42], [null], [Object.create(null)], [{ toString: 1 }]])(
    'refuses the unknown channel %s without calling a handler',
    async (channel) => {
      expectError(await dispatch(topFrame(), channel, {}), 'unknown-channel');
      expect(h.calls).toEqual([]);
    },
  );

  it('refuses a sub-frame sender', async () => {
    const event = { senderFrame: { url: 'app://renderer/index.html', parent: { url: 'app://renderer/index.html' } } };
    expectError(await dispatch(event, 'app:info', undefined), 'forbidden-sender');
    expect(h.calls).toEqual([]);
  });

  it('refuses a destroyed frame', async () => {
    expectError(await dispatch({ senderFrame: null }, 'app:info', undefined), 'forbidden-sender');
    expect(h.calls).toEqual([]);
  });

  it.each([
    'https://evil.example/',
    'app://evil/index.html',
    'http://localhost:5174/',
    'file:///work/main/out/renderer/index.html',
    'app://renderer.evil/',
    'about:blank',
    '',
  ])('refuses the foreign origin %s', async (url) => {
    expectError(await dispatch(topFrame(url), 'clipboard:write', { text: 'x' }), 'forbidden-sender');
    expect(h.calls).toEqual([]);
  });

  it.each([
    ['clipboard:write', { text: 42 }],
    ['clipboard:write', { text: 'x', extra: true }],
    ['invitation:accept', { profile: 'p', region: 'us-east-1', administratorId: '123', invitationId: 'i' }],
    ['refresh:start', { scope: { kind: 'everything' } }],
    ['members:invite', { profile: 'p', region: 'not-a-region', accountIds: ['111111111111'] }],
    ['mfa:answer', { promptId: 'p', code: '12345' }],
    ['settings:update', { concurrency: 0 }],
  ] as const)('refuses a %s payload that fails its schema', async (channel, payload) => {
    const error = expectError(await dispatch(topFrame(), channel, payload), 'invalid-request');
    expect(error.message).toContain(channel);
    expect(h.calls).toEqual([]);
  });

  it('gives the handler the parsed request, not the raw payload', async () => {
    await dispatch(topFrame(), 'settings:get', {});
    expect(h.calls).toEqual([{ channel: 'settings:get', request: {} }]);
  });

  it('turns an AppErrorException into its AppError', async () => {
    const typed = appError('service-off', 'Security Hub is off in eu-west-1.', { remediation: 'Enable it.' });
    vi.mocked(h.handlers['service:enable']).mockRejectedValueOnce(new AppErrorException(typed));
    const result = await dispatch(topFrame(), 'service:enable', {
      profile: 'p',
      region: 'eu-west-1',
      enableDefaultStandards: false,
    });
    expect(result).toEqual({ ok: false, error: typed });
    expect(onUnexpectedError).not.toHaveBeenCalled();
  });

  it('turns a plain Error into an internal error without leaking its message', async () => {
    const secret = new Error('AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG');
    vi.mocked(h.handlers['app:info']).mockRejectedValueOnce(secret);
    const result = await dispatch(topFrame(), 'app:info', undefined);
    const error = expectError(result, 'internal');
    expect(JSON.stringify(error)).not.toContain('AKIA');
    expect(onUnexpectedError).toHaveBeenCalledExactlyOnceWith('app:info', secret);
  });

  it('turns a thrown non-Error value into an internal error', async () => {
    vi.mocked(h.handlers['app:info']).mockImplementationOnce(() => {
      throw 'boom';
    });
    expectError(await dispatch(topFrame(), 'app:info', undefined), 'internal');
  });
});

describe('isTrustedUrl', () => {
  it('compares parsed protocol and host, never prefixes', () => {
    const app = [parseTrustedOrigin('app://renderer/')];
    expect(isTrustedUrl('app://renderer/index.html?x#y', app)).toBe(true);
    expect(isTrustedUrl('app://renderer.evil.com/', app)).toBe(false);
    expect(isTrustedUrl('app://renderer@evil/', app)).toBe(false);
    expect(isTrustedUrl('app://renderer:8080/', app)).toBe(false);
    expect(isTrustedUrl('not a url', app)).toBe(false);
  });
});

describe('bindIpc', () => {
  function fakeIpcMain() {
    const handlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
    return {
      handlers,
      handle: vi.fn((channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      }),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    };
  }

  it('registers exactly the contract channels, each going through dispatch', async () => {
    const ipc = fakeIpcMain();
    const unbind = bindIpc(ipc, dispatch);
    expect([...ipc.handlers.keys()].sort()).toEqual([...channels].sort());
    expect(ipc.handle).toHaveBeenCalledTimes(channels.length);

    const listener = ipc.handlers.get('clipboard:write');
    expect(await listener?.(topFrame(), { text: 'hello' })).toEqual({ ok: true, value: { echo: { text: 'hello' } } });
    expectError(
      (await listener?.(topFrame('https://evil.example/'), { text: 'x' })) as Result<unknown>,
      'forbidden-sender',
    );

    unbind();
    expect(ipc.handlers.size).toBe(0);
  });
});

/**
 * The built preload (out/preload/index.cjs), run the way Electron's sandbox runs it: one CommonJS file
 * given a `require` that knows only `electron`. Checks that the page gets exactly one function per
 * contract channel plus onEvent, and nothing else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, EVENT_CHANNEL } from '../../contract/api';

const root = path.resolve(__dirname, '../..');
const bundlePath = path.join(root, 'out', 'preload', 'index.cjs');

interface Loaded {
  exposed: { key: string; value: Record<string, unknown> }[];
  required: string[];
  ipc: {
    invoke: ReturnType<typeof vi.fn>;
    on: ReturnType<typeof vi.fn>;
    removeListener: ReturnType<typeof vi.fn>;
  };
  context: vm.Context;
}

function loadPreload(): Loaded {
  const code = readFileSync(bundlePath, 'utf8');
  const exposed: Loaded['exposed'] = [];
  const required: string[] = [];
  const ipc = {
    invoke: vi.fn(async (channel: string, payload: unknown) => ({ ok: true, value: { channel, payload } })),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, value: Record<string, unknown>) => exposed.push({ key, value })),
    },
    ipcRenderer: ipc,
  };
  const fakeRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`A sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  const context = vm.createContext({ console });
  const wrapper = vm.runInContext(`(function (require, module, exports) {\n${code}\n})`, context, {
    filename: bundlePath,
  });
  wrapper(fakeRequire, module, module.exports);
  return { exposed, required, ipc, context };
}

beforeAll(() => {
  if (!existsSync(bundlePath)) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', timeout: 170_000 });
  }
}, 180_000);

describe('built preload bundle', () => {
  it('requires nothing but electron', () => {
    const { required } = loadPreload();
    expect([...new Set(required)]).toEqual(['electron']);
  });

  it('exposes one object, `api`, with exactly the contract methods and onEvent', () => {
    const { exposed } = loadPreload();
    expect(exposed.map((e) => e.key)).toEqual(['api']);
    const api = exposed[0]?.value ?? {};
    const expected = [...Object.values(API_METHODS), 'onEvent'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(Object.getOwnPropertyNames(api).sort()).toEqual(expected);
    for (const key of expected) expect(typeof api[key]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    for (const leak of ['ipcRenderer', 'require', 'invoke', 'send', 'electron', 'process'])
      expect(api).not.toHaveProperty(leak);
  });

  it('each method invokes its own channel with the payload and returns the reply', async () => {
    const { exposed, ipc } = loadPreload();
    const api = exposed[0]?.value as Record<string, (request?: unknown) => Promise<unknown>>;
    for (const [channel, method] of Object.entries(API_METHODS)) {
      ipc.invoke.mockClear();
      const payload = { probe: method };
      const reply = await api[method]?.(payload);
      expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(channel, payload);
      expect(reply).toEqual({ ok: true, value: { channel, payload } });
    }
    ipc.invoke.mockClear();
    await api.appInfo?.();
    expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith('app:info', undefined);
  });

  it('onEvent hands the listener only the payload and returns a working unsubscribe', () => {
    const { exposed, ipc } = loadPreload();
    const api = exposed[0]?.value as { onEvent: (listener: (event: unknown) => void) => () => void };
    const listener = vi.fn();
    const unsubscribe = api.onEvent(listener);
    expect(ipc.on).toHaveBeenCalledTimes(1);
    const [channel, wrapped] = ipc.on.mock.calls[0] as [string, (...args: unknown[]) => void];
    expect(channel).toBe(EVENT_CHANNEL);

    const ipcEvent = { sender: { send() {} }, ports: [], senderId: 0 };
    const payload = { type: 'menu', command: 'refresh' };
    wrapped(ipcEvent, payload);
    expect(listener).toHaveBeenCalledExactlyOnceWith(payload);

    unsubscribe();
    expect(ipc.removeListener).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, wrapped);
    expect(() => api.onEvent('not a function' as never)).toThrow('onEvent needs a function');
  });

  it('defines no globals of its own (only contextBridge reaches the page)', () => {
    const { context } = loadPreload();
    expect(Object.keys(context)).toEqual(['console']);
    expect(vm.runInContext('typeof ipcRenderer', context)).toBe('undefined');
    expect(vm.runInContext('typeof require', context)).toBe('undefined');
    expect(vm.runInContext('typeof api', context)).toBe('undefined');
  });
});

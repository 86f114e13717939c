/**
 * The built main process (out/main/index.js) started by plain Node with a minimal stand-in `electron`
 * injected through --require: checks what only the bundle can show — it loads, finds the built preload
 * and renderer beside it, binds the contract channels and serves app:// pages from out/renderer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSchemas } from '../../preload/api';

const root = path.resolve(__dirname, '../..');
const builtMain = path.join(root, 'out', 'main', 'index.js');
let dir: string;

// Plain CommonJS on purpose: it runs inside the child process, before the bundle.
const HOOK = String.raw`
const Module = require('node:module');
const path = require('node:path');
const { EventEmitter } = require('node:events');
const dir = process.env.FAKE_ELECTRON_DIR;
const report = { calls: [], channels: [], windows: [], schemes: [], protocolHandled: [], served: null, forbidden: null };
const app = new EventEmitter();
Object.assign(app, {
  isPackaged: false,
  setName: (n) => report.calls.push('setName:' + n),
  setAppUserModelId: (id) => report.calls.push('setAppUserModelId:' + id),
  setPath: (k, v) => report.calls.push('setPath:' + k),
  getPath: (n) => path.join(dir, n),
  getVersion: () => '9.9.9',
  getAppPath: () => process.cwd(),
  requestSingleInstanceLock: () => { report.calls.push('lock'); return true; },
  enableSandbox: () => report.calls.push('enableSandbox'),
  quit: () => { report.calls.push('quit'); },
  setBadgeCount: () => true,
  whenReady: () => new Promise((resolve) => setTimeout(() => { report.calls.push('ready'); resolve(); }, 20)),
});
class WebContents extends EventEmitter { send() {} setWindowOpenHandler(h) { this.openHandler = h; } }
class BrowserWindow extends EventEmitter {
  constructor(options) { super(); this.options = options; this.webContents = new WebContents(); report.windows.push(this); }
  loadURL(url) { this.url = url; return Promise.resolve(); }
  isDestroyed() { return false; } isFocused() { return true; } isMaximized() { return false; }
  getNormalBounds() { return { x: 0, y: 0, width: 1, height: 1 }; }
  show() {} focus() {} maximize() {} restore() {} isMinimized() { return false; } isVisible() { return true; }
}
const handlers = new Map();
const fake = {
  app,
  BrowserWindow,
  ipcMain: { handle: (c, h) => { report.channels.push(c); handlers.set(c, h); }, removeHandler() {} },
  protocol: {
    registerSchemesAsPrivileged: (s) => { report.calls.push('registerSchemesAsPrivileged'); report.schemes.push(...s); },
    handle: (scheme, h) => { report.protocolHandled.push(scheme); fake.protocolHandler = h; },
  },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {} } },
  shell: { openExternal: async () => {} },
  clipboard: { writeText() {} },
  dialog: { showSaveDialog: async () => ({ canceled: true }) },
  Menu: { buildFromTemplate: (t) => ({ t }), setApplicationMenu() {} },
  Tray: class { setToolTip() {} setContextMenu() {} on() {} destroy() {} },
  Notification: class { static isSupported() { return false; } },
  nativeImage: { createFromPath: () => ({ isEmpty: () => true }) },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fake : load.call(this, request, ...rest);
};
const started = Date.now();
const poll = setInterval(async () => {
  if (report.windows.length === 0 && Date.now() - started < 15000) return;
  clearInterval(poll);
  const win = report.windows[0];
  const res = await fake.protocolHandler(new Request('app://renderer/index.html'));
  report.served = { status: res.status, type: res.headers.get('content-type'), hasRoot: (await res.text()).includes('id="root"') };
  report.forbidden = (await fake.protocolHandler(new Request('app://renderer/..%2fmain%2findex.js'))).status;
  const info = await handlers.get('app:info')({ senderFrame: { url: 'app://renderer/index.html', parent: null } }, undefined);
  report.appInfo = info;
  report.windows = report.windows.map((w) => ({ url: w.url, webPreferences: w.options.webPreferences }));
  app.emit('will-quit', { preventDefault() {} });
  setTimeout(() => { process.stdout.write('REPORT' + JSON.stringify(report) + '\n'); process.exit(0); }, 200);
}, 50);
`;

beforeAll(() => {
  if (!existsSync(builtMain)) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', timeout: 170_000 });
  }
  dir = mkdtempSync(path.join(tmpdir(), 'shi-built-main-'));
  writeFileSync(path.join(dir, 'hook.cjs'), HOOK);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('built main process', () => {
  it('starts, binds the contract, and finds the built preload and renderer', () => {
    const result = spawnSync(process.execPath, ['--require', path.join(dir, 'hook.cjs'), builtMain], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        FAKE_ELECTRON_DIR: dir,
        SHI_USER_DATA: path.join(dir, 'userData'),
        ELECTRON_RENDERER_URL: '',
        AWS_CONFIG_FILE: path.join(dir, 'aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'aws-credentials'),
      },
    });
    const line = result.stdout.split('\n').find((l) => l.startsWith('REPORT'));
    expect(line, result.stderr).toBeDefined();
    const report = JSON.parse(line?.slice('REPORT'.length) ?? '{}');

    expect(report.calls.slice(0, 6)).toEqual([
      'setName:Security Hub Invitations',
      'setAppUserModelId:io.github.securityhub-invitations',
      'setPath:userData',
      'lock',
      'registerSchemesAsPrivileged',
      'enableSandbox',
    ]);
    expect(report.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(report.calls.indexOf('ready'));
    expect([...report.channels].sort()).toEqual(Object.keys(requestSchemas).sort());
    expect(report.protocolHandled).toEqual(['app']);

    const [win] = report.windows;
    expect(win.url).toBe('app://renderer/index.html');
    expect(win.webPreferences.preload).toBe(path.join(root, 'out', 'preload', 'index.cjs'));
    expect(existsSync(win.webPreferences.preload)).toBe(true);
    expect(report.served).toEqual({ status: 200, type: 'text/html; charset=utf-8', hasRoot: true });
    expect(report.forbidden).toBe(403);
    expect(report.appInfo).toMatchObject({ ok: true, value: { version: '9.9.9', demo: false } });
  });
});

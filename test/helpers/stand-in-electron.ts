/**
 * A minimal stand-in `electron` for running a BUILT main process (out/main/index.js, or one unpacked from
 * app.asar) under plain Node, injected with --require. It records what the app asked of Electron, waits
 * for the first window, asks the app:// handler for the page and app:info over IPC, then prints one
 * `REPORT{json}` line and exits.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

// Plain CommonJS on purpose: it runs inside the child process, before the bundle.
export const STAND_IN_ELECTRON_HOOK = String.raw`
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
  setBackgroundColor(color) { this.backgroundColor = color; }
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
  nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
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
  // A channel that talks to AWS runs in a worker thread (out/main/aws-worker.js): a profile the files
  // do not name is refused there.
  const frame = { senderFrame: { url: 'app://renderer/index.html', parent: null } };
  report.workerAnswer = await handlers.get('members:list')(frame, { profile: 'nobody', region: 'us-east-1', onlyAssociated: false });
  report.windows = report.windows.map((w) => ({ url: w.url, webPreferences: w.options.webPreferences }));
  app.emit('will-quit', { preventDefault() {} });
  setTimeout(() => { process.stdout.write('REPORT' + JSON.stringify(report) + '\n'); process.exit(0); }, 200);
}, 50);
`;

export interface StandInReport {
  calls: string[];
  channels: string[];
  protocolHandled: string[];
  windows: { url: string; webPreferences: { preload: string } }[];
  served: { status: number; type: string; hasRoot: boolean } | null;
  forbidden: number | null;
  appInfo: unknown;
  /** members:list for a profile nobody has, answered by a worker thread. */
  workerAnswer: unknown;
}

/** Runs `main` with the stand-in; `dir` holds the hook, userData and the (absent) AWS files. */
export function runWithStandInElectron(options: { main: string; cwd: string; dir: string }): {
  report: StandInReport | null;
  stderr: string;
} {
  const hook = path.join(options.dir, 'stand-in-electron.cjs');
  writeFileSync(hook, STAND_IN_ELECTRON_HOOK);
  const result = spawnSync(process.execPath, ['--require', hook, options.main], {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      ...process.env,
      FAKE_ELECTRON_DIR: options.dir,
      SHI_USER_DATA: path.join(options.dir, 'userData'),
      ELECTRON_RENDERER_URL: '',
      AWS_CONFIG_FILE: path.join(options.dir, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(options.dir, 'aws-credentials'),
    },
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('REPORT'));
  return { report: line ? (JSON.parse(line.slice('REPORT'.length)) as StandInReport) : null, stderr: result.stderr };
}

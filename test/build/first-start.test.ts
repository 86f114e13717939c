/**
 * A successful first start, simulated: `npm start`, `npm run dev` and `npm run demo` in a temp copy of the
 * project, as a fresh clone has it (no Electron binary), run Electron's own installer against a loopback
 * mirror serving a fake release zip (with its SHASUMS256.txt, the file names @electron/get asks for), and
 * then launch the fake binary it extracted on the built app. Nothing lands in the repository: the temp copy
 * has its own `electron` package folder; every other dependency is linked to this checkout's node_modules
 * (what `npm ci` would install, without the network).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectProxy, startConnectProxy } from '../helpers/connect-proxy';
import {
  copyProjectAsFreshClone,
  ELECTRON_VERSION,
  type FakeMirror,
  forgetElectronBinary,
  serveFakeRelease,
} from '../helpers/fake-electron-release';
import { runProcess } from '../helpers/run-process';

const root = path.resolve(__dirname, '../..');
const zipName = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
// Records its arguments, working folder and the variables each start mode sets, as the real binary would be started.
const FAKE = [
  '#!/bin/sh',
  '{ echo "pwd=$(pwd)"; for a in "$@"; do echo "arg=$a"; done',
  '  echo "renderer=$ELECTRON_RENDERER_URL"; echo "demo=$SHI_DEMO"; echo "aws=$AWS_CONFIG_FILE"',
  '  [ -f out/main/index.js ] && echo "built=yes"; } > "$FAKE_ELECTRON_RECORD"',
  '',
].join('\n');

let mirror: FakeMirror;
let proxy: ConnectProxy;
let tmp = '';
let project = '';

beforeAll(async () => {
  mirror = await serveFakeRelease({ script: FAKE });
  // A forward proxy, as behind a corporate firewall.
  proxy = await startConnectProxy();
  tmp = mkdtempSync(path.join(tmpdir(), 'shi-first-start-'));
  project = path.join(tmp, 'project');
  copyProjectAsFreshClone(project);
});

afterAll(async () => {
  await mirror?.stop();
  await proxy?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function start(script: 'start' | 'dev' | 'demo', record: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ELECTRON_SKIP_BINARY_DOWNLOAD', 'ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_GET_USE_PROXY']) {
    delete env[name];
  }
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'])
    delete env[name];
  Object.assign(env, {
    ELECTRON_MIRROR: mirror.url,
    electron_use_remote_checksums: '1',
    electron_config_cache: path.join(tmp, 'cache'),
    FAKE_ELECTRON_RECORD: record,
    ...extraEnv,
  });
  // A start that never ends (the demo waiting without a window) fails here, not at vitest's timeout.
  return runProcess('npm', ['run', '--silent', script], { cwd: project, env, limitMs: 60_000 });
}

function recorded(record: string): string[] {
  return readFileSync(record, 'utf8').trim().split('\n');
}

describe.skipIf(process.platform === 'win32')('first start with a reachable mirror', () => {
  it('npm start downloads Electron once, then launches it on the built app', async () => {
    const record = path.join(tmp, 'record-start-1.txt');
    const first = await start('start', record);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Downloading Electron');
    expect(mirror.requests).toContain(`/v${ELECTRON_VERSION}/${zipName}`);
    expect(readFileSync(path.join(project, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    expect(existsSync(path.join(root, 'node_modules/electron/dist/electron'))).toBe(false);
    expect(recorded(record)).toEqual([`pwd=${project}`, 'arg=.', 'renderer=', 'demo=', 'aws=', 'built=yes']);

    const seen = mirror.requests.length;
    const second = await start('start', path.join(tmp, 'record-start-2.txt'));
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('Downloading Electron');
    expect(mirror.requests).toHaveLength(seen);
    expect(recorded(path.join(tmp, 'record-start-2.txt'))).toContain('arg=.');
  }, 120_000);

  it('npm run dev starts the fake Electron on the dev server', async () => {
    const record = path.join(tmp, 'record-dev.txt');
    const result = await start('dev', record);
    expect(result.status).toBe(0);
    const lines = recorded(record);
    expect(lines).toContain('arg=.');
    expect(lines.find((l) => l.startsWith('renderer='))).toMatch(/^renderer=http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/);
  }, 120_000);

  it('npm run demo starts the fake Electron against the emulator files', async () => {
    const record = path.join(tmp, 'record-demo.txt');
    const result = await start('demo', record);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = recorded(record);
    expect(lines).toContain(`arg=${project}`);
    expect(lines).toContain('demo=1');
    expect(lines.find((l) => l.startsWith('aws='))).toMatch(/^aws=.+shi-demo-.+config$/);
  }, 120_000);

  it('downloads through the proxy in HTTP_PROXY, without ELECTRON_GET_USE_PROXY', async () => {
    // As a fresh machine again: no binary, an empty cache.
    forgetElectronBinary(project);
    const record = path.join(tmp, 'record-proxy.txt');
    const result = await start('start', record, {
      HTTP_PROXY: proxy.url,
      electron_config_cache: path.join(tmp, 'cache-proxy'),
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(proxy.targets).toContain(`127.0.0.1:${mirror.port}`);
    expect(recorded(record)).toContain('arg=.');
  }, 120_000);
});

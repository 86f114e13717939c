/**
 * A successful first start, simulated: `npm start`, `npm run dev` and `npm run demo` in a temp copy of the
 * project, as a fresh clone has it (no Electron binary), run Electron's own installer against a loopback
 * mirror serving a fake release zip (with its SHASUMS256.txt, the file names @electron/get asks for), and
 * then launch the fake binary it extracted on the built app. Nothing lands in the repository: the temp copy
 * has its own `electron` package folder; every other dependency is linked to this checkout's node_modules
 * (what `npm ci` would install, without the network).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, get as httpGet, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';

const root = path.resolve(__dirname, '../..');
const version = (
  JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
// Records its arguments, working folder and the variables each start mode sets, as the real binary would be started.
const FAKE = [
  '#!/bin/sh',
  '{ echo "pwd=$(pwd)"; for a in "$@"; do echo "arg=$a"; done',
  '  echo "renderer=$ELECTRON_RENDERER_URL"; echo "demo=$SHI_DEMO"; echo "aws=$AWS_CONFIG_FILE"',
  '  [ -f out/main/index.js ] && echo "built=yes"; } > "$FAKE_ELECTRON_RECORD"',
  '',
].join('\n');

function buildZip(): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(FAKE), 'electron', { mode: 0o100755 });
  zip.addBuffer(Buffer.from(version), 'version');
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

let server: Server;
let port = 0;
let proxy: Server;
let proxyPort = 0;
const proxied: string[] = [];
const requests: string[] = [];
let tmp = '';
let project = '';

beforeAll(async () => {
  const zip = await buildZip();
  const sums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`;
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/v${version}/${zipName}`) res.end(zip);
    else if (req.url === `/v${version}/SHASUMS256.txt`) res.end(sums);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  // A forward proxy, as behind a corporate firewall: tunnels (CONNECT) and absolute-form requests both
  // end at the fake mirror, whatever host was asked for.
  proxy = createServer((req, res) => {
    proxied.push(req.url ?? '');
    const target = new URL(req.url ?? '/', 'http://unused.invalid');
    const upstream = httpGet({ host: '127.0.0.1', port, path: target.pathname }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
  });
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    proxied.push(`CONNECT ${req.url}`);
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyPort = (proxy.address() as { port: number }).port;

  tmp = mkdtempSync(path.join(tmpdir(), 'shi-first-start-'));
  project = path.join(tmp, 'project');
  // The files a clone has (tracked, or new and not ignored): no out/, no node_modules.
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  for (const file of files.split('\0').filter(Boolean)) {
    if (existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(project, file), { recursive: true });
  }
  // Every dependency is the worktree's own, except `electron`: its path.txt and dist/ are written on download.
  const modules = path.join(project, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(root, 'node_modules'))) {
    if (entry === 'electron') continue;
    symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry));
  }
  cpSync(path.join(root, 'node_modules/electron'), path.join(modules, 'electron'), { recursive: true });
  rmSync(path.join(modules, 'electron/path.txt'), { force: true });
  rmSync(path.join(modules, 'electron/dist'), { recursive: true, force: true });
});

afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  await new Promise<void>((r) => proxy?.close(() => r()));
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
    ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
    electron_use_remote_checksums: '1',
    electron_config_cache: path.join(tmp, 'cache'),
    FAKE_ELECTRON_RECORD: record,
    ...extraEnv,
  });
  // Asynchronous: the mirror is served from this same process, so a blocking spawn would starve it.
  const child = spawn('npm', ['run', '--silent', script], { cwd: project, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  // A start that never ends (the demo waiting without a window) fails here, not at vitest's timeout.
  const limit = setTimeout(() => child.kill('SIGTERM'), 60_000);
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (status) => {
      clearTimeout(limit);
      resolve({ status, stdout, stderr });
    });
  });
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
    expect(requests).toContain(`/v${version}/${zipName}`);
    expect(readFileSync(path.join(project, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    expect(existsSync(path.join(root, 'node_modules/electron/dist/electron'))).toBe(false);
    expect(recorded(record)).toEqual([`pwd=${project}`, 'arg=.', 'renderer=', 'demo=', 'aws=', 'built=yes']);

    const seen = requests.length;
    const second = await start('start', path.join(tmp, 'record-start-2.txt'));
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('Downloading Electron');
    expect(requests).toHaveLength(seen);
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

  it('downloads through the proxy in HTTP_PROXY when the mirror is only reachable that way', async () => {
    // As a fresh machine again: no binary, an empty cache.
    rmSync(path.join(project, 'node_modules/electron/path.txt'), { force: true });
    rmSync(path.join(project, 'node_modules/electron/dist'), { recursive: true, force: true });
    const record = path.join(tmp, 'record-proxy.txt');
    const result = await start('start', record, {
      // Resolvable by nobody: only the proxy can answer for it.
      ELECTRON_MIRROR: 'http://electron-mirror.invalid/',
      HTTP_PROXY: `http://127.0.0.1:${proxyPort}`,
      electron_config_cache: path.join(tmp, 'cache-proxy'),
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(proxied.join(' ')).toContain('electron-mirror.invalid');
    expect(recorded(record)).toContain('arg=.');
  }, 120_000);
});

/**
 * `electron-builder --dir` run for real, offline: its own Electron download goes to a loopback mirror
 * serving a fake release whose "binary" carries Electron's fuse wire, so every step runs as on a
 * workstation (download, asar, production dependencies, extra resources, the fuse flip). The unpacked app
 * is then checked: the fuses are the ones electron-builder.yml asks for, app.asar holds out/, package.json
 * and production dependencies only, and its main process starts from the unpacked asar with those alone
 * under a stand-in `electron`. Signing and the installers themselves (AppImage, deb) are not built here.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSchemas } from '../../contract/api';
import { ELECTRON_DEFAULT_FUSES, type FakeMirror, serveFakeRelease } from '../helpers/fake-electron-release';
import { runProcess } from '../helpers/run-process';
import { runWithStandInElectron } from '../helpers/stand-in-electron';

const root = path.resolve(__dirname, '../..');
const require = createRequire(path.join(root, 'package.json'));
// js-yaml comes with electron-builder (it reads the config with it) and ships no types.
const { load } = require('js-yaml') as { load(text: string): unknown };

let mirror: FakeMirror;
let tmp = '';
let project = '';
let unpacked = '';
let build: { status: number | null; output: string } = { status: null, output: '' };

/** The fuse order of @electron/fuses' FuseV1Options, with electron-builder.yml's names. */
const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];

async function runBuilder(env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  // electron-builder itself is a dev dependency: it runs from this checkout, on the project's production install.
  const builder = path.join(root, 'node_modules/electron-builder/cli.js');
  const electronVersion = (
    JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  ).version;
  const result = await runProcess(
    process.execPath,
    [builder, '--dir', '--linux', `-c.electronVersion=${electronVersion}`],
    {
      cwd: project,
      env,
      limitMs: 240_000,
      killSignal: 'SIGKILL',
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  if (process.platform !== 'linux') return;
  if (!existsSync(path.join(root, 'out/main/index.js'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  }
  mirror = await serveFakeRelease({ script: '#!/bin/sh\nexit 0\n', fuses: ELECTRON_DEFAULT_FUSES });
  tmp = mkdtempSync(path.join(tmpdir(), 'shi-package-dir-'));
  project = path.join(tmp, 'project');
  mkdirSync(project);
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  for (const file of files.split('\0').filter(Boolean)) {
    if (existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(project, file), { recursive: true });
  }
  cpSync(path.join(root, 'out'), path.join(project, 'out'), { recursive: true });
  // What `npm ci --omit=dev` installs, from the npm cache the checkout's own `npm ci` filled: electron-builder
  // collects the production dependencies from that tree with `npm list`. (A node_modules linked to the
  // checkout's full install lists dev packages as extraneous, and electron-builder then dropped
  // @aws-sdk/core from app.asar on some runs: a fault of the test's copy, not of a real project.)
  execFileSync('npm', ['ci', '--offline', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: project,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    stdio: 'ignore',
  });
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ELECTRON_SKIP_BINARY_DOWNLOAD', 'ELECTRON_OVERRIDE_DIST_PATH', 'CSC_LINK', 'CSC_NAME']) {
    delete env[name];
  }
  Object.assign(env, {
    ELECTRON_MIRROR: mirror.url,
    electron_use_remote_checksums: '1',
    // Every cache in the temp folder: nothing of the fake lands where a real download would be reused.
    electron_config_cache: path.join(tmp, 'electron-cache'),
    ELECTRON_BUILDER_CACHE: path.join(tmp, 'builder-cache'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
  });
  build = await runBuilder(env);
  unpacked = path.join(project, 'dist', 'linux-unpacked');
}, 300_000);

afterAll(async () => {
  await mirror?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('electron-builder --dir against a fake Electron release', () => {
  it('packs the app from the mirror', () => {
    expect(build.status, build.output).toBe(0);
    expect(mirror.requests.some((r) => r.endsWith('-linux-x64.zip') || r.endsWith(`-linux-${process.arch}.zip`))).toBe(
      true,
    );
    expect(existsSync(path.join(unpacked, 'securityhub-invitations'))).toBe(true);
  });

  it('flips the fuses electron-builder.yml asks for, leaving the others as Electron ships them', async () => {
    const config = load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
      electronFuses: Record<string, boolean>;
    };
    const wire = await getCurrentFuseWire(path.join(unpacked, 'securityhub-invitations'));
    const expected = FUSE_ORDER.map((name, i) => {
      const wanted = config.electronFuses[name];
      return wanted === undefined ? ELECTRON_DEFAULT_FUSES[i] : wanted ? '1' : '0';
    }).join('');
    const actual = FUSE_ORDER.map((_, i) =>
      String.fromCharCode((wire as unknown as Record<number, number>)[i] ?? 0),
    ).join('');
    expect(actual).toBe(expected);
    expect(actual).not.toBe(ELECTRON_DEFAULT_FUSES);
  });

  it('puts out/, package.json and production dependencies only into app.asar, and the tray icons beside it', () => {
    const asar = path.join(unpacked, 'resources', 'app.asar');
    const entries = listPackage(asar, { isPack: false });
    const top = new Set(entries.map((e) => e.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    for (const file of [
      '/out/main/index.js',
      '/out/main/cli.js',
      '/out/main/aws-worker.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(entries).toContain(file);
    }
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);

    const production = new Set(
      execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
        .split('\n')
        .map((line) => path.relative(path.join(root, 'node_modules'), line))
        .filter((rel) => rel && !rel.startsWith('..')),
    );
    const packed = entries
      .filter((e) => /^\/node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(e))
      .map((e) => e.slice('/node_modules/'.length, -'/package.json'.length));
    expect(packed.length).toBeGreaterThan(10);
    expect(packed.filter((name) => !production.has(name))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies)) expect(packed).toContain(name);
    for (const name of ['electron', 'react', 'vitest', 'typescript', '@cloudscape-design/components']) {
      expect(packed).not.toContain(name);
    }
    expect(readdirSync(path.join(unpacked, 'resources', 'tray')).sort()).toEqual([
      'tray.png',
      'tray@2x.png',
      'trayTemplate.png',
      'trayTemplate@2x.png',
    ]);
  });

  it('starts its main process from the unpacked asar with the packed dependencies alone', () => {
    const app = path.join(tmp, 'app');
    extractAll(path.join(unpacked, 'resources', 'app.asar'), app);
    const dir = path.join(tmp, 'stand-in');
    mkdirSync(dir);
    const { report, stderr } = runWithStandInElectron({ main: path.join(app, 'out/main/index.js'), cwd: app, dir });
    expect(report, stderr).not.toBeNull();
    expect([...(report?.channels ?? [])].sort()).toEqual(Object.keys(requestSchemas).sort());
    expect(report?.served).toEqual({ status: 200, type: 'text/html; charset=utf-8', hasRoot: true });
    expect(report?.appInfo).toMatchObject({ ok: true });
    // Its worker thread starts from the packed bundle and answers (Electron itself reads it from app.asar:
    // electron/electron#33216, and its own spec starts a worker_threads Worker from an .asar).
    expect(report?.workerAnswer).toMatchObject({ ok: false, error: { kind: 'no-credentials' } });
  });
});

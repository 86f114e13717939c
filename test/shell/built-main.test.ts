/**
 * The built main process (out/main/index.js) started by plain Node with a minimal stand-in `electron`
 * (test/helpers/stand-in-electron.ts): checks what only the bundle can show — it loads, finds the built preload
 * and renderer beside it, binds the contract channels and serves app:// pages from out/renderer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSchemas } from '../../contract/api';
import { runWithStandInElectron } from '../helpers/stand-in-electron';

const root = path.resolve(__dirname, '../..');
const builtMain = path.join(root, 'out', 'main', 'index.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(builtMain)) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', timeout: 170_000 });
  }
  dir = mkdtempSync(path.join(tmpdir(), 'shi-built-main-'));
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('built main process', () => {
  it('starts, binds the contract, and finds the built preload and renderer', () => {
    const { report, stderr } = runWithStandInElectron({ main: builtMain, cwd: root, dir });
    expect(report, stderr).not.toBeNull();
    if (!report) return;

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
    expect(win?.url).toBe('app://renderer/index.html');
    expect(win?.webPreferences.preload).toBe(path.join(root, 'out', 'preload', 'index.cjs'));
    expect(existsSync(win?.webPreferences.preload ?? '')).toBe(true);
    expect(report.served).toEqual({ status: 200, type: 'text/html; charset=utf-8', hasRoot: true });
    expect(report.forbidden).toBe(403);
    expect(report.appInfo).toMatchObject({ ok: true, value: { version: '9.9.9', demo: false } });
    // The worker thread started from the bundle beside index.js and answered.
    expect(report.workerAnswer).toMatchObject({ ok: false, error: { kind: 'no-credentials' } });
  });
});

#!/usr/bin/env node
/**
 * Starts the app (`.`), the dev server (`--dev`, electron-vite dev), the demo against the bundled emulator
 * (`--demo`, scripts/demo.ts) or packaging (`--dist`, electron-builder), after Electron's own lazy download
 * of its binary on the first start. Only when that download fails does it say so in one sentence and exit
 * non-zero, no stack trace; the demo alone goes on without Electron, for the command line.
 * Arguments after the mode are passed on; the environment and the exit code are forwarded. The binary found
 * here is handed on as ELECTRON_EXEC_PATH (the variable electron-vite reads), so no tool looks for it again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(projectDir, 'package.json'));

/** The one sentence shown when Electron's own download fails; `reason` is that download's error. */
function downloadFailed(reason) {
  return `Electron's binary could not be downloaded (${reason}); behind a firewall set ELECTRON_MIRROR (and HTTPS_PROXY) and run this command again.`;
}

/**
 * The Electron executable, downloading it first through the electron package's own installer
 * (Electron 45 has no install script: the binary is fetched lazily), so ELECTRON_MIRROR, proxies and
 * electron_config_cache apply exactly as Electron documents. Returns { path } or { error }.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { error: downloadFailed('the electron package is not installed; run `npm ci`') };
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let relative = '';
  try {
    relative = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    // No path.txt yet: the binary has never been downloaded on this machine.
  }
  if (override) {
    const binary = path.join(override, relative || 'electron');
    // An explicit override is never downloaded into; a wrong one is named, not papered over.
    return existsSync(binary)
      ? { path: binary }
      : { error: downloadFailed(`ELECTRON_OVERRIDE_DIST_PATH has no ${binary}`) };
  }
  const installed = relative && existsSync(path.join(packageDir, 'dist', relative));
  if (!installed) {
    console.log('Downloading Electron (first start on this machine)...');
    // Its installer is run directly so its own error can be shown in one sentence, no stack trace.
    const result = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
      cwd: packageDir,
      env: installerEnv(process.env),
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      const lines = String(result.stderr ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('at '));
      const reason = lines.find((line) => /error/i.test(line)) ?? lines[0] ?? 'the installer exited with an error';
      // "fetch failed" alone does not say from where: name the mirror that was tried.
      const mirror = process.env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
      return { error: downloadFailed(`${reason.replace(/\.$/, '')}, from ${mirror}`) };
    }
  }
  try {
    const resolved = require('electron');
    if (typeof resolved === 'string' && existsSync(resolved)) return { path: resolved };
    return { error: downloadFailed('the downloaded binary is missing') };
  } catch (error) {
    return { error: downloadFailed(error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * The installer's environment. @electron/get goes through HTTPS_PROXY / HTTP_PROXY / NO_PROXY only when
 * ELECTRON_GET_USE_PROXY is set (Electron's installation docs); someone who has set a proxy means it, so it
 * is switched on for them unless they set it themselves.
 */
function installerEnv(env) {
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name]);
  return proxied && env.ELECTRON_GET_USE_PROXY === undefined ? { ...env, ELECTRON_GET_USE_PROXY: 'true' } : env;
}

/** A package's bin script, run with this Node (works the same on every platform). */
function binScript(pkg, bin) {
  const packageJsonPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  return path.join(path.dirname(packageJsonPath), entry);
}

function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: projectDir, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error(`Could not start ${path.basename(command)}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

const [mode = '.', ...rest] = process.argv.slice(2);
const electron = electronBinary();
if (electron.error) {
  console.error(electron.error);
  // The demo is still useful without a window: it keeps the emulator up for the command line.
  if (mode !== '--demo') process.exit(1);
}
const env = electron.path ? { ...process.env, ELECTRON_EXEC_PATH: electron.path } : process.env;

if (mode === '--dist') {
  run(process.execPath, [binScript('electron-builder', 'electron-builder'), ...rest], env);
} else if (mode === '--dev') {
  run(process.execPath, [binScript('electron-vite', 'electron-vite'), 'dev', ...rest], env);
} else if (mode === '--demo') {
  const demoEnv = electron.path ? env : { ...env, SHI_DEMO_NO_ELECTRON: electron.error };
  run(process.execPath, ['--import', 'tsx', path.join(projectDir, 'scripts/demo.ts'), ...rest], demoEnv);
} else {
  run(electron.path, [mode, ...rest], env);
}

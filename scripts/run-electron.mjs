#!/usr/bin/env node
/**
 * Starts the app (`.`), the dev server (`--dev`, electron-vite dev) or packaging (`--dist`,
 * electron-builder), after checking that Electron's binary is installed. Where it is missing (its
 * download is blocked on some machines) it says so in one sentence and exits non-zero, no stack trace.
 * Arguments after the mode are passed on; the environment and the exit code are forwarded.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(projectDir, 'package.json'));

const MISSING =
  "Electron's binary is not installed on this machine (its download is blocked here); on a workstation run `npm install` with network access, then `npm start`.";

/**
 * The Electron executable, or null when it is not installed. Looks before calling require('electron'),
 * because that call tries to download the binary when it is missing.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  let relative = null;
  try {
    relative = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    // No path.txt: the postinstall download never ran or failed.
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const expected = override
    ? path.join(override, relative || 'electron')
    : relative && path.join(packageDir, 'dist', relative);
  if (!expected || !existsSync(expected)) return null;
  try {
    const resolved = require('electron');
    return typeof resolved === 'string' && existsSync(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

/** A package's bin script, run with this Node (works the same on every platform). */
function binScript(pkg, bin) {
  const packageJsonPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  return path.join(path.dirname(packageJsonPath), entry);
}

function run(command, args) {
  const child = spawn(command, args, { cwd: projectDir, stdio: 'inherit', env: process.env });
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
if (!electron) {
  const command = mode === '--dist' ? 'npm run dist' : mode === '--dev' ? 'npm run dev' : 'npm start';
  console.error(MISSING.replace('`npm start`', `\`${command}\``));
  process.exit(1);
}

if (mode === '--dist') {
  run(process.execPath, [binScript('electron-builder', 'electron-builder'), ...rest]);
} else if (mode === '--dev') {
  run(process.execPath, [binScript('electron-vite', 'electron-vite'), 'dev', ...rest]);
} else {
  run(electron, [mode, ...rest]);
}

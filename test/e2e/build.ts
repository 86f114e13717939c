/**
 * The browser suite runs the BUILT renderer and preload (what ships), never sources. `npm test` builds
 * first; a bare `vitest run --project e2e` builds here when the output is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(REPO_ROOT, 'out/renderer');
export const PRELOAD_BUNDLE = path.join(REPO_ROOT, 'out/preload/index.cjs');
export const CLI_BUNDLE = path.join(REPO_ROOT, 'out/main/cli.js');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

export function ensureBuilt(): void {
  if (existsSync(path.join(RENDERER_DIR, 'index.html')) && existsSync(PRELOAD_BUNDLE)) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (!existsSync(path.join(RENDERER_DIR, 'index.html')) || !existsSync(PRELOAD_BUNDLE)) {
    throw new Error('`npx electron-vite build` did not produce out/renderer/index.html and out/preload/index.cjs.');
  }
}

/**
 * The CommonJS main build must not require() an ESM-only dependency: those are bundled instead
 * (electron.vite.config.ts, externalizeDeps.exclude). Reads the built files; builds them if absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const outMain = path.join(root, 'out', 'main');
const ESM_ONLY = ['proxy-agent', 'conf', 'electron-store'];

beforeAll(() => {
  if (!existsSync(path.join(outMain, 'index.js'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'ignore',
    });
  }
}, 120_000);

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? builtFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [],
  );
}

describe('out/main', () => {
  it.each(ESM_ONLY)('does not require("%s") at run time', (name) => {
    const files = builtFiles(outMain);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).not.toContain(`require("${name}")`);
    }
  });
});

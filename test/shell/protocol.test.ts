import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, createAppProtocolHandler, resolveAppPath } from '../../main/shell/protocol';

const root = path.resolve('/srv/app/renderer');

describe('resolveAppPath', () => {
  it('maps app://renderer paths into the renderer folder', () => {
    expect(resolveAppPath(root, APP_ENTRY_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://renderer/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://renderer/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath(root, 'app://renderer/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    'app://renderer/../secret.txt',
    'app://renderer/assets/../../secret.txt',
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/%2E%2E/%2e%2e/etc/passwd',
    'app://renderer/.%2e/secret.txt',
    'app://renderer/assets/..%2f..%2fsecret.txt',
    'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://renderer/./index.html',
    'app://renderer/..\\secret.txt',
    'app://renderer/assets%5c..%5csecret.txt',
    'app://renderer//etc/passwd',
    'app://renderer/%2Fetc%2Fpasswd',
    'app://renderer/C:/Windows/win.ini',
    'app://renderer/C%3A%5CWindows%5Cwin.ini',
    'app://renderer/index.html%00.png',
    'app://renderer/%E0%A4%A',
  ])('rejects %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it.each(['app://evil/index.html', 'file:///srv/app/renderer/index.html', 'https://renderer/index.html', 'not a url'])(
    'rejects another scheme or host: %s',
    (url) => {
      expect(resolveAppPath(root, url)).toBeNull();
    },
  );
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  let rendererDir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'shi-protocol-'));
    rendererDir = path.join(dir, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ok</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves files from the renderer folder with their content type', async () => {
    const handle = createAppProtocolHandler(rendererDir);
    const page = await handle(new Request('app://renderer/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>ok</title>');

    const script = await handle(new Request('app://renderer/assets/main.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers 404 for a missing file, 403 for traversal, 405 for other methods', async () => {
    const handle = createAppProtocolHandler(rendererDir);
    expect((await handle(new Request('app://renderer/missing.js'))).status).toBe(404);
    // A Request normalises literal dot segments, so an encoded separator is what a traversal looks like here.
    const traversal = await handle(new Request('app://renderer/assets/..%2f..%2fsecret.txt'));
    expect(traversal.status).toBe(403);
    expect(await traversal.text()).not.toContain('do not serve');
    expect((await handle(new Request('app://renderer/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

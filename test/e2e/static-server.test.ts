import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticPath, type StaticServer, startStaticServer } from './static-server';

/** A raw GET that keeps the path exactly as written (fetch would normalise `..` away). */
function rawGet(url: string, rawPath: string): Promise<{ status: number; type: string | undefined; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server for the built renderer', () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'shi-static-'));
    root = path.join(base, 'site');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'export {};');
    await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
    await writeFile(path.join(base, 'secret.txt'), 'outside the root');
    server = await startStaticServer(root);
  });
  afterAll(async () => {
    await server.close();
    await rm(path.dirname(root), { recursive: true, force: true });
  });

  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves files with their content types, and index.html for /', async () => {
    expect(await rawGet(server.url, '/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await rawGet(server.url, '/assets/app.js')).toMatchObject({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      body: 'export {};',
    });
    expect((await rawGet(server.url, '/assets/app.css?v=1')).type).toBe('text/css; charset=utf-8');
    expect((await rawGet(server.url, '/missing.js')).status).toBe(404);
    expect((await rawGet(server.url, '/assets')).status).toBe(404);
  });

  it('refuses every way out of the root folder', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/a%00.js',
    ]) {
      const res = await rawGet(server.url, attempt);
      expect(res.status, attempt).toBe(400);
      expect(res.body).not.toContain('outside the root');
    }
  });

  it('resolveStaticPath keeps paths inside the root', () => {
    expect(resolveStaticPath('/srv/site', '/')).toBe(path.resolve('/srv/site/index.html'));
    expect(resolveStaticPath('/srv/site', '/assets/x.js')).toBe(path.resolve('/srv/site/assets/x.js'));
    expect(resolveStaticPath('/srv/site', '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/site', '/%E0%A4%A')).toBeNull();
  });
});

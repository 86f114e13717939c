/**
 * The command line's opener for sign-in pages, with a stand-in `xdg-open` first on PATH that records
 * what it was given and exits as told: only a page the sign-in named, over https (or http to this
 * computer), reaches it; a file: URL never does, even when the start URL is one; and an opener that
 * fails (no display) is reported as not opened.
 */

import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSignInPageFromTerminal } from '../../main/cli/open-browser';
import { signInOrigins } from '../../main/core/aws/sso-sign-in/sign-in-pages';

let dir: string;
let record: string;
const previousPath = process.env.PATH;

async function opener(exitCode: number) {
  await writeFile(path.join(dir, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${record}'\nexit ${exitCode}\n`);
  await chmod(path.join(dir, 'xdg-open'), 0o755);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shi-opener-'));
  record = path.join(dir, 'opened.txt');
  process.env.PATH = `${dir}:${previousPath}`;
});
afterAll(async () => {
  process.env.PATH = previousPath;
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await rm(record, { force: true });
});

describe.runIf(process.platform === 'linux')('openSignInPageFromTerminal', () => {
  it('opens the /authorize page of the sign-in’s endpoint', async () => {
    await opener(0);
    const origins = signInOrigins('https://oidc.eu-west-1.amazonaws.com', 'https://d-1234567890.awsapps.com/start');
    const url = 'https://oidc.eu-west-1.amazonaws.com/authorize?client_id=x';
    expect(await openSignInPageFromTerminal(url, origins)).toBe(true);
    expect(await readFile(record, 'utf8')).toBe(`${url}\n`);
  });

  it('never hands a file: URL to the opener, even when the start URL is one (origin "null")', async () => {
    await opener(0);
    const origins = signInOrigins('https://oidc.eu-west-1.amazonaws.com', 'file:///etc/passwd');
    expect(origins).not.toContain('null');
    for (const url of ['file:///etc/passwd/#/device?user_code=ABCD-EFGH', 'javascript:alert(1)//']) {
      expect(await openSignInPageFromTerminal(url, [...origins, 'null']), url).toBe(false);
    }
    expect(existsSync(record)).toBe(false);
  });

  it('refuses plain http to another host, allows it to 127.0.0.1', async () => {
    await opener(0);
    expect(await openSignInPageFromTerminal('http://oidc.example/authorize', ['http://oidc.example'])).toBe(false);
    expect(await openSignInPageFromTerminal('http://127.0.0.1:4566/authorize', ['http://127.0.0.1:4566'])).toBe(true);
    expect(await readFile(record, 'utf8')).toBe('http://127.0.0.1:4566/authorize\n');
  });

  it('reports an opener that fails (xdg-open without a display exits 3) as not opened', async () => {
    await opener(3);
    const url = 'https://oidc.eu-west-1.amazonaws.com/authorize?client_id=x';
    expect(await openSignInPageFromTerminal(url, ['https://oidc.eu-west-1.amazonaws.com'])).toBe(false);
  });
});

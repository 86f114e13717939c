/**
 * The one reader of named files: regular files only, a FIFO refused without blocking, and the
 * limit counted on the bytes read (a /proc file reports size 0 and still holds text).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegularFile, readRegularFileSync } from '../../../main/core/storage/regular-file';
import { makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

const both = [
  ['readRegularFile', (file: string, max: number) => readRegularFile(file, max)],
  ['readRegularFileSync', async (file: string, max: number) => readRegularFileSync(file, max)],
] as const;

describe.each(both)('%s', (_name, read) => {
  it('reads a regular file, through a symbolic link too', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[default]\nregion = eu-west-1\n');
    fs.symlinkSync(file, path.join(dir, 'link'));
    for (const name of [file, path.join(dir, 'link')]) {
      const result = await read(name, 1024);
      expect(result.ok && result.bytes.toString('utf8')).toBe('[default]\nregion = eu-west-1\n');
    }
  });

  it('refuses a FIFO at once, with no writer on the other end', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const result = await read(fifo, 1024);
    expect(result).toMatchObject({
      ok: false,
      reason: 'not-regular',
      error: { kind: 'config', message: `${fifo} is a FIFO, not a regular file.` },
    });
  });

  it('refuses a device and a folder by what they are', async () => {
    expect(await read('/dev/zero', 1024)).toMatchObject({
      reason: 'not-regular',
      error: { message: '/dev/zero is a character device, not a regular file.' },
    });
    expect(await read(dir, 1024)).toMatchObject({
      reason: 'not-regular',
      error: { message: `${dir} is a folder, not a regular file.` },
    });
  });

  it('takes exactly the limit and refuses one byte more', async () => {
    const file = path.join(dir, 'data');
    fs.writeFileSync(file, 'x'.repeat(100));
    expect((await read(file, 100)).ok).toBe(true);
    expect(await read(file, 99)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it.skipIf(!fs.existsSync('/proc/self/status'))('counts the bytes read, not the size stat reports', async () => {
    // A /proc file is a regular file whose stat size is 0.
    expect(fs.statSync('/proc/self/status').size).toBe(0);
    expect(await read('/proc/self/status', 64)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('says a missing file is missing', async () => {
    expect(await read(path.join(dir, 'nope'), 10)).toMatchObject({ ok: false, reason: 'missing', code: 'ENOENT' });
  });
});

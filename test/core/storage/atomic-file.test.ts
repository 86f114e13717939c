/**
 * replaceFileWithParts writes its parts a group at a time: the file holds every part in order, and
 * the parts are taken from their generator as they are written (a group is on disk before the next
 * is made), so a save of 68,000 rows never makes nor hands over all its parts in one go.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceFileWithParts } from '../../../main/core/storage/atomic-file';
import { makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

const PART = 10;
const partOf = (i: number) => Buffer.from(String(i).padStart(PART, '0'));

/** The bytes written so far to the save's temporary file (the only file beside the target). */
function writtenSoFar(): number {
  const temp = fs.readdirSync(dir).find((name) => name.endsWith('.tmp'));
  return temp ? fs.statSync(path.join(dir, temp)).size : 0;
}

describe('replaceFileWithParts', () => {
  it('writes every part in order, taking them from the generator a group at a time', async () => {
    const file = path.join(dir, 'snapshots.json');
    fs.writeFileSync(file, 'old');
    const writtenWhenMade: number[] = [];
    function* parts() {
      for (let i = 0; i < 2500; i++) {
        writtenWhenMade.push(writtenSoFar());
        yield partOf(i);
      }
    }
    expect(await replaceFileWithParts(file, parts())).toBe(true);

    const expected = Buffer.concat(Array.from({ length: 2500 }, (_, i) => partOf(i)));
    expect(fs.readFileSync(file).equals(expected)).toBe(true);
    // The first group was made before anything was written; the second only once the first was on disk.
    expect(writtenWhenMade[0]).toBe(0);
    expect(writtenWhenMade[1023]).toBe(0);
    expect(writtenWhenMade[1024]).toBe(1024 * PART);
    expect(writtenWhenMade[2048]).toBe(2048 * PART);
    expect(fs.readdirSync(dir)).toEqual(['snapshots.json']);
  });
});

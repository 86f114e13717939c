/**
 * Replacing a stored file whole: the new text goes to a temp file in the same folder, which is
 * then renamed over the old name. A reader sees the old file or the new one, never half of one.
 *
 * The rename replaces whatever stands at the name: if settings.json is a symbolic link, the link
 * itself is replaced by a regular file and its target is left untouched. (conf's writer, atomically,
 * resolves the link first and replaces the target instead: a link planted in the settings folder
 * made the app overwrite any file its user may write.) The temp file is created exclusively and
 * without following a link, so a name planted in its place cannot redirect the write either.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const CREATE_FLAGS =
  fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

// Windows refuses a rename while another program (an indexer, an antivirus) has the file open.
const BUSY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
const RENAME_ATTEMPTS = 4;

/**
 * Parts per write call: as many as one writev takes (IOV_MAX is 1024 on Linux and macOS). Each call
 * costs this thread a moment per part it hands over, so a file of 136,000 parts (68,000 rows) written
 * in one call held it for about 40 ms; in groups, the loop turns between them.
 */
const WRITE_GROUP = 1024;

/** Writes `data` to `filePath` by temp file + rename; the folder is created when missing. */
export function replaceFileSync(filePath: string, data: string | Buffer, mode = 0o600): void {
  const dir = path.dirname(filePath);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, CREATE_FLAGS, mode);
  try {
    try {
      fs.writeFileSync(fd, data);
      // On disk before the rename: a crash right after must not leave an empty file under the name.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    renameRetrying(temp, filePath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * The same, with the writing and the flush to disk done off the calling thread (libuv's pool): a
 * file of tens of megabytes no longer holds the event loop. The parts are written as they are, never
 * joined into one buffer here, and taken from `parts` a group at a time (a generator makes them as
 * they are written, so making them does not hold the loop either). `beforeRename` is asked, on this
 * thread, right before the rename: false (a newer write already replaced the file) discards this one.
 * Resolves to whether the file was replaced; a failure removes the temp file and leaves the old file
 * in place.
 */
export async function replaceFileWithParts(
  filePath: string,
  parts: Iterable<Buffer>,
  options: { mode?: number; beforeRename?: () => boolean } = {},
): Promise<boolean> {
  const dir = path.dirname(filePath);
  await fs.promises.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.promises.open(temp, CREATE_FLAGS, options.mode ?? 0o600);
  try {
    try {
      for (const group of groupsOf(parts, WRITE_GROUP)) await writeAll(handle, group);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Synchronous, so that no other write of this thread comes between the check and the rename.
    if (options.beforeRename && !options.beforeRename()) {
      fs.rmSync(temp, { force: true });
      return false;
    }
    renameRetrying(temp, filePath);
    return true;
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function* groupsOf(parts: Iterable<Buffer>, size: number): Generator<Buffer[]> {
  let group: Buffer[] = [];
  for (const part of parts) {
    group.push(part);
    if (group.length < size) continue;
    yield group;
    group = [];
  }
  if (group.length > 0) yield group;
}

async function writeAll(handle: fs.promises.FileHandle, group: Buffer[]): Promise<void> {
  const { bytesWritten } = await handle.writev(group);
  const expected = group.reduce((sum, part) => sum + part.length, 0);
  // A regular file takes a whole writev unless the disk is full, which fails the call; say it if not.
  if (bytesWritten !== expected) throw new Error(`Only ${bytesWritten} of ${expected} bytes were written.`);
}

function renameRetrying(from: string, to: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !BUSY_CODES.has(code) || attempt >= RENAME_ATTEMPTS) throw error;
      // A short synchronous pause: the callers are synchronous, and the other program lets go quickly.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 * attempt);
    }
  }
}

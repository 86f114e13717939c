/**
 * The one way the app reads a file someone else may have named (AWS_CONFIG_FILE, a members CSV,
 * the CA bundle, the settings folder's own files): only a regular file is read, and never more
 * than the limit.
 *
 * - A FIFO would block `open` until a writer appears, and `read` until it writes: the app hung
 *   for good. The type is checked before opening (stat), and the open itself is non-blocking so
 *   that a file swapped for a FIFO in between cannot hang it either; fstat then checks the file
 *   actually opened.
 * - A device (/dev/zero, /dev/urandom) or a file under /proc reports a size that says nothing
 *   about what reading it yields: the limit is enforced on the bytes read (at most limit + 1),
 *   never on stat's size alone.
 * Symbolic links are followed: ~/.aws/config is often a link into a dotfiles folder.
 */
import fs from 'node:fs';
import { type AppError, appError } from '../../domain/errors';

export type RegularFileRead =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      /** missing: ENOENT; not-regular: a FIFO, folder, device or socket; too-large; unreadable: any other failure. */
      reason: 'missing' | 'not-regular' | 'too-large' | 'unreadable';
      /** The errno code, when the system gave one. */
      code: string | null;
      error: AppError;
    };

/** "a FIFO", "a folder", …, or null for a regular file. */
export function nonRegularKind(stats: fs.Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

/** "1 MB", "32 MB", "512 KB": limits are whole units in every door. */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function refusal(reason: 'missing' | 'not-regular' | 'too-large' | 'unreadable', code: string | null, message: string) {
  return {
    ok: false as const,
    reason,
    code,
    error: appError('config', message, {
      remediation: reason === 'not-regular' ? 'Point it at a regular file.' : null,
    }),
  };
}

function failure(filePath: string, error: unknown): RegularFileRead {
  const code = (error as NodeJS.ErrnoException).code ?? null;
  if (code === 'ENOENT') return refusal('missing', code, `${filePath} does not exist.`);
  return refusal('unreadable', code, `${filePath} cannot be read (${code ?? (error as Error).message}).`);
}

function notRegular(filePath: string, kind: string): RegularFileRead {
  return refusal('not-regular', null, `${filePath} is ${kind}, not a regular file.`);
}

function tooLarge(filePath: string, maxBytes: number): RegularFileRead {
  return refusal('too-large', null, `${filePath} is larger than ${byteSize(maxBytes)}.`);
}

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** Reads a regular file of at most `maxBytes` bytes; never blocks on a FIFO, never reads a device. */
export function readRegularFileSync(filePath: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    const kind = nonRegularKind(fs.statSync(filePath));
    if (kind) return notRegular(filePath, kind);
    fd = fs.openSync(filePath, OPEN_FLAGS);
  } catch (error) {
    return failure(filePath, error);
  }
  try {
    const kind = nonRegularKind(fs.fstatSync(fd));
    if (kind) return notRegular(filePath, kind);
    const chunks: Buffer[] = [];
    let total = 0;
    // One byte past the limit tells "too large" from "exactly the limit".
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    if (total > maxBytes) return tooLarge(filePath, maxBytes);
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return failure(filePath, error);
  } finally {
    fs.closeSync(fd);
  }
}

/** The same as readRegularFileSync, off the main thread. */
export async function readRegularFile(filePath: string, maxBytes: number): Promise<RegularFileRead> {
  let handle: fs.promises.FileHandle;
  try {
    const kind = nonRegularKind(await fs.promises.stat(filePath));
    if (kind) return notRegular(filePath, kind);
    handle = await fs.promises.open(filePath, OPEN_FLAGS);
  } catch (error) {
    return failure(filePath, error);
  }
  try {
    const kind = nonRegularKind(await handle.stat());
    if (kind) return notRegular(filePath, kind);
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxBytes) return tooLarge(filePath, maxBytes);
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return failure(filePath, error);
  } finally {
    await handle.close().catch(() => {});
  }
}

/**
 * What the settings store and the snapshot store share about their JSON files: reading one object
 * (never a FIFO, never past a limit), backing a damaged file up beside itself, setting an unreadable
 * one aside, telling a replaced file from the one read, and saying when a stored file is a link.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppError } from '../../domain/errors';
import { byteSize, readRegularFileSync } from './regular-file';

export type FileRead =
  | { state: 'missing' }
  | { state: 'object'; value: Record<string, unknown> }
  | { state: 'corrupt'; reason: string }
  /** Not a regular file, or the system refused to read it: there is no content to repair. */
  | { state: 'unreadable'; error: AppError };

export function readJsonObject(filePath: string, maxBytes: number): FileRead {
  const read = readRegularFileSync(filePath, maxBytes);
  if (!read.ok) {
    if (read.reason === 'missing') return { state: 'missing' };
    if (read.reason === 'too-large') return { state: 'corrupt', reason: `it is larger than ${byteSize(maxBytes)}` };
    const remediation =
      read.reason === 'not-regular'
        ? 'Move it away: the app keeps a regular file under this name.'
        : 'Check the permissions of the file and of its folder.';
    return { state: 'unreadable', error: { ...read.error, remediation } };
  }
  const text = read.bytes.toString('utf8');
  // An empty file holds nothing that could be lost (a crash between create and write leaves one).
  if (text.trim() === '') return { state: 'missing' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: 'corrupt', reason: 'it is not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { state: 'corrupt', reason: 'it does not hold a JSON object' };
  }
  return { state: 'object', value: value as Record<string, unknown> };
}

/**
 * Copies (or moves) a file to `<name>.corrupt-<ISO time>.json` beside itself and returns the new
 * path. `:` and `.` of the time become `-` so the name is valid on Windows too.
 */
export function backUpFile(filePath: string, now: Date, mode: 'copy' | 'move'): string {
  const dir = path.dirname(filePath);
  const base = path.basename(filePath, '.json');
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = path.join(dir, `${base}.corrupt-${stamp}.json`);
  for (let n = 2; fs.existsSync(target); n++) {
    target = path.join(dir, `${base}.corrupt-${stamp}-${n}.json`);
  }
  if (mode === 'move') fs.renameSync(filePath, target);
  else fs.copyFileSync(filePath, target, fs.constants.COPYFILE_EXCL);
  return target;
}

/**
 * Moves an unreadable file to `<name>.unreadable-<ISO time>` beside itself; null when it cannot
 * be moved (a folder that is not writable).
 */
export function setAsideFile(filePath: string, now: Date): string | null {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${filePath}.unreadable-${stamp}`;
  for (let n = 2; fs.existsSync(target); n++) target = `${filePath}.unreadable-${stamp}-${n}`;
  try {
    fs.renameSync(filePath, target);
    return target;
  } catch {
    return null;
  }
}

/**
 * Which file is there, as far as stat can tell: a replace (a new inode), a write (size, times) or
 * none (null). Another process (the command line) may have saved since the last read.
 */
export function fileStamp(filePath: string): string | null {
  try {
    const s = fs.statSync(filePath, { bigint: true });
    return s.isFile() ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : null;
  } catch {
    return null;
  }
}

/**
 * A stored file that is a symbolic link is read through it but replaced by a regular file at the
 * next write (replaceFileSync): said once, so that a link someone made on purpose is not lost unseen.
 */
export function noteLink(filePath: string, notices: string[]): void {
  let target: string;
  try {
    if (!fs.lstatSync(filePath).isSymbolicLink()) return;
    target = fs.readlinkSync(filePath);
  } catch {
    return;
  }
  notices.push(
    `${filePath} is a link to ${target}: it is read through the link, but saved as a regular file in its place; ${target} itself is never written.`,
  );
}

/**
 * A fake Electron release on 127.0.0.1, served the way @electron/get asks for it
 * (`v<version>/electron-v<version>-<platform>-<arch>.zip` and `v<version>/SHASUMS256.txt`, with
 * `ELECTRON_MIRROR` pointing here and `electron_use_remote_checksums` set), and a temp copy of the
 * project as a fresh clone has it. The "binary" in the zip is a shell script chosen by the test; it can
 * carry Electron's fuse wire (the sentinel @electron/fuses looks for, then the wire version, length and
 * one byte per fuse), so electron-builder's fuse step runs on it as on a real binary.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ZipFile } from 'yazl';

const root = path.resolve(import.meta.dirname, '../..');
export const ELECTRON_VERSION = (
  JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;

/** @electron/fuses' sentinel (its constants.js); the wire follows it. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's shipped defaults, in FuseV1Options order: RunAsNode on, cookie encryption off, NODE_OPTIONS
 * on, --inspect on, asar integrity off, only-load-from-asar off, browser V8 snapshot off, file:// extra
 * privileges on ('1' = 0x31 enabled, '0' = 0x30 disabled).
 */
export const ELECTRON_DEFAULT_FUSES = '10110001';

export interface FakeReleaseOptions {
  /** The shell script that stands in for the binary. */
  script: string;
  /** Appends a fuse wire (version 1) in a comment line of the script. */
  fuses?: string;
}

export interface FakeMirror {
  url: string;
  port: number;
  /** Paths asked for, in order. */
  requests: string[];
  stop(): Promise<void>;
}

export function fakeBinary(options: FakeReleaseOptions): Buffer {
  const wire = options.fuses
    ? `# ${FUSE_SENTINEL}${String.fromCharCode(1, options.fuses.length)}${options.fuses}\n`
    : '';
  return Buffer.from(options.script + wire, 'latin1');
}

function zip(binary: Buffer): Promise<Buffer> {
  const file = new ZipFile();
  file.addBuffer(binary, 'electron', { mode: 0o100755 });
  file.addBuffer(Buffer.from(ELECTRON_VERSION), 'version');
  file.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    file.outputStream.on('data', (c: Buffer) => chunks.push(c));
    file.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    file.outputStream.on('error', reject);
  });
}

export async function serveFakeRelease(options: FakeReleaseOptions): Promise<FakeMirror> {
  const zipName = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
  const body = await zip(fakeBinary(options));
  const sums = `${createHash('sha256').update(body).digest('hex')} *${zipName}\n`;
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/v${ELECTRON_VERSION}/${zipName}`) res.end(body);
    else if (req.url === `/v${ELECTRON_VERSION}/SHASUMS256.txt`) res.end(sums);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * The files a clone has (tracked, or new and not ignored: no out/, no node_modules) copied to `project`,
 * with every dependency linked to this checkout's node_modules (what `npm ci` installs, without the
 * network) except `electron`, which gets its own copy without a downloaded binary.
 */
export function copyProjectAsFreshClone(project: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  for (const file of files.split('\0').filter(Boolean)) {
    if (existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(project, file), { recursive: true });
  }
  const modules = path.join(project, 'node_modules');
  mkdirSync(modules, { recursive: true });
  for (const entry of readdirSync(path.join(root, 'node_modules'))) {
    if (entry === 'electron') continue;
    symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry));
  }
  cpSync(path.join(root, 'node_modules/electron'), path.join(modules, 'electron'), { recursive: true });
  forgetElectronBinary(project);
}

/** As on a machine that never downloaded Electron: no path.txt, no dist/. */
export function forgetElectronBinary(project: string): void {
  rmSync(path.join(project, 'node_modules/electron/path.txt'), { force: true });
  rmSync(path.join(project, 'node_modules/electron/dist'), { recursive: true, force: true });
}

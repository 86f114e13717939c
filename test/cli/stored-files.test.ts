/**
 * Files that are not regular files, named where the command line reads one: the snapshots cache
 * in the settings folder, AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, `invite --csv`. Each run
 * is a separate process with a deadline, because a FIFO blocked the old code for good (on a
 * synchronous read, the whole process): a hang shows here as a killed process, not a stuck suite.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

const ROOT = path.resolve(__dirname, '../..');
// Far more than a command takes on a busy machine, far less than "forever".
const DEADLINE_MS = 30_000;

let fixture: CliFixture;
let count = 0;

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-files-');
});
afterAll(() => fixture?.close());

interface Run {
  code: number | string;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'main/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...fixture.env, ...env }, timeout: DEADLINE_MS, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number | string; killed?: boolean }) | null;
        const code = e ? (e.killed ? 'killed after the deadline' : (e.code ?? -1)) : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

/** A fresh folder under the fixture's. */
function folder(): string {
  const dir = path.join(fixture.dir, `case-${++count}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function mkfifo(file: string): string {
  execFileSync('mkfifo', [file]);
  return file;
}

describe('snapshots cache in the settings folder', () => {
  it('a folder named snapshots.json: the command runs, warns on stderr and moves it aside', async () => {
    const settings = folder();
    fs.mkdirSync(path.join(settings, 'snapshots.json'));
    const run = await cli(['activity', '--json', '--settings-dir', settings]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.stderr).toMatch(
      /^Warning: The saved state of the last session could not be read \(.*snapshots\.json is a folder, not a regular file\)/,
    );
    expect(fs.readdirSync(settings).filter((n) => n.startsWith('snapshots.json.unreadable-'))).toHaveLength(1);
  }, 60_000);

  it('a FIFO named snapshots.json: no hang, the same warning', async () => {
    const settings = folder();
    mkfifo(path.join(settings, 'snapshots.json'));
    const run = await cli(['activity', '--json', '--settings-dir', settings]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('snapshots.json is a FIFO, not a regular file');
    expect(fs.existsSync(path.join(settings, 'snapshots.json'))).toBe(false);
  }, 60_000);
});

describe('settings file', () => {
  it('a FIFO named settings.json: the command fails at once with a sentence naming it', async () => {
    const settings = folder();
    const fifo = mkfifo(path.join(settings, 'settings.json'));
    const run = await cli(['activity', '--json', '--settings-dir', settings]);
    expect(run.code).toBe(1);
    // The settings are not a cache: nothing runs without them, and the sentence says why.
    expect(run.stderr).toContain(`${fifo} is a FIFO, not a regular file.`);
  }, 60_000);
});

describe('AWS shared files', () => {
  it('AWS_CONFIG_FILE naming a FIFO: profiles lists the credentials file and names the FIFO', async () => {
    const fifo = mkfifo(path.join(folder(), 'config'));
    const run = await cli(['profiles', '--json'], { AWS_CONFIG_FILE: fifo });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Could not read the config file: ${fifo} is a FIFO, not a regular file.`);
    const names = (JSON.parse(run.stdout) as { name: string }[]).map((p) => p.name);
    // The static-key profiles live in the credentials file, which is still read.
    expect(names).toContain('admin');
    expect(names).not.toContain('sso-dev');
  }, 60_000);

  it('AWS_SHARED_CREDENTIALS_FILE naming a FIFO: the config file is still read', async () => {
    const fifo = mkfifo(path.join(folder(), 'credentials'));
    const run = await cli(['profiles', '--json'], { AWS_SHARED_CREDENTIALS_FILE: fifo });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Could not read the credentials file: ${fifo} is a FIFO, not a regular file.`);
    expect((JSON.parse(run.stdout) as { name: string }[]).map((p) => p.name)).toContain('sso-dev');
  }, 60_000);
});

describe('CA bundle', () => {
  it('AWS_CA_BUNDLE naming a FIFO: the row fails with the reason, the process does not hang', async () => {
    const fifo = mkfifo(path.join(folder(), 'ca.pem'));
    const run = await cli(
      ['status', '--profile', 'admin', '--region', 'us-east-1', '--json', '--settings-dir', folder()],
      {
        AWS_CA_BUNDLE: fifo,
      },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`The CA bundle ${fifo} could not be read: ${fifo} is a FIFO, not a regular file.`);
  }, 60_000);
});

describe('invite --csv', () => {
  const invite = (csv: string) =>
    cli(['invite', '--profile', 'admin', '--region', 'us-east-1', '--csv', csv, '--json', '--settings-dir', folder()]);

  it('a FIFO is refused at once, named as one', async () => {
    const fifo = mkfifo(path.join(folder(), 'members.csv'));
    const run = await invite(fifo);
    expect(run.code).toBe(2); // a file the command cannot use is usage
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', message: `${fifo} is a FIFO, not a regular file.` },
    });
  }, 60_000);

  it('/dev/zero is refused without reading it', async () => {
    const run = await invite('/dev/zero');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', message: '/dev/zero is a character device, not a regular file.' },
    });
    console.info(`invite --csv /dev/zero refused in ${run.ms} ms (process start included)`);
  }, 60_000);
});

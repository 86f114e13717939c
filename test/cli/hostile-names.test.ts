/**
 * Profile names with terminal escapes in a temp AWS config: `ESC[2J` would clear the screen and an
 * OSC 8 sequence would plant a hyperlink. Whatever the command prints, stdout and stderr carry no raw
 * ESC or BEL, and the names stay recognisable in their escaped form.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-process';

const CLEAR = 'evil\u001b[2Jclear';
const LINK = 'link\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007';
const BIDI = 'bidi\u202eexe.txt';
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the test.
const RAW = /[\u0007\u001b\u009b\u009d\u202e]/;

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shi-hostile-'));
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  await writeFile(
    config,
    [CLEAR, LINK, BIDI].map((name) => `[profile ${name}]\nregion = us-east-1\n`).join('\n') +
      `\n[profile broken]\nregion us-east-1 ${CLEAR}\n`,
  );
  await writeFile(credentials, '');
  env = {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    SHI_SETTINGS_DIR: join(dir, 'settings'),
    // A closed loopback port: nothing can leave the machine even if credentials were found.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    PATH: process.env.PATH ?? '',
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (argv: string[]) => runCliInProcess(argv, env, dir);

describe('hostile profile names', () => {
  it('profiles prints a table with the names escaped and no raw ESC or BEL', async () => {
    const { code, stdout, stderr } = await run(['profiles']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW);
    expect(stderr).not.toMatch(RAW);
    expect(stdout).toContain('evil\\u001b[2Jclear');
    expect(stdout).toContain('link\\u001b]8;;https://evil.example/\\u0007click');
    expect(stdout).toContain('bidi\\u202eexe.txt');
    // The warning about the broken line names it, escaped too.
    expect(stderr).toContain('\\u001b[2J');
  });

  it('profiles --json stays valid JSON holding the exact names', async () => {
    const { code, stdout, stderr } = await run(['profiles', '--json']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW);
    expect(stderr).not.toMatch(RAW);
    const names = (JSON.parse(stdout) as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([CLEAR, LINK, BIDI]));
  });

  it('an error naming the profile or a bad flag value is escaped on stderr', async () => {
    const bad = await run(['status', '--profile', CLEAR, '--region', `us-east-1${LINK}`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--region must be/);
    expect(`${bad.stdout}${bad.stderr}`).not.toMatch(RAW);
    const unknown = await run([`st\u001b[2Jatus`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('st\\u001b[2Jatus');
    expect(unknown.stderr).not.toMatch(RAW);
    const flag = await run(['profiles', `--x\u001b]0;title\u0007`]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).not.toMatch(RAW);
  });

  it('a row of a hostile profile is printed escaped in the status table', async () => {
    const { stdout, stderr } = await run(['status', '--profile', LINK, '--region', 'us-east-1']);
    expect(`${stdout}${stderr}`).not.toMatch(RAW);
    expect(stdout).toContain('link\\u001b]8;;https://evil.example/\\u0007click');
  }, 30_000);
});

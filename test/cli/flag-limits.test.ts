/** The command line refuses an over-long region or profile name at the flag, with a sentence saying so. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_NAME_MAX } from '../../main/domain/limits';
import { runCliInProcess } from '../helpers/cli-process';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shi-limits-'));
  await writeFile(join(dir, 'config'), '[profile admin]\nregion = us-east-1\n');
  await writeFile(join(dir, 'credentials'), '');
  env = {
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    SHI_SETTINGS_DIR: join(dir, 'settings'),
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    PATH: process.env.PATH ?? '',
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (argv: string[]) => runCliInProcess(argv, env, dir);

const longRegion = `us-${'a'.repeat(70)}-1`;

describe('flag limits', () => {
  it.each([
    ['status', '--region', longRegion],
    ['disassociate', '--profile', 'admin', '--region', longRegion],
    ['accept', '--from', '111111111111', '--all', '--region', longRegion],
    ['handshake', '--administrator-profile', 'a', '--member-profile', 'b', '--region', longRegion],
  ])('%s refuses an over-long --region', async (...argv) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--region must be an AWS region such as us-east-1/);
  });

  it.each([
    ['status', '--profile'],
    ['disassociate', '--region', 'us-east-1', '--profile'],
    ['invite', '--region', 'us-east-1', '--account', '222222222222', '--profile'],
  ])('%s refuses an over-long --profile', async (...argv) => {
    const { code, stderr } = await run([...argv, 'p'.repeat(PROFILE_NAME_MAX + 1)]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--profile must be a profile name of at most ${PROFILE_NAME_MAX} characters`);
  });
});

/** The login shell's PATH, read with a stand-in shell script that behaves like a chatty zsh. */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLoginShellPath, mergePath } from '../../../main/core/aws/login-shell-path';

let dir: string;
let shell: string;
let slowShell: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shi-shell-'));
  shell = join(dir, 'fake-shell');
  // Prints a banner (as interactive shells do), then runs the command with a richer PATH.
  await writeFile(
    shell,
    `#!/bin/sh\necho "Welcome back"\nPATH="/opt/homebrew/bin:$HOME/.local/bin:/usr/bin:/bin"\nexport PATH\nshift\nexec /bin/sh -c "$1"\n`,
  );
  slowShell = join(dir, 'slow-shell');
  await writeFile(slowShell, '#!/bin/sh\nsleep 5\n');
  await chmod(shell, 0o755);
  await chmod(slowShell, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('applyLoginShellPath', () => {
  it('merges the login shell’s PATH into the environment when launched outside a terminal', async () => {
    const env: NodeJS.ProcessEnv = { SHELL: shell, HOME: '/home/alice', PATH: '/usr/bin:/bin:/usr/sbin:/sbin' };
    const result = await applyLoginShellPath({ env, platform: 'darwin', isTerminal: false });
    expect(result).toEqual({ changed: true, added: ['/opt/homebrew/bin', '/home/alice/.local/bin'], skipped: null });
    expect(env.PATH).toBe('/opt/homebrew/bin:/home/alice/.local/bin:/usr/bin:/bin:/usr/sbin:/sbin');
  });

  it('leaves PATH alone from a terminal, on Windows, and when the shell hangs', async () => {
    const env: NodeJS.ProcessEnv = { SHELL: shell, PATH: '/usr/bin' };
    expect((await applyLoginShellPath({ env, platform: 'linux', isTerminal: true })).skipped).toContain('terminal');
    expect((await applyLoginShellPath({ env, platform: 'win32', isTerminal: false })).skipped).toContain('Windows');
    const started = Date.now();
    const slow = await applyLoginShellPath({
      env: { ...env, SHELL: slowShell },
      platform: 'linux',
      isTerminal: false,
      timeoutMs: 300,
    });
    expect(slow.changed).toBe(false);
    expect(slow.skipped).toContain('did not report');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(env.PATH).toBe('/usr/bin');
  });

  it('gives the shell no input, so an rc file that reads stdin does not wait for the timeout', async () => {
    const readingShell = join(dir, 'reading-shell');
    // `read` returns at once on end-of-file; on an open pipe nobody writes to, it waits for ever.
    await writeFile(
      readingShell,
      `#!/bin/sh\nread answer\nPATH="/opt/tools/bin:$PATH"\nexport PATH\nshift\nexec /bin/sh -c "$1"\n`,
    );
    await chmod(readingShell, 0o755);
    const env: NodeJS.ProcessEnv = { SHELL: readingShell, PATH: '/usr/bin' };
    const started = Date.now();
    const result = await applyLoginShellPath({ env, platform: 'linux', isTerminal: false, timeoutMs: 4000 });
    expect(result).toEqual({ changed: true, added: ['/opt/tools/bin'], skipped: null });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('lets the SDK find a credential_process tool that only the login shell’s PATH has', async () => {
    const bin = join(dir, 'tools');
    await mkdir(bin, { recursive: true });
    const tool = join(bin, 'shi-cred-tool');
    await writeFile(tool, `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"AKIATOOL","SecretAccessKey":"from-tool"}'\n`);
    await chmod(tool, 0o755);
    const toolShell = join(dir, 'tool-shell');
    await writeFile(toolShell, `#!/bin/sh\nPATH="${bin}:$PATH"\nexport PATH\nshift\nexec /bin/sh -c "$1"\n`);
    await chmod(toolShell, 0o755);
    const config = join(dir, 'config');
    await writeFile(config, '[profile tool]\ncredential_process = shi-cred-tool\n');
    const resolve = () =>
      fromIni({ profile: 'tool', configFilepath: config, filepath: join(dir, 'none'), ignoreCache: true })();
    // The SDK spawns credential_process with process.env, which the app updates at startup.
    const savedPath = process.env.PATH;
    const savedShell = process.env.SHELL;
    try {
      process.env.PATH = '/usr/bin:/bin';
      process.env.SHELL = toolShell;
      await expect(resolve()).rejects.toThrow();
      const result = await applyLoginShellPath({ platform: 'linux', isTerminal: false });
      expect(result.added).toEqual([bin]);
      await expect(resolve()).resolves.toMatchObject({ accessKeyId: 'AKIATOOL' });
    } finally {
      process.env.PATH = savedPath;
      process.env.SHELL = savedShell;
    }
  });

  it('merges without duplicates or empty entries', () => {
    expect(mergePath('/a:/b::/c', '/b:/d:')).toBe('/a:/b:/c:/d');
  });
});

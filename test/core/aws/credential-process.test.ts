/**
 * The credential_process runner on its own: what a helper's output must look like (as the SDK checks
 * it), and what the user reads when a helper fails, prints too much, or is stopped.
 */
import { describe, expect, it } from 'vitest';
import { describeHelper, parseOutput, runCredentialProcess } from '../../../main/core/aws/credential-process';
import { AppErrorException } from '../../../main/domain/errors';

const HELPER = describeHelper('ops', 'aws-vault exec ops --json');
const future = new Date(Date.now() + 3_600_000).toISOString();

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppErrorException);
    return (error as AppErrorException).appError.message;
  }
  throw new Error('did not throw');
}

describe('parseOutput', () => {
  it('returns the credentials, with the profile account when the helper names none', () => {
    const out = JSON.stringify({
      Version: 1,
      AccessKeyId: 'AKIAEXAMPLE',
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: future,
    });
    expect(parseOutput(out, HELPER, '123456789012')).toEqual({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date(future),
      accountId: '123456789012',
    });
    expect(
      parseOutput(
        `${JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'S', AccountId: '210987654321' })}\n`,
        HELPER,
        '123456789012',
      ).accountId,
    ).toBe('210987654321');
  });

  it('names what is wrong with the output, never echoing it', () => {
    expect(messageOf(() => parseOutput('Enter passphrase:', HELPER))).toBe(`${HELPER} did not print JSON.`);
    expect(messageOf(() => parseOutput('{"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"}', HELPER))).toBe(
      `${HELPER} did not print Version 1 credentials.`,
    );
    const noSecret = messageOf(() => parseOutput('{"Version":1,"AccessKeyId":"AKIASECRETLEAK"}', HELPER));
    expect(noSecret).toBe(`${HELPER} printed credentials without AccessKeyId or SecretAccessKey.`);
    expect(noSecret).not.toContain('AKIASECRETLEAK');
    expect(
      messageOf(() => parseOutput('{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"}', HELPER)),
    ).toBe(`${HELPER} printed an Expiration that is not a date.`);
    expect(
      messageOf(() =>
        parseOutput(
          '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2001-01-01T00:00:00Z"}',
          HELPER,
        ),
      ),
    ).toBe(`${HELPER} printed credentials that have already expired.`);
    expect(messageOf(() => parseOutput('null', HELPER))).toBe(`${HELPER} did not print Version 1 credentials.`);
  });
});

describe('runCredentialProcess', () => {
  const run = (command: string, signal = new AbortController().signal) =>
    runCredentialProcess({ profile: 'ops', command, signal });

  it('reports the exit code and the first line of stderr (the error, not the usage after it), scrubbed', async () => {
    const error = await run(
      `echo >&2; echo "aws-vault: error: keyring locked for AKIAABCDEFGHIJKLMNOP" >&2; echo "usage: aws-vault exec <profile>" >&2; exit 3`,
    ).catch((e: unknown) => e);
    const message = (error as AppErrorException).appError.message;
    expect(message).not.toContain('AKIAABCDEFGHIJKLMNOP');
    // What follows the command line is the helper's own first line.
    expect(message.split(') failed with exit code 3: ')[1]).toBe('aws-vault: error: keyring locked for [access key].');
  });

  it('names the program that is not installed and the PATH it was looked up in', async () => {
    const env = { ...process.env, PATH: `/usr/bin:/bin:${'/opt/very/long/tool/path/bin:'.repeat(12)}/last` };
    const error = await runCredentialProcess({
      profile: 'ops',
      command: 'AWS_VAULT_BACKEND=file shi-no-such-helper-xyz exec ops --json',
      signal: new AbortController().signal,
      env,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppErrorException);
    const message = (error as AppErrorException).appError.message;
    expect(message).toContain(
      '`shi-no-such-helper-xyz` was not found on PATH (/usr/bin:/bin:/opt/very/long/tool/path/bin:',
    );
    // A long PATH is shortened, saying how much was left out.
    expect(message).toMatch(/… and \d+ more\)\.$/);
    expect(message.length).toBeLessThan(450);
  });

  it('names a missing program given by path, and a helper that exits 127 on its own is not "not found"', async () => {
    await expect(run('/nonexistent/dir/granted credential-process')).rejects.toThrow(
      /`\/nonexistent\/dir\/granted` was not found on PATH/,
    );
    // `sh` exists: its 127 is the helper's own, reported with its first stderr line.
    await expect(run('sh -c "echo inner: missing-tool not found >&2; exit 127"')).rejects.toThrow(
      /failed with exit code 127: inner: missing-tool not found\.$/,
    );
  });

  it('stops a helper that floods stdout', async () => {
    await expect(
      run(`"${process.execPath}" -e "setInterval(() => process.stdout.write('x'.repeat(65536)), 1)"`),
    ).rejects.toThrow(/wrote more than 1 MiB to stdout; it was stopped/);
  });

  it('stops the helper and rejects with the reason when aborted', async () => {
    const controller = new AbortController();
    const pending = run('sleep 30', controller.signal);
    setTimeout(() => controller.abort(new Error('deadline')), 100);
    const started = Date.now();
    await expect(pending).rejects.toThrow('deadline');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('returns what a working helper prints', async () => {
    const json = JSON.stringify({ Version: 1, AccessKeyId: 'AKIAWORKS', SecretAccessKey: 'works' });
    await expect(run(`echo '${json}'`)).resolves.toMatchObject({ accessKeyId: 'AKIAWORKS' });
  });
});

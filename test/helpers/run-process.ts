/**
 * A child process run to its end with its output collected, asynchronously (a blocking spawn would
 * starve a server this same test process serves, such as a fake mirror). A process still running after
 * `limitMs` is killed, so a hang fails the test with its output instead of vitest's timeout.
 */
import { spawn } from 'node:child_process';

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; limitMs: number; killSignal?: NodeJS.Signals },
): Promise<ProcessResult> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const limit = setTimeout(() => child.kill(options.killSignal ?? 'SIGTERM'), options.limitMs);
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearTimeout(limit);
      resolve({ status, stdout, stderr });
    });
  });
}

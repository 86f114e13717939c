/**
 * A command run on a pseudo-terminal, as a person at a terminal runs it: util-linux's `script` gives the
 * child a terminal for stdin, stdout and stderr (Debian ships it in bsdutils, which every system has).
 * `answer` is typed once the output shows `when`.
 */
import { spawn } from 'node:child_process';

export interface PtyResult {
  code: number | null;
  output: string;
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

export function runOnTerminal(
  argv: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; when?: string; answer?: string; timeoutMs?: number },
): Promise<PtyResult> {
  const child = spawn('script', ['-qec', argv.map(quote).join(' '), '/dev/null'], {
    cwd: options.cwd,
    env: { ...options.env, TERM: 'dumb', COLUMNS: '100' },
  });
  let output = '';
  let answered = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!answered && options.when && options.answer !== undefined && output.includes(options.when)) {
      answered = true;
      child.stdin.write(options.answer);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, output });
    });
  });
}

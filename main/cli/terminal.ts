/**
 * The command line's terminal: one question at a time on stderr (answered on stdin), and one progress
 * line on stderr that is cleared before anything else is printed and held while a question waits, so a
 * prompt is never overwritten by a counter and a table never starts on the counter's line.
 */
import readline from 'node:readline';
import { AppErrorException, appError } from '../domain/errors';

export type Ask = (question: string, signal?: AbortSignal) => Promise<string>;

/** Asks on a terminal; the caller checks that stdin and stderr are terminals before offering it. */
export function terminalAsk(input: NodeJS.ReadStream, output: NodeJS.WriteStream): Ask {
  return (question, signal) =>
    new Promise((resolve, reject) => {
      const rl = readline.createInterface({ input, output, terminal: true });
      const onAbort = () => {
        rl.close();
        reject(new AppErrorException(appError('cancelled', 'The question was cancelled.')));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // In raw mode Ctrl-C reaches readline, not the process: it ends the command as it would
      // anywhere else (cli/signals.ts), instead of closing the question and leaving it unanswered.
      rl.on('SIGINT', () => {
        rl.close();
        process.kill(process.pid, 'SIGINT');
      });
      rl.question(question, (answer) => {
        signal?.removeEventListener('abort', onAbort);
        rl.close();
        resolve(answer);
      });
    });
}

export interface ProgressLine {
  show(text: string): void;
  /** Blanks the line (no escape sequence needed: carriage return, spaces, carriage return). */
  clear(): void;
  /** Runs `work` (a question) with the line cleared and no progress drawn until it ends. */
  hold<T>(work: () => Promise<T>): Promise<T>;
}

export function createProgressLine(write: (text: string) => void, enabled: boolean): ProgressLine {
  let shown = '';
  let held = 0;
  const clear = () => {
    if (shown) write(`\r${' '.repeat(shown.length)}\r`);
    shown = '';
  };
  return {
    show(text) {
      if (!enabled || held > 0) return;
      write(`\r${text}${' '.repeat(Math.max(0, shown.length - text.length))}`);
      shown = text;
    },
    clear,
    async hold(work) {
      clear();
      held++;
      try {
        return await work();
      } finally {
        held--;
      }
    },
  };
}

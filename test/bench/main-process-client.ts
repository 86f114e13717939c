/**
 * bench:ipc's side of the main process (main-process.ts): forks it, carries the page's calls to it and
 * its events back, and asks it for its event loop's figures.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { AppEvent } from '../../contract/api';
import type { InvokeEvent } from '../../main/shell/bind-ipc';
import type { FromMain, MainStart, ToMain } from './main-process';

type Answer = Extract<FromMain, { type: 'answer' }>;
type Measured = Extract<FromMain, { type: 'measured' }>;

export async function startMainProcess(start: MainStart, onEvent: (event: AppEvent) => void) {
  const child = fork(path.join(__dirname, 'main-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    // Structured clone, as Electron's IPC: the rows' events cross as Electron sends them to a window.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const answers = new Map<number, (answer: Answer) => void>();
  let nextId = 0;
  let measured: (figures: Measured) => void = () => {};
  let stopped: () => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the main process ended (exit code ${code}) before it was ready`)));
    child.on('message', (message: FromMain) => {
      switch (message.type) {
        case 'ready':
          return resolve();
        case 'event':
          return onEvent(message.event);
        case 'answer':
          answers.get(message.id)?.(message);
          answers.delete(message.id);
          return;
        case 'measured':
          return measured(message);
        case 'stopped':
          return stopped();
      }
    });
  });
  const post = (message: ToMain) => child.send(message);
  post(start);
  await ready;
  return {
    post,
    call(event: InvokeEvent, channel: unknown, payload: unknown): Promise<Answer> {
      const id = nextId++;
      return new Promise((resolve) => {
        answers.set(id, resolve);
        post({ type: 'call', id, event, channel, payload });
      });
    },
    /** Ends the measuring started with `measure-start` and gives its figures. */
    measured(): Promise<Measured> {
      return new Promise((resolve) => {
        measured = resolve;
        post({ type: 'measure-stop' });
      });
    },
    stop(): Promise<void> {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        stopped = () => clearTimeout(timer);
        child.once('exit', () => resolve());
        post({ type: 'stop' });
      });
    },
  };
}

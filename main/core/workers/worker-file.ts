/**
 * Where a worker thread's code is. The built app has it beside its main process: out/main/aws-worker.js
 * (electron.vite.config.ts bundles it as an entry of its own), found from here whether this code sits
 * in out/main or in one of its shared chunks (out/main/chunks). Inside the packaged app that folder is
 * in app.asar: Electron reads a worker's script and its requires from an asar archive since Electron 18
 * (electron/electron#33216, "initialize asar support in worker threads"; its own asar spec starts a
 * worker_threads Worker from a .asar). Without a build (tests, the benchmark, the command line run
 * with tsx) the worker runs its TypeScript source through tsx, as this process does.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const WORKER_BUNDLE = 'aws-worker.js';

export interface WorkerFile {
  file: string;
  /** Node options of the worker thread (undefined: this thread's). */
  execArgv: string[] | undefined;
}

export function workerFile(here: string = __dirname): WorkerFile {
  for (const dir of [here, path.dirname(here)]) {
    const built = path.join(dir, WORKER_BUNDLE);
    if (existsSync(built)) return { file: built, execArgv: undefined };
  }
  return { file: path.join(here, 'worker-entry.ts'), execArgv: ['--import', 'tsx'] };
}

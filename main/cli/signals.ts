/**
 * Ctrl-C (SIGINT), a closed terminal (SIGHUP) or `kill` (SIGTERM) end the command the way the shell
 * reports a signal (128 + its number), but through process.exit, so the 'exit' listeners still run:
 * the activity entries of writes already sent are written then (storage/activity.ts), not lost
 * with the process. Node's default for these signals ends the process without them.
 */
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

export function exitCleanlyOnSignals(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal as NodeJS.Signals, () => process.exit(code));
  }
}

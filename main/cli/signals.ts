/**
 * Ctrl-C (SIGINT), a closed terminal (SIGHUP) or `kill` (SIGTERM) end the command the way the shell
 * reports a signal (128 + its number), but through process.exit, so the 'exit' listeners still run:
 * the activity entries of writes already sent are written then (storage/activity.ts), not lost
 * with the process. Node's default for these signals ends the process without them.
 */
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
/** 128 + SIGPIPE (13): what a shell reports for a tool the closed pipe ended (`yes | head -1`). */
const CLOSED_PIPE_EXIT = 141;

export function exitCleanlyOnSignals(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal as NodeJS.Signals, () => process.exit(code));
  }
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
}

/**
 * `… | head -1`: the reader goes away and the next write fails with EPIPE. Node ignores SIGPIPE, so
 * the failure arrives as an 'error' event, which unhandled prints a stack trace. The command ends
 * as other Unix tools do when the pipe closes — quietly, with 141 — and through process.exit, so
 * the 'exit' listeners run. Other stream errors are not this one's to hide.
 */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(CLOSED_PIPE_EXIT);
  });
}

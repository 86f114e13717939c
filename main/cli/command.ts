/**
 * What every command of the command line shares: the types of a command, its flags and its
 * input/output, and how an AppError is printed.
 */
import type { AppError } from '../domain/errors';
import { terminalText } from './terminal-text';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Asks the person at the terminal (the question on stderr, the answer from stdin); absent where
   * nobody can answer (stdin or stderr is not a terminal), so a write then needs --yes.
   */
  ask?(question: string, signal?: AbortSignal): Promise<string>;
  /** stderr is a terminal: progress may be drawn there. */
  stderrIsTerminal?: boolean;
  /** The terminal's width in columns when stdout is one (tables fit it); undefined in a pipe. */
  columns?: number;
}

export interface CliFlag {
  name: string;
  type: 'boolean' | 'string';
  short?: string;
  multiple?: boolean;
  /** Shown in --help, e.g. "<region>" for a string flag. */
  valueName?: string;
  description: string;
  /** The only values a string flag takes (refused otherwise, as a usage error). */
  choices?: string[];
}

export type CliValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CliCommand {
  name: string;
  summary: string;
  /** Positional arguments for --help, e.g. "<profile> <region>". */
  usage?: string;
  flags: CliFlag[];
  /** Words after the command, in order (commander checks their count; the command their values). */
  arguments?: { name: string; description: string; required: boolean; choices?: string[] }[];
  /** More help after the flags: examples, what the exit statuses mean for this command. */
  details?: string;
  /** Returns the exit code (main/cli/exit.ts). Throw an AppErrorException for a failure the user can act on. */
  run(args: { values: CliValues; positionals: string[] }, io: CliIo): Promise<number>;
}

export function formatError(error: AppError): string {
  // Every part may carry an AWS message, a profile name or a path: each is made safe to print.
  const lines = [`error: ${terminalText(error.message)}`];
  if (error.remediation) lines.push(`  ${terminalText(error.remediation)}`);
  if (error.command) lines.push(`  run: ${terminalText(error.command)}`);
  if (error.requestId) lines.push(`  request id: ${terminalText(error.requestId)}`);
  return `${lines.join('\n')}\n`;
}

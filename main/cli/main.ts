/**
 * The command line: the same AWS and backend code as the app, without Electron.
 *
 *   securityhub-invitations <command> [flags]     (npm run cli -- <command> [flags])
 *
 * Each command is a module under main/cli/commands/ exporting a CliCommand; add it to COMMANDS below.
 * Parsing is commander's (program.ts): a typo or a stray word is a usage error (exit 2), not a no-op.
 */
import { toAppError } from '../core/backend';
import { type CliCommand, type CliIo, formatError } from './command';
import { acceptCommand, declineCommand } from './commands/accept';
import { activityCommand } from './commands/activity';
import { enableHubCommand, inviteCommand } from './commands/admin';
import { configCommand } from './commands/config';
import { disassociateCommand } from './commands/disassociate';
import { handshakeCommand } from './commands/handshake';
import { loginCommand, logoutCommand } from './commands/login';
import { deleteMembersCommand, disassociateMembersCommand, membersCommand, withdrawCommand } from './commands/members';
import { permissionsCommand } from './commands/permissions';
import { profilesCommand } from './commands/profiles';
import { statusCommand } from './commands/status';
import { EXIT, exitCodeOf } from './exit';
import { buildProgram, exitOfCommanderError } from './program';
import { exitCleanlyOnSignals } from './signals';
import { terminalAsk } from './terminal';
import { terminalOutput } from './terminal-text';

export const COMMANDS: CliCommand[] = [
  profilesCommand,
  statusCommand,
  acceptCommand,
  declineCommand,
  disassociateCommand,
  inviteCommand,
  enableHubCommand,
  handshakeCommand,
  membersCommand,
  withdrawCommand,
  disassociateMembersCommand,
  deleteMembersCommand,
  activityCommand,
  configCommand,
  permissionsCommand,
  loginCommand,
  logoutCommand,
];

export async function runCli(argv: string[], outerIo: CliIo, commands: CliCommand[] = COMMANDS): Promise<number> {
  // The safety net: whatever a command prints passes terminalOutput, so no control sequence from an
  // outside value reaches the terminal even where a line forgot terminalText.
  const io: CliIo = {
    ...outerIo,
    stdout: (text) => outerIo.stdout(terminalOutput(text)),
    stderr: (text) => outerIo.stderr(terminalOutput(text)),
  };
  let code: number = EXIT.ok;
  const program = buildProgram(commands, io, async (command, values, positionals) => {
    try {
      code = await command.run({ values, positionals }, io);
    } catch (error) {
      const appErr = toAppError(error);
      io.stderr(formatError(appErr));
      code = exitCodeOf(appErr);
    }
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const exit = exitOfCommanderError(error);
    if (exit === null) throw error;
    return exit;
  }
  return code;
}

/** Run when this file is the program (the built out/main/cli.js, or the package's bin). */
async function main(): Promise<void> {
  // On Node 20 the AWS SDK writes a multi-line NodeVersionSupportWarning to stderr when the first
  // client is built, which would mix into every command's output. This variable is the SDK's own
  // documented switch for it (aws/aws-sdk-js-v3#7983); other warnings still print. A value the
  // user set wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  exitCleanlyOnSignals();
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    ...(interactive ? { ask: terminalAsk(process.stdin, process.stderr) } : {}),
    stderrIsTerminal: Boolean(process.stderr.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void main();
}

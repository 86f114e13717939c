/**
 * The command line: the same AWS and backend code as the app, without Electron.
 *
 *   securityhub-invitations <command> [flags]     (npm run cli -- <command> [flags])
 *
 * Each command is a module under main/cli/commands/ exporting a CliCommand; add it to COMMANDS below.
 * Flags are parsed strictly with node:util parseArgs, so a typo is an error, not a silent no-op.
 */
import { parseArgs } from 'node:util';
import { toAppError } from '../core/aws/errors';
import { type CliCommand, type CliIo, type CliValues, formatError } from './command';
import { acceptCommand, declineCommand } from './commands/accept';
import { activityCommand } from './commands/activity';
import { enableHubCommand, inviteCommand } from './commands/admin';
import { disassociateCommand } from './commands/disassociate';
import { handshakeCommand } from './commands/handshake';
import { profilesCommand } from './commands/profiles';
import { statusCommand } from './commands/status';
import { terminalOutput, terminalText } from './terminal-text';

export const COMMANDS: CliCommand[] = [
  profilesCommand,
  statusCommand,
  acceptCommand,
  declineCommand,
  disassociateCommand,
  inviteCommand,
  enableHubCommand,
  handshakeCommand,
  activityCommand,
];

const PROGRAM = 'securityhub-invitations';

export async function runCli(argv: string[], outerIo: CliIo, commands: CliCommand[] = COMMANDS): Promise<number> {
  // The safety net: whatever a command prints passes terminalOutput, so no control sequence from an
  // outside value reaches the terminal even where a line forgot terminalText.
  const io: CliIo = {
    ...outerIo,
    stdout: (text) => outerIo.stdout(terminalOutput(text)),
    stderr: (text) => outerIo.stderr(terminalOutput(text)),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? commandHelp(topic) : programHelp(commands));
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`${PROGRAM}: unknown command "${terminalText(name)}". Run "${PROGRAM} --help" for the list.\n`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(
          command.flags.map((f) => [
            f.name,
            { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) },
          ]),
        ),
      },
    });
  } catch (error) {
    io.stderr(`${PROGRAM} ${command.name}: ${terminalText((error as Error).message)}\n${usageLine(command)}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(commandHelp(command));
    return 0;
  }
  try {
    return await command.run({ values: parsed.values as CliValues, positionals: parsed.positionals }, io);
  } catch (error) {
    io.stderr(formatError(toAppError(error)));
    return 1;
  }
}

function programHelp(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = [
    `Usage: ${PROGRAM} <command> [flags]`,
    '',
    'Accept, decline and manage AWS Security Hub invitations across your AWS profiles.',
    '',
    'Commands:',
    ...commands.flatMap((c) => [`  ${c.name.padEnd(width)}  ${c.summary}`, ...flagLines(c, '      '), '']),
    'Flags:',
    '  -h, --help  Show help (also: <command> --help)',
    '',
    'AWS settings come from the usual places: AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE,',
    'HTTPS_PROXY / NO_PROXY and AWS_CA_BUNDLE.',
  ];
  return `${lines.join('\n')}\n`;
}

function usageLine(command: CliCommand): string {
  return `Usage: ${PROGRAM} ${command.name}${command.usage ? ` ${command.usage}` : ''}${command.flags.length ? ' [flags]' : ''}`;
}

/** One line per flag of a command, for the program's and the command's help. */
function flagLines(command: CliCommand, indent: string, withHelp = false): string[] {
  const flags = [
    ...command.flags.map((f) => ({
      left: `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.type === 'string' ? ` ${f.valueName ?? '<value>'}` : ''}${f.multiple ? ' ...' : ''}`,
      right: f.description,
    })),
    ...(withHelp ? [{ left: '-h, --help', right: 'Show this help' }] : []),
  ];
  const width = Math.max(0, ...flags.map((f) => f.left.length));
  return flags.map((f) => `${indent}${f.left.padEnd(width)}  ${f.right}`);
}

function commandHelp(command: CliCommand): string {
  return `${[usageLine(command), '', command.summary, '', 'Flags:', ...flagLines(command, '  ', true)].join('\n')}\n`;
}

/** Run when this file is the program (the built out/main/cli.js, or the package's bin). */
async function main(): Promise<void> {
  // On Node 20 the AWS SDK writes a multi-line NodeVersionSupportWarning to stderr when the first
  // client is built, which would mix into every command's output. This variable is the SDK's own
  // documented switch for it (aws/aws-sdk-js-v3#7983); other warnings still print. A value the
  // user set wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void main();
}

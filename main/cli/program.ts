/**
 * The command line's parser: commander (a well-kept framework) built from the commands' own flag lists,
 * so each command declares its flags once. Commander gives --version, --help per command, "did you
 * mean" for an unknown command or flag, and refuses stray words; every usage error exits 2.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { serviceInfos } from '../core/backend';
import { APP_VERSION } from '../domain/version';
import type { CliCommand, CliIo, CliValues } from './command';
import { EXIT } from './exit';

export const PROGRAM = 'securityhub-invitations';

const ENVIRONMENT_HELP = [
  '',
  'AWS settings come from the usual places: AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE,',
  'HTTPS_PROXY / NO_PROXY and AWS_CA_BUNDLE. Exit statuses: 0 done or nothing to do, 1 some rows failed,',
  '2 usage, 3 refused before any write (read-only, not confirmed), 4 pending (status --fail-on-pending).',
].join('\n');

/** The services' names as AWS gives them: "Security Hub CSPM and GuardDuty". */
function serviceNames(): string {
  const names = serviceInfos().map((s) => s.name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** Repeatable string flags collect every value, in order. */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function addFlags(command: Command, definition: CliCommand): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const flag of definition.flags) {
    const names = `${flag.short ? `-${flag.short}, ` : ''}--${flag.name}`;
    const option =
      flag.type === 'boolean'
        ? new Option(names, flag.description)
        : new Option(`${names} ${flag.valueName ?? '<value>'}`, flag.description);
    if (flag.multiple) option.argParser(collect);
    if (flag.choices) option.choices(flag.choices);
    command.addOption(option);
    attributes.set(flag.name, option.attributeName());
  }
  return attributes;
}

/** Builds the program; `onRun` receives the chosen command and its values (keyed by flag name). */
export function buildProgram(
  commands: CliCommand[],
  io: CliIo,
  onRun: (command: CliCommand, values: CliValues, positionals: string[]) => Promise<void>,
): Command {
  const program = new Command(PROGRAM)
    .description(`Accept, decline and manage ${serviceNames()} invitations across your AWS profiles.`)
    .version(APP_VERSION, '-V, --version', 'Print the version')
    .helpOption('-h, --help', 'Show help (also: <command> --help)')
    .addHelpText('after', ENVIRONMENT_HELP)
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const definition of commands) {
    const command = program
      .command(definition.name)
      .description(definition.summary)
      .helpOption('-h, --help', 'Show this help')
      .allowExcessArguments(false)
      .showSuggestionAfterError(true)
      .showHelpAfterError(`(run "${PROGRAM} ${definition.name} --help" for its flags)`)
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
      .exitOverride();
    if (definition.details) command.addHelpText('after', `\n${definition.details}`);
    for (const arg of definition.arguments ?? []) {
      const argument = new Argument(arg.required ? `<${arg.name}>` : `[${arg.name}]`, arg.description);
      if (arg.choices) argument.choices(arg.choices);
      command.addArgument(argument);
    }
    const attributes = addFlags(command, definition);
    command.action(async () => {
      const options = command.opts();
      const values: CliValues = {};
      for (const [name, attribute] of attributes) values[name] = options[attribute] as CliValues[string];
      await onRun(definition, values, command.args);
    });
  }
  return program;
}

/** Commander's own exits: help and version are 0, every parse error is a usage error. */
export function exitOfCommanderError(error: unknown): number | null {
  if (!(error instanceof CommanderError)) return null;
  if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) {
    return error.code === 'commander.help' ? EXIT.usage : EXIT.ok;
  }
  return EXIT.usage;
}

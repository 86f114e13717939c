/**
 * Safety for writes on the command line, as in the app: read-only mode refuses before any AWS call,
 * every write says what it will do first (on stderr, so --json output stays clean), `--dry-run` stops
 * there (read-only mode or not: it sends nothing), and a write the settings want confirmed is asked about once in a terminal. Where nobody can
 * be asked (a script, a pipe) the write needs --yes, as `apt-get -y` and `terraform apply
 * -auto-approve` do, and otherwise exits 3 having sent nothing.
 */
import { AppErrorException, appError } from '../domain/errors';
import type { Settings } from '../domain/types';
import type { CliFlag, CliIo, CliValues } from './command';
import { wantsJson } from './output';
import type { Session } from './session';
import { terminalText } from './terminal-text';

export const YES_FLAG: CliFlag = {
  name: 'yes',
  short: 'y',
  type: 'boolean',
  description: 'Do it without asking (needed where there is no terminal to ask)',
};
export const DRY_RUN_FLAG: CliFlag = {
  name: 'dry-run',
  type: 'boolean',
  description: 'Print what would be done and send nothing',
};
export const WRITE_FLAGS = [YES_FLAG, DRY_RUN_FLAG];

/** Which of the app's confirmation settings covers a write; null: the app does not ask either. */
export type ConfirmationKind = keyof Settings['confirmations'] | 'always' | null;

export interface WritePlan {
  /** The question, e.g. "Decline 3 invitations from 111111111111 in 3 rows?" (without [y/N]). */
  question: string;
  /** What will be sent, one line each: rows, accounts, calls. */
  lines: string[];
  confirmation: ConfirmationKind;
}

function needsConfirmation(plan: WritePlan, settings: Settings): boolean {
  if (plan.confirmation === null) return false;
  if (plan.confirmation === 'always') return true;
  return settings.confirmations[plan.confirmation];
}

/** Read-only mode's refusal, before any AWS call. */
function readOnlyRefusal(settingsFile: string): AppErrorException {
  return new AppErrorException(
    appError('read-only', 'Read-only mode is on: nothing was sent.', {
      remediation: `Turn it off with \`config set readOnly false\` (or in the app), or edit ${settingsFile}.`,
    }),
  );
}

/** The settings a write is decided by, and (in read-only mode) the file that turns it off. */
export type WriteSettings = Settings & { readOnlyFile: string };

/**
 * Shows the plan, then returns 'go' (send it) or 'dry-run' (the caller prints nothing more and exits 0).
 * Throws a 'cancelled' AppError (exit 3) when the write is not confirmed.
 */
export async function confirmWrite(
  plan: WritePlan,
  settings: WriteSettings,
  values: CliValues,
  io: CliIo,
): Promise<'go' | 'dry-run'> {
  io.stderr(
    `${terminalText(plan.question.replace(/\?$/, ':'))}\n${plan.lines.map((l) => `  ${terminalText(l)}\n`).join('')}`,
  );
  if (values['dry-run'] === true) {
    const readOnly = settings.readOnly ? ' Read-only mode is on: run for real, it would be refused.' : '';
    io.stderr(`Dry run: nothing was sent.${readOnly}\n`);
    return 'dry-run';
  }
  // A dry run sends nothing, so read-only mode lets it show its plan; anything else stops here.
  if (settings.readOnly) throw readOnlyRefusal(settings.readOnlyFile);
  if (values.yes === true || !needsConfirmation(plan, settings)) return 'go';
  if (!io.ask) {
    throw new AppErrorException(
      appError('cancelled', 'Nothing was sent: there is no terminal to confirm this in.', {
        remediation: 'Run it again with --yes to confirm (or --dry-run to see the plan).',
      }),
    );
  }
  const answer = (await io.ask(`${terminalText(plan.question)} [y/N] `)).trim().toLowerCase();
  if (answer === 'y' || answer === 'yes') return 'go';
  throw new AppErrorException(appError('cancelled', 'Not confirmed: nothing was sent.'));
}

/**
 * The settings for a write, after refusing it if read-only mode is on (before any AWS call) — unless
 * it is a dry run, which sends nothing: confirmWrite then shows its plan and says read-only is on.
 */
export async function beginWrite(session: Pick<Session, 'call'>, values: CliValues): Promise<WriteSettings> {
  const settings = await session.call('settings:get', undefined);
  if (!settings.readOnly) return { ...settings, readOnlyFile: '' };
  const { settingsFile } = await session.call('app:info', undefined);
  if (values['dry-run'] !== true) throw readOnlyRefusal(settingsFile);
  return { ...settings, readOnlyFile: settingsFile };
}

/** What a dry run prints on stdout with --json: the plan, and that nothing was sent. */
export function printDryRun(plan: WritePlan, values: CliValues, io: CliIo): number {
  if (wantsJson(values)) io.stdout(`${JSON.stringify({ ok: true, dryRun: true, plan: plan.lines }, null, 2)}\n`);
  return 0;
}

/**
 * A write's whole gate, for a plan that needs no AWS read to be made: read-only refusal, the plan shown,
 * then 'go' or 'dry-run' (already printed: the caller returns 0). Throws when not confirmed.
 */
export async function approveWrite(
  session: Pick<Session, 'call'>,
  plan: WritePlan,
  values: CliValues,
  io: CliIo,
): Promise<'go' | 'dry-run'> {
  const settings = await beginWrite(session, values);
  const decision = await confirmWrite(plan, settings, values, io);
  if (decision === 'dry-run') printDryRun(plan, values, io);
  return decision;
}

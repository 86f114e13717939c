/**
 * The one builder of the commands that write to one row (accept, decline, disassociate, enable-hub,
 * withdraw, disassociate-members, delete-members): the row flags (--service, --profile, --region),
 * the write flags and the output flags, the write's gate (read-only refusal, the plan shown,
 * --dry-run, a confirmation or --yes), the request through the contract, and the result printed.
 * A command says only what is its own: its flags, its request, its plan, its channel, its output.
 */
import type { ServiceInfo } from '../domain/services';
import type { CliCommand, CliFlag, CliIo, CliValues } from './command';
import { approveWrite, WRITE_FLAGS, type WritePlan } from './confirm';
import { JSON_FLAG, TABLE_OUTPUT_FLAGS } from './output';
import { type RowTarget, rowTarget, SERVICE_FLAG } from './rows';
import { checkProfilesExist, SETTINGS_DIR_FLAG, type Session, withSession } from './session';

export interface RowWrite<Request, Result> {
  name: string;
  summary: string;
  details?: string;
  /** What --profile and --region name, for --help. */
  profileIs: string;
  regionIs: string;
  /** The row flags repeat where the command has a bulk form (accept and decline with --from). */
  repeatable?: boolean;
  /** The command's own flags. */
  flags?: CliFlag[];
  /** 'result': one message (--json); 'table': a row per account (--output). */
  output: 'result' | 'table';
  /**
   * Another form of the same command, chosen by its flags (accept --from: a bulk answer); it runs
   * instead, with the same session. Null: this form.
   */
  otherForm?(values: CliValues): ((session: Session, io: CliIo) => Promise<number>) | null;
  /** Thrown before anything else (flags that only the other form takes). */
  check?(values: CliValues): void;
  request(row: RowTarget, values: CliValues, service: ServiceInfo): Request;
  plan(request: Request, service: ServiceInfo): WritePlan;
  send(session: Session, request: Request): Promise<Result>;
  print(result: Result, values: CliValues, io: CliIo): number;
}

const BULK_HINT = 'to answer many rows use --from <administrator>';

export function rowWriteCommand<Request, Result>(spec: RowWrite<Request, Result>): CliCommand {
  const repeat = spec.repeatable === true;
  const flags: CliFlag[] = [
    { ...SERVICE_FLAG, ...(repeat ? { description: `${SERVICE_FLAG.description} (repeatable with --from)` } : {}) },
    { name: 'profile', type: 'string', multiple: repeat, valueName: '<name>', description: spec.profileIs },
    { name: 'region', type: 'string', multiple: repeat, valueName: '<region>', description: spec.regionIs },
    ...(spec.flags ?? []),
    ...WRITE_FLAGS,
    ...(spec.output === 'table' ? TABLE_OUTPUT_FLAGS : [JSON_FLAG]),
    SETTINGS_DIR_FLAG,
  ];
  return {
    name: spec.name,
    summary: spec.summary,
    ...(spec.details ? { details: spec.details } : {}),
    flags,
    async run({ values }, io) {
      return withSession(values, io, { progress: false }, async (session) => {
        const other = spec.otherForm?.(values);
        if (other) return await other(session, io);
        spec.check?.(values);
        const { row, service } = rowTarget(values, repeat ? BULK_HINT : undefined);
        const request = spec.request(row, values, service);
        await checkProfilesExist(session, [row.profile]);
        if ((await approveWrite(session, spec.plan(request, service), values, io)) === 'dry-run') return 0;
        return spec.print(await spec.send(session, request), values, io);
      });
    },
  };
}

/**
 * Member accounts from a CSV file, in the format the Security Hub console accepts: a header line
 * `Account ID,Email` and one account per line (Email may be empty). The file is read and checked
 * here in main; the window only gets the accounts and, per line, what was wrong.
 *
 * A hostile file cannot stall the main process or flood IPC: the text is parsed by csv-parse's
 * stream in small chunks with a turn of the event loop between them, the lines that cannot be used
 * are listed up to MAX_LISTED_ERRORS and counted beyond, and reading stops after MAX_BAD_LINES of
 * them (no members list has more). Before, 1 MB of one-character lines took 22 s of blocked main
 * process — csv-parse builds an error object for every line shorter than the header — and answered
 * 60 MB of errors (test/bench/members-csv-bench.ts prints the figures).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { AppErrorException, appError } from '../../domain/errors';
import { ACCOUNT_ID_PATTERN } from '../../domain/ids';
import type { MembersCsvImport } from '../../domain/types';
import { byteSize, readRegularFile } from '../storage/regular-file';

/** More than CreateMembers could ever take for one administrator and region (1,000 members). */
export const MAX_CSV_ACCOUNTS = 1000;
/** The lines that cannot be used, listed one by one; the rest are counted (moreErrors). */
export const MAX_LISTED_ERRORS = 100;
/** After this many unusable lines the file is not a members list: the rest is not read. */
export const MAX_BAD_LINES = 1000;
const MAX_CSV_BYTES = 1024 * 1024;
/** Bytes parsed between two turns of the event loop: at most 512 lines (csv-parse builds an error object for each short one). */
const CHUNK_BYTES = 1024;

const email = z.email().max(320);

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z]/g, '');

type Parsed = Omit<MembersCsvImport, 'path'>;
interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The text in chunks, each after a turn of the event loop (IPC, timers and drawing go on meanwhile). */
async function* chunks(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    yield bytes.subarray(at, at + CHUNK_BYTES);
    await nextTurn();
  }
}

/** What one file's lines add up to, line by line; `take` says false once reading should stop. */
class MembersCollector {
  readonly accounts: Parsed['accounts'] = [];
  readonly errors: Parsed['errors'] = [];
  moreErrors = 0;
  private bad = 0;
  private readonly seen = new Map<string, number>();
  private columns: { id: number; email: number } | null = null;

  /** The first record is the header. Returns false when the rest of the file is not to be read. */
  take({ record, info }: CsvRecord): boolean {
    const line = info.lines;
    if (!this.columns) return this.header(record, line);
    // A line of empty cells is skipped, not listed; it counts toward the stop all the same (a file of
    // half a million "," lines is not a members list either).
    if (record.every((cell) => cell === '')) return this.unusable(line, null);
    const id = record[this.columns.id] ?? '';
    const mail = this.columns.email >= 0 ? (record[this.columns.email] ?? '') : '';
    const problem = this.problemOf(id, mail);
    if (problem) return this.unusable(line, problem);
    if (this.accounts.length >= MAX_CSV_ACCOUNTS) {
      this.errors.push({
        line,
        message: `More than ${MAX_CSV_ACCOUNTS} accounts: this line and the rest were not read.`,
      });
      return false;
    }
    this.seen.set(id, line);
    this.accounts.push(mail ? { accountId: id, email: mail } : { accountId: id });
    return true;
  }

  get sawHeader(): boolean {
    return this.columns !== null;
  }

  private header(record: string[], line: number): boolean {
    const names = record.map(normalise);
    const id = names.indexOf('accountid');
    if (id < 0) {
      this.errors.push({ line, message: 'The first line must be the header "Account ID,Email".' });
      return false;
    }
    this.columns = { id, email: names.indexOf('email') };
    return true;
  }

  private problemOf(id: string, mail: string): string | null {
    if (!ACCOUNT_ID_PATTERN.test(id)) {
      const hint = /^\d{1,11}$/.test(id) ? ' (a spreadsheet may have dropped leading zeros)' : '';
      return `"${id.slice(0, 40)}" is not a 12-digit AWS account id${hint}.`;
    }
    if (mail !== '' && !email.safeParse(mail).success) return `"${mail.slice(0, 80)}" is not a valid email address.`;
    const first = this.seen.get(id);
    return first === undefined ? null : `Account ${id} is already on line ${first}.`;
  }

  /** A line that gives no account: listed (or counted) when it has a problem to tell, `null` for a blank one. */
  private unusable(line: number, message: string | null): boolean {
    this.bad++;
    if (this.bad > MAX_BAD_LINES) {
      this.errors.push({
        line,
        message: `More than ${MAX_BAD_LINES} lines cannot be used: this line and the rest were not read.`,
      });
      return false;
    }
    if (message === null) return true;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ line, message });
    else this.moreErrors++;
    return true;
  }
}

/**
 * Parses the text of a members CSV without holding the event loop. Never throws for bad lines:
 * they are listed in `errors` (the first MAX_LISTED_ERRORS; `moreErrors` counts the others).
 */
export async function parseMembersCsv(text: string | Buffer): Promise<Parsed> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const collector = new MembersCollector();
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  let stopped = false;
  try {
    await pipeline(Readable.from(chunks(bytes)), parser, async (records: AsyncIterable<CsvRecord>) => {
      for await (const record of records) {
        if (collector.take(record)) continue;
        // Stopping ends the pipeline: the rest is never parsed.
        stopped = true;
        return;
      }
    });
  } catch (error) {
    // A stop of ours ends the pipeline as a premature close: what was read stands.
    if (!stopped) {
      const line = (error as { lines?: number }).lines ?? 1;
      return {
        accounts: [],
        errors: [{ line, message: `The file is not valid CSV: ${(error as Error).message}` }],
        moreErrors: 0,
      };
    }
  }
  if (!collector.sawHeader && collector.errors.length === 0) {
    return { accounts: [], errors: [{ line: 1, message: 'The file is empty.' }], moreErrors: 0 };
  }
  return { accounts: collector.accounts, errors: collector.errors, moreErrors: collector.moreErrors };
}

/** Reads and parses a members CSV file; a file that cannot be read is a typed error. */
export async function readMembersCsv(file: string): Promise<MembersCsvImport> {
  // Only a regular file, and only the bytes read count: /dev/zero reports size 0 and never ends.
  const read = await readRegularFile(file, MAX_CSV_BYTES);
  if (!read.ok) {
    if (read.reason === 'too-large') {
      throw new AppErrorException(
        appError('invalid-input', `${file} is larger than ${byteSize(MAX_CSV_BYTES)}: that is not a members CSV.`, {
          remediation: CSV_REMEDIATION,
        }),
      );
    }
    if (read.reason === 'not-regular') {
      throw new AppErrorException(appError('invalid-input', read.error.message, { remediation: CSV_REMEDIATION }));
    }
    throw new AppErrorException(appError('config', `The file ${file} could not be read (${read.code ?? 'unknown'}).`));
  }
  return { path: file, ...(await parseMembersCsv(read.bytes)) };
}

const CSV_REMEDIATION = 'Choose a CSV file with the header "Account ID,Email" and one account per line.';

/**
 * Member accounts from a CSV file, in the format the Security Hub console accepts: a header line
 * `Account ID,Email` and one account per line (Email may be empty). The file is read and checked
 * here in main; the window only gets the accounts and, per line, what was wrong.
 */

import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppErrorException, appError } from '../../domain/errors';
import { ACCOUNT_ID_PATTERN } from '../../domain/ids';
import type { MembersCsvImport } from '../../domain/types';
import { byteSize, readRegularFile } from '../storage/regular-file';

/** More than CreateMembers could ever take for one administrator and region (1,000 members). */
export const MAX_CSV_ACCOUNTS = 1000;
const MAX_CSV_BYTES = 1024 * 1024;

const email = z.email().max(320);

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z]/g, '');

/** Parses the text of a members CSV. Never throws for bad lines: they are listed in `errors`. */
export function parseMembersCsv(text: string): Omit<MembersCsvImport, 'path'> {
  const accounts: MembersCsvImport['accounts'] = [];
  const errors: MembersCsvImport['errors'] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { accounts, errors: [{ line, message: `The file is not valid CSV: ${(error as Error).message}` }] };
  }
  const [head, ...rows] = records;
  if (!head) return { accounts, errors: [{ line: 1, message: 'The file is empty.' }] };
  const columns = head.record.map(normalise);
  const idColumn = columns.indexOf('accountid');
  const emailColumn = columns.indexOf('email');
  if (idColumn < 0) {
    return {
      accounts,
      errors: [{ line: head.info.lines, message: 'The first line must be the header "Account ID,Email".' }],
    };
  }
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const id = record[idColumn] ?? '';
    const mail = emailColumn >= 0 ? (record[emailColumn] ?? '') : '';
    if (record.every((cell) => cell === '')) continue;
    if (!ACCOUNT_ID_PATTERN.test(id)) {
      const hint = /^\d{1,11}$/.test(id) ? ' (a spreadsheet may have dropped leading zeros)' : '';
      errors.push({ line, message: `"${id.slice(0, 40)}" is not a 12-digit AWS account id${hint}.` });
      continue;
    }
    if (mail !== '' && !email.safeParse(mail).success) {
      errors.push({ line, message: `"${mail.slice(0, 80)}" is not a valid email address.` });
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      errors.push({ line, message: `Account ${id} is already on line ${first}.` });
      continue;
    }
    if (accounts.length >= MAX_CSV_ACCOUNTS) {
      errors.push({ line, message: `More than ${MAX_CSV_ACCOUNTS} accounts: this line and the rest were not read.` });
      break;
    }
    seen.set(id, line);
    accounts.push(mail ? { accountId: id, email: mail } : { accountId: id });
  }
  return { accounts, errors };
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
  return { path: file, ...parseMembersCsv(read.bytes.toString('utf8')) };
}

const CSV_REMEDIATION = 'Choose a CSV file with the header "Account ID,Email" and one account per line.';

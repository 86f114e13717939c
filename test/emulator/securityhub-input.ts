/**
 * Input checks shared by the Security Hub handlers: account id lists, MaxResults ranges, booleans in
 * the query, and opaque NextTokens (paging.ts).
 */
import { AwsError, firstValue, type Query } from './http-util';
import { decodeToken, slicePage } from './paging';

export const invalidInput = (message: string) => new AwsError(400, 'InvalidInputException', message);

const ACCOUNT_ID = /^\d{12}$/;

/** A required list of 12-digit account ids; a malformed id refuses the whole request, as AWS does. */
export function accountIdList(body: Record<string, unknown>, field: string, max = 1000): string[] {
  const value = body[field];
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidInput(`Invalid parameter '${field}': a non-empty list of account IDs is required.`);
  }
  if (value.length > max) throw invalidInput(`Invalid parameter '${field}': at most ${max} account IDs per call.`);
  for (const id of value) {
    if (typeof id !== 'string' || !ACCOUNT_ID.test(id)) {
      throw invalidInput(`Invalid parameter '${field}': account ID ${JSON.stringify(id)} is not a 12-digit number.`);
    }
  }
  return [...new Set(value as string[])];
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidInput(`Invalid parameter '${field}': a value is required.`);
  }
  return value;
}

export function accountIdField(body: Record<string, unknown>, field: string): string {
  const value = requiredString(body, field);
  if (!ACCOUNT_ID.test(value)) {
    throw invalidInput(`Invalid parameter '${field}': ${value} is not a 12-digit account ID.`);
  }
  return value;
}

export function maxResults(query: Query, max: number, fallback: number): number {
  const raw = firstValue(query, 'MaxResults');
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw invalidInput(`Invalid parameter 'MaxResults': must be an integer between 1 and ${max}.`);
  }
  return n;
}

export function booleanQuery(query: Query, field: string, fallback: boolean): boolean {
  const raw = firstValue(query, field);
  if (raw === undefined || raw === '') return fallback;
  if (raw.toLowerCase() === 'true') return true;
  if (raw.toLowerCase() === 'false') return false;
  throw invalidInput(`Invalid parameter '${field}': must be true or false.`);
}

/** Slices one page out of `items`; NextToken is present only when more remain. */
export function page<T>(items: T[], query: Query, operation: string, max: number, fallback: number) {
  const size = maxResults(query, max, fallback);
  const token = firstValue(query, 'NextToken');
  const offset = token ? decodeToken(token, operation) : 0;
  if (offset === null) throw invalidInput("Invalid parameter 'NextToken': the token is not valid or has expired.");
  return slicePage(items, offset, size, operation);
}

/**
 * Hostile requests for the IPC fuzz suite.
 *
 * Two kinds:
 * - `hostilePayload(valid)`: random payloads (anything fast-check can build that survives Electron's
 *   structured clone, huge and control-character strings, prototype-pollution keys, deep nesting,
 *   NaN/Infinity, arrays for objects) and valid requests with one field replaced by such a value.
 *   Whether one of them is valid is decided by the contract's schema; the suite then checks that the
 *   backend agrees (invalid: refused with no effect; valid: a typed answer).
 * - `nearValidMutations(sample)`: a valid request with exactly one field changed so that it is
 *   invalid BY CONSTRUCTION (wrong type, out of range, over a length limit, off the field's pattern,
 *   an unknown key). These do not consult the schema: if a check is dropped from the contract, the
 *   mutation gets through and the suite fails.
 */
import fc from 'fast-check';
import { INVITATION_ID_MAX, PROFILE_NAME_MAX, REGION_MAX } from '../../main/domain/limits';

/** Longer than every string limit of the contract (the longest, clipboard text, is 100 000). */
export const HUGE_LENGTH = 100_001;

type Path = (string | number)[];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value nested `depth` levels deep, as arrays or objects (recursion limits, stack use). */
export function deeplyNested(depth: number, as: 'array' | 'object'): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = as === 'array' ? [v] : { a: v };
  return v;
}

/** An object with an OWN `__proto__` key (what JSON.parse or a structured clone can produce). */
export function withOwnKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

const controlChars = fc.constantFrom('\u0000', '\u0007', '\u001b[31m', '\r\n', '\u202e', '\u2028', '\ufeff', '\ud800');
const controlString = fc
  .array(fc.oneof(controlChars, fc.string({ maxLength: 5 })), { maxLength: 20 })
  .map((parts) => parts.join(''));
const hugeString = fc
  .tuple(fc.constantFrom('a', '\u0000', '𝔘', '\u202e', '9'), fc.integer({ min: HUGE_LENGTH, max: HUGE_LENGTH + 50 }))
  .map(([c, n]) => c.repeat(n).slice(0, n));
const specialNumber = fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 2 ** 53 + 2, 1e308, -1, 0.5);
const pollution = fc.constantFrom(
  () => JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  () => ({ constructor: { prototype: { polluted: 'yes' } } }),
  () => withOwnKey({}, '__proto__', { polluted: 'yes' }),
  () => Object.create(null) as unknown,
);
const deep = fc
  .tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, as]) => deeplyNested(depth, as));

/** One hostile value (for a whole payload or for one field). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  // Everything structured clone carries: Maps, Sets, Dates, typed and sparse arrays, BigInt, boxed values.
  fc.anything({
    maxDepth: 4,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.string()),
  hugeString,
  controlString,
  specialNumber,
  pollution.map((make) => make()),
  deep,
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
);

/** Every path into a value (objects and arrays), the root included. */
export function pathsOf(value: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : isPlainObject(value)
      ? Object.entries(value)
      : [];
  for (const [key, child] of children) out.push(...pathsOf(child, [...path, key]));
  return out;
}

/** A copy of `value` with the node at `path` replaced (the root when path is empty). */
export function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const obj = value as Record<string, unknown>;
  return { ...obj, [head as string]: replaceAt(obj[head as string], rest, replacement) };
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
}

/** Random payloads for one channel: wholly hostile, or a valid request with one field made hostile. */
export function hostilePayload(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const oneField = fc.tuple(valid, fc.nat(), hostileValue).map(([payload, n, bad]) => {
    const paths = pathsOf(payload);
    return replaceAt(payload, paths[n % paths.length] ?? [], bad);
  });
  // Own keys that could pollute a prototype, and a key long enough to test that a refusal does not echo it whole.
  const pollutedKey = fc
    .tuple(valid, fc.constantFrom('__proto__', 'constructor', 'prototype', 'k'.repeat(HUGE_LENGTH)), hostileValue)
    .map(([payload, key, bad]) => (isPlainObject(payload) ? withOwnKey(payload, key, bad) : payload));
  return fc.oneof(
    hostileValue,
    oneField,
    pollutedKey,
    valid.map((p) => [p]),
  );
}

// --- one-field mutations that are invalid by construction -----------------------------------

/** Wrong-type replacements by the type of the valid value. Every number of the contract is an integer. */
function wrongTypes(value: unknown): unknown[] {
  const huge = 'x'.repeat(HUGE_LENGTH);
  if (typeof value === 'string') return [42, true, ['x'], { toString: 'x' }, huge];
  if (typeof value === 'number') return ['7', Number.NaN, Infinity, -Infinity, 1.5, true, [7]];
  if (typeof value === 'boolean') return ['true', 0, 1, [true]];
  if (value === null) return [0, false, [], {}];
  if (Array.isArray(value)) return [{}, 'x', 0, { 0: value[0], length: 1 }];
  if (isPlainObject(value)) return [[value], 'x', 0, true, deeplyNested(300, 'object')];
  return [];
}

const regionStrings = ['', 'US-EAST-1', 'us-east-1 ', ' us-east-1', 'us-east-1\n', 'us_east_1', 'us-east-1/../x'];
regionStrings.push(`us-${'a'.repeat(REGION_MAX)}-1`);
const accountStrings = ['', '12345678901', '1234567890123', '12345678901a', ' 123456789012', '123456789012\n'];
accountStrings.push('１２３４５６７８９０１２'); // full-width digits: \d is ASCII only
const profileStrings = ['', 'p'.repeat(PROFILE_NAME_MAX + 1)];
const repeatFirst = (n: number) => (sample: unknown[]) => [Array.from({ length: n }, () => sample[0])];

interface FieldRule {
  /** A z.record, not a strict object: zod drops an own `__proto__` key of a record instead of refusing it. */
  record?: boolean;
  string?: unknown[];
  number?: unknown[];
  object?: unknown[];
  /** Arrays of the wrong length, built from the valid array. */
  array?: (sample: unknown[]) => unknown[][];
}

/** Field-specific invalid values: the limits and patterns of contract/api.ts, restated independently. */
const FIELD_RULES: Record<string, FieldRule> = {
  region: { string: regionStrings },
  regions: { string: regionStrings, array: (s) => [[], ...repeatFirst(41)(s)] },
  defaultRegions: { string: regionStrings, array: repeatFirst(41) },
  profileRegions: {
    record: true,
    string: regionStrings,
    array: repeatFirst(41),
    object: [{ '': ['us-east-1'] }, { ['p'.repeat(PROFILE_NAME_MAX + 1)]: ['us-east-1'] }, { admin: 'us-east-1' }],
  },
  profile: { string: profileStrings },
  administratorProfile: { string: profileStrings },
  memberProfile: { string: profileStrings },
  hiddenProfiles: { string: profileStrings, array: repeatFirst(10_001) },
  accountId: { string: accountStrings },
  administratorId: { string: accountStrings },
  accountIds: { string: accountStrings, array: (s) => [[], ...repeatFirst(1001)(s)] },
  accounts: { array: (s) => [[], ...repeatFirst(1001)(s)] },
  rows: { array: (s) => [[], ...repeatFirst(10_001)(s)] },
  invitationId: { string: ['', 'i'.repeat(INVITATION_ID_MAX + 1)] },
  refreshId: { string: ['', 'r'.repeat(101)] },
  promptId: { string: ['', 'p'.repeat(101)] },
  code: { string: ['12345', '1234567', 'abcdef', '12345\n', '１２３４５６'] },
  email: { string: ['not-an-email', '@example.com', 'a@', `${'a'.repeat(320)}@example.com`] },
  kind: { string: ['ALL', 'everything', ''] },
  action: { string: ['delete', 'ACCEPT', ''] },
  format: { string: ['xml', 'CSV', ''] },
  theme: { string: ['neon', 'Dark', ''] },
  selectedView: { string: ['v'.repeat(201)] },
  url: { string: ['u'.repeat(2049)] },
  concurrency: { number: [0, 257, -1] },
  autoRefreshMinutes: { number: [-1, 1441] },
  callTimeoutMs: { number: [999, 300_001] },
  limit: { number: [0, 10_001] },
};

/** The rule for a path: its nearest named field (array indices and record keys are skipped). */
function ruleFor(path: Path): FieldRule | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string' && Object.hasOwn(FIELD_RULES, segment)) return FIELD_RULES[segment];
  }
  return undefined;
}

function fieldSpecific(value: unknown, rule: FieldRule | undefined): unknown[] {
  if (!rule) return [];
  if (typeof value === 'string') return rule.string ?? [];
  if (typeof value === 'number') return rule.number ?? [];
  if (Array.isArray(value)) return rule.array?.(value) ?? [];
  if (isPlainObject(value)) return rule.object ?? [];
  return [];
}

export interface Mutation {
  label: string;
  payload: unknown;
}

/** Every one-field mutation of a valid request; each must be refused as an invalid request. */
export function nearValidMutations(sample: unknown): Mutation[] {
  const out: Mutation[] = [];
  for (const path of pathsOf(sample)) {
    const value = valueAt(sample, path);
    const where = path.length ? path.join('.') : '(root)';
    const replacements = [...wrongTypes(value), ...fieldSpecific(value, ruleFor(path))];
    replacements.forEach((r, i) => {
      out.push({ label: `${where} #${i}`, payload: replaceAt(sample, path, r) });
    });
    if (isPlainObject(value)) {
      // Unknown keys: every object of the contract is strict, and no record takes a number as a value.
      // A record's own `__proto__` key is dropped by zod (never reaches a handler), so it is not refused:
      // ipc-fuzz-valid.test.ts checks that it is dropped.
      const record = path.length > 0 && ruleFor(path)?.record === true;
      const keys = ['__proto__', 'constructor', 'prototype', 'toString', 'unknownField'];
      for (const key of keys.filter((k) => !(record && k === '__proto__'))) {
        out.push({ label: `${where} +${key}`, payload: replaceAt(sample, path, withOwnKey(value, key, 1)) });
      }
    }
  }
  return out;
}

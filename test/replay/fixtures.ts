/**
 * Published AWS answers, one JSON file each in fixtures/: where it was published, the day it was
 * read, the operation it answers, and every change made to the published text (with why). They are
 * checked here, so a fixture that loses its source or its reason for a change fails every test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const FIXTURES_DIR = path.join(import.meta.dirname, 'fixtures');

const common = {
  source: z.url(),
  read: z.iso.date(),
  /**
   * `<service>:<Operation>` (securityhub, guardduty, macie2, detective, organizations, iam: the
   * signing names; sso: the portal, unsigned), `sts:<Action>`, or `<service>:*` for an answer any
   * operation of the service can get.
   */
  operation: z
    .string()
    .regex(/^(securityhub|guardduty|macie2|detective|organizations|iam|sso|sts):(\*|[A-Z][A-Za-z]+)$/),
  /** What the source shows, when it is not the body itself (an error as a tool printed it). */
  quoted: z.string().min(1).optional(),
  status: z.number().int().min(200).max(599),
  changes: z.array(z.string().min(1)),
};

const success = z.strictObject({
  ...common,
  headers: z.record(z.string(), z.string()).optional(),
  body: z.union([z.string(), z.record(z.string(), z.unknown())]),
});

const failure = z.strictObject({
  ...common,
  error: z.strictObject({ code: z.string().min(1), message: z.string().min(1) }),
});

export const fixtureSchema = z.union([success, failure]);
export type Fixture = z.infer<typeof fixtureSchema> & { name: string };

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function fixture(name: string): Fixture {
  const file = path.join(FIXTURES_DIR, `${name}.json`);
  const parsed = fixtureSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, name };
}

/**
 * Endless pagination, for every paged read of every registered service (test/helpers/paged-reads.ts
 * lists them; the first test checks the list against the services' own source): the hostile
 * stand-in server answers the read with the same NextToken forever, with a new token every page
 * forever, or with pages of a megabyte each and a new token every page, and the app reads it through
 * its real doors — the command line's `status` and the backend's channels. Each time the requests
 * are bounded, what the app keeps is bounded, and the row or the answer says what happened.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CAP } from '../../../main/core/aws/pagination';
import { SERVICES } from '../../../main/core/services/registry';
import type { ServiceRow } from '../../../main/domain/row';
import { runCliInProcess } from '../../helpers/cli-process';
import { type HostileBackend, startHostileBackend } from '../../helpers/hostile-backend';
import {
  type Answer,
  answers,
  type HostileRequest,
  type HostileServer,
  startHostileServer,
} from '../../helpers/hostile-server';
import { bulkyEntry, PAGED_READS, type PagedRead, type PagedReadDoor } from '../../helpers/paged-reads';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SERVICES_DIR = path.join(ROOT, 'main/core/services');
/** The heap the command line is given below: a tenth of what a thousand megabyte pages would take. */
const CLI_HEAP_MB = 160;
const SAME_TOKEN_MESSAGE =
  "AWS kept answering with the same page token (as botocore refuses: 'The same next token was received twice')";

let server: HostileServer;
let hostile: HostileBackend;

beforeAll(async () => {
  server = await startHostileServer();
  hostile = await startHostileBackend(server);
});
afterAll(async () => {
  await hostile?.close();
  await server?.stop();
});
afterEach(() => {
  expect(hostile.unexpected.map((u) => `${u.channel}: ${String(u.error)}`)).toEqual([]);
});

/** Every `.ts` file under a service's folder. */
function sourceOf(serviceId: string): string {
  const dir = path.join(SERVICES_DIR, serviceId);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

/** Answers `read` with `pageAnswer`, the STS identity and the service's other answers around it. */
function routeRead(serviceId: string, read: PagedRead, pageAnswer: (req: HostileRequest, n: number) => Answer) {
  const around = PAGED_READS[serviceId]?.around ?? (() => null);
  let n = 0;
  server.route((req) => {
    if (req.action === 'GetCallerIdentity') return answers.callerIdentity('111111111111');
    if (read.matches(req)) return pageAnswer(req, n++);
    return answers.json(around(req) ?? {});
  });
}

/** A page of `read` with 50 entries of 20,000 characters each (a megabyte), naming page `n + 1` next. */
function megabytePage(read: PagedRead, n: number): Answer {
  const entries = Array.from({ length: 50 }, (_, i) => bulkyEntry(read, `${i}`.padEnd(20_000, '.')));
  return answers.json({
    ...read.page,
    [Object.keys(read.page)[0] ?? 'Items']: entries,
    [read.tokenField ?? 'NextToken']: `page-${n + 1}`,
  });
}

function requestsOf(read: Pick<PagedRead, 'matches'>, from: number): number {
  return server.requests.slice(from).filter((r) => read.matches(r)).length;
}

/** What the app says after reading `read` through `door`: the row's words, or the channel's error. */
async function readThrough(serviceId: string, door: PagedReadDoor): Promise<string> {
  const where = { service: serviceId, profile: hostile.profile, region: hostile.region };
  if (door === 'status') {
    const { code, stdout, stderr } = await runCliInProcess(
      ['status', '--profile', hostile.profile, '--region', hostile.region, '--service', serviceId, '--output', 'json'],
      hostile.env,
      hostile.dir,
    );
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
    const rows = (JSON.parse(stdout) as { rows: ServiceRow[] }).rows;
    expect(rows).toHaveLength(1);
    expect(code).toBeLessThanOrEqual(1);
    return JSON.stringify([rows[0]?.error, rows[0]?.partialErrors]);
  }
  // The product catalogue is Security Hub CSPM's own channel: it names no service.
  const payload =
    door === 'members:list' ? { ...where, onlyAssociated: false } : { profile: where.profile, region: where.region };
  const result = await hostile.backend.invoke(door, payload);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error.message;
}

const CASES = SERVICES.flatMap((service) =>
  (PAGED_READS[service.about.id]?.reads ?? []).flatMap((read) =>
    read.doors.map((door) => ({
      service: service.about.id,
      read,
      door,
      name: `${service.about.id} ${read.operation} via ${door}`,
    })),
  ),
);

describe('the paged reads under test', () => {
  it('are every listing each registered service pages', () => {
    for (const service of SERVICES) {
      const id = service.about.id;
      const source = sourceOf(id);
      const paged = [...source.matchAll(/readPages\(\s*\w+,\s*'(\w+)'/g)].map((m) => m[1]);
      const paginators = [...source.matchAll(/\bpaginate(\w+)\(/g)].map((m) => m[1]);
      const listed = (PAGED_READS[id]?.reads ?? []).map((r) => r.operation);
      expect(paged.length, `${id} pages nothing through readPages`).toBeGreaterThan(0);
      expect(new Set(listed), `test/helpers/paged-reads.ts must list ${id}'s paged reads`).toEqual(new Set(paged));
      for (const p of paginators) expect(paged, `${id} calls paginate${p} outside readPages`).toContain(p);
    }
  });
});

describe.each(CASES)('$name', ({ service, read, door }) => {
  it('stops when AWS answers with the same page token forever, and says so', async () => {
    routeRead(service, read, () => answers.endlessToken(read.page, read.tokenField ? { field: read.tokenField } : {}));
    const from = server.requests.length;
    const said = await readThrough(service, door);
    const sent = requestsOf(read, from);
    console.log(`${service} ${read.operation} via ${door}, the same token forever: ${sent} requests`);
    // The first page and the one that repeated its token.
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(sent).toBeLessThanOrEqual(3);
    expect(said).toContain(`The app stopped reading ${read.operation} after 2 pages`);
    expect(said).toContain(SAME_TOKEN_MESSAGE);
  });
});

describe.each(CASES.filter((c) => c.door === c.read.doors[0]))('$name', ({ service, read, door }) => {
  it(`stops at ${PAGE_CAP} pages when every page names a new one`, async () => {
    routeRead(service, read, (_req, n) =>
      answers.json({ ...read.page, [read.tokenField ?? 'NextToken']: `page-${n + 1}` }),
    );
    const from = server.requests.length;
    const said = await readThrough(service, door);
    const sent = requestsOf(read, from);
    console.log(`${service} ${read.operation} via ${door}, a new token every page: ${sent} requests`);
    expect(sent).toBe(PAGE_CAP);
    expect(said).toContain(
      `stopped reading ${read.operation} after ${PAGE_CAP} pages: AWS kept giving a new page token`,
    );
  }, 120_000);

  it('stops once the pages add up to more than any listing, a megabyte a page', async () => {
    routeRead(service, read, (_req, n) => megabytePage(read, n));
    const from = server.requests.length;
    const said = await readThrough(service, door);
    const sent = requestsOf(read, from);
    const bytes = server.responses.slice(from).reduce((sum, r) => sum + (read.matches(r.request) ? r.bytesSent : 0), 0);
    console.log(
      `${service} ${read.operation} via ${door}, a megabyte a page: ${sent} requests, ${(bytes / 2 ** 20).toFixed(0)} MB sent`,
    );
    expect(said).toMatch(/its pages added up to more than 32 MB/);
    // 32 MB of pages, and the page that went past it.
    expect(sent).toBeLessThanOrEqual(36);
    expect(bytes).toBeLessThan(36 * 2 ** 20);
  }, 120_000);
});

const CHUNKED = SERVICES.flatMap((service) =>
  (PAGED_READS[service.about.id]?.chunked ?? []).map((read) => ({
    service: service.about.id,
    read,
    name: `${service.about.id} ${read.operation} via members:get`,
  })),
);

describe.each(CHUNKED)('$name', ({ service, read }) => {
  it('sends one call per chunk of the accounts asked for, whatever the answers name as a next page', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => String(200_000_000_000 + i));
    server.route((req) => {
      if (req.action === 'GetCallerIdentity') return answers.callerIdentity('111111111111');
      if (read.matches(req)) return answers.endlessToken({ Members: [], UnprocessedAccounts: [] });
      return answers.json(PAGED_READS[service]?.around(req) ?? {});
    });
    const from = server.requests.length;
    const result = await hostile.backend.invoke('members:get', {
      service,
      profile: hostile.profile,
      region: hostile.region,
      accountIds: ids,
    });
    const sent = requestsOf(read, from);
    console.log(`${service} ${read.operation} for 1,000 accounts, every answer naming a next page: ${sent} requests`);
    expect(result.ok).toBe(true);
    expect(sent).toBe(Math.ceil(ids.length / read.perCall));
  });
});

describe.each(CASES.filter((c) => c.door === 'status'))('$name, in its own process', ({ service, read }) => {
  it(`keeps the command line within a ${CLI_HEAP_MB} MB heap, a megabyte a page`, async () => {
    routeRead(service, read, (_req, n) => megabytePage(read, n));
    const from = server.requests.length;
    const run = await promisify(execFile)(
      process.execPath,
      [
        `--max-old-space-size=${CLI_HEAP_MB}`,
        '--import',
        'tsx',
        'main/cli/main.ts',
        'status',
        '--profile',
        hostile.profile,
        '--region',
        hostile.region,
        '--service',
        service,
      ],
      { cwd: ROOT, env: hostile.env, timeout: 120_000, maxBuffer: 16 * 2 ** 20 },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code?: number; signal?: string; stdout?: string; stderr?: string }) => ({
        code: e.code ?? e.signal ?? -1,
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? '',
      }),
    );
    const sent = requestsOf(read, from);
    console.log(
      `${service} ${read.operation} via the status command, a megabyte a page: exit ${run.code}, ${sent} requests`,
    );
    expect(run.stderr).not.toMatch(/heap out of memory|FATAL ERROR/);
    // The row is shown (one part of it could not be read): the table says why.
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toContain(`stopped reading ${read.operation}`);
    expect(run.stdout).toContain('its pages added up to more than 32 MB');
    expect(sent).toBeLessThanOrEqual(36);
  }, 180_000);
});

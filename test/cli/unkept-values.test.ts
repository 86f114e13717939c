/**
 * An AWS value longer than the app keeps (an administrator id of 20,000 characters from the hostile
 * stand-in): `status` says the administrator is unknown and why — not that there is none — and so
 * does the row the next start loads from the snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackCachedRows } from '../../main/domain/cached-rows';
import type { ServiceRow } from '../../main/domain/row';
import { runCliInProcess } from '../helpers/cli-process';
import { type HostileBackend, startHostileBackend } from '../helpers/hostile-backend';
import { answers, type HostileServer, startHostileServer } from '../helpers/hostile-server';

const LONG_ID = '9'.repeat(20_000);
let server: HostileServer;
let hostile: HostileBackend;

beforeAll(async () => {
  server = await startHostileServer();
  server.route((req) => {
    if (req.action === 'GetCallerIdentity') return answers.callerIdentity('111111111111');
    if (req.path === '/administrator') {
      return answers.json({ Administrator: { AccountId: LONG_ID, InvitationId: 'x', MemberStatus: 'Enabled' } });
    }
    return answers.json({});
  });
  hostile = await startHostileBackend(server);
});
afterAll(async () => {
  await hostile?.close();
  await server?.stop();
});

const UNKNOWN = /AWS named an administrator with a value the app cannot keep .* so the administrator is unknown\./;

describe('an administrator id longer than the app keeps', () => {
  it('status says unknown, and why', async () => {
    const args = ['status', '--profile', hostile.profile, '--region', hostile.region, '--service', 'securityhub'];
    const table = await runCliInProcess(args, hostile.env, hostile.dir);
    const line = table.stdout.split('\n').find((l) => l.startsWith(hostile.profile)) ?? '';
    expect(line).toMatch(/ unknown /);
    expect(line).toMatch(UNKNOWN);
    expect(table.stdout).not.toContain(LONG_ID);

    const json = await runCliInProcess([...args, '--json'], hostile.env, hostile.dir);
    const [row] = (JSON.parse(json.stdout) as { rows: ServiceRow[] }).rows;
    expect(row?.administrators).toEqual([]);
    expect(row?.partialErrors.map((p) => p.part)).toEqual(['administrator']);
  });

  it('the row the next start loads says the same', async () => {
    const first = await startHostileBackend(server);
    await first.readRows();
    // The snapshot writer batches for 20 ms; disposing writes what is left.
    await first.backend.dispose();
    const again = await startHostileBackend(server, { dir: first.dir });
    try {
      const cached = await again.backend.invoke('snapshots:cached', undefined);
      expect(cached.ok).toBe(true);
      // The stand-in speaks Security Hub CSPM's administrator answer; the other services' rows say nothing of it.
      const rows = (cached.ok ? unpackCachedRows(cached.value as Parameters<typeof unpackCachedRows>[0]) : []).filter(
        (row) => row.service === 'securityhub',
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.administrators).toEqual([]);
        expect(row.partialErrors.find((p) => p.part === 'administrator')?.error.message).toMatch(UNKNOWN);
      }
    } finally {
      await again.close();
    }
  });
});

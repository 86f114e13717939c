/**
 * The handshake across two local profiles, against the emulator through the real SDK: each step's
 * result, resuming from state already there, stopping at the first failure, and the activity log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../contract/api';
import type { HandshakeStep } from '../../../main/domain/types';
import { appErrorOf, type Harness, startHarness } from '../harness';

let h: Harness;
afterEach(() => h?.close());

const brief = (steps: HandshakeStep[]) => steps.map((s) => `${s.region}:${s.step}:${s.status}`);

describe('handshake', () => {
  it('creates, invites and accepts in every chosen region, then skips everything on a second run', async () => {
    h = await startHarness();
    const result = await h.backend.handlers['handshake:run']({
      administratorProfile: 'admin',
      memberProfile: 'sandbox-role',
      regions: ['us-east-1', 'eu-west-1'],
    });
    expect(result).toMatchObject({ administratorAccountId: '111111111111', memberAccountId: '666666666666' });
    expect(brief(result.steps)).toEqual([
      'us-east-1:create:done',
      'us-east-1:invite:done',
      'us-east-1:accept:done',
      'eu-west-1:create:done',
      'eu-west-1:invite:done',
      'eu-west-1:accept:done',
    ]);
    for (const region of ['us-east-1', 'eu-west-1']) {
      expect((await h.row('sandbox-role', region)).administrators[0]).toMatchObject({
        accountId: '111111111111',
        memberStatus: 'Enabled',
      });
    }
    const progress = h.events.filter(
      (e): e is Extract<AppEvent, { type: 'handshake-progress' }> => e.type === 'handshake-progress',
    );
    expect(progress.map((e) => e.step)).toEqual(result.steps);

    h.emulator.clearLog();
    const again = await h.backend.handlers['handshake:run']({
      administratorProfile: 'admin',
      memberProfile: 'sandbox-role',
      regions: ['us-east-1', 'eu-west-1'],
    });
    expect(again.steps.every((s) => s.status === 'skipped')).toBe(true);
    expect(h.operations('CreateMembers')).toEqual([]);
    expect(h.operations('InviteMembers')).toEqual([]);
    expect(h.operations('AcceptAdministratorInvitation')).toEqual([]);
    const log = await h.backend.handlers['activity:list']({ limit: 30 });
    // The second run did nothing: already done, as the command reports it; the first one succeeded.
    expect(log[0]).toMatchObject({ action: 'handshake', outcome: 'already-done', target: 'sandbox-role' });
    expect(log.filter((e) => e.action === 'handshake').map((e) => e.outcome)).toEqual(['already-done', 'succeeded']);
    expect(log.filter((e) => e.action === 'create-members')).toHaveLength(2);
    expect(log.filter((e) => e.action === 'accept' && e.outcome === 'succeeded')).toHaveLength(2);
  }, 60_000);

  it('resumes: an account already created and invited only needs the accept', async () => {
    h = await startHarness();
    h.emulator.clearLog();
    const result = await h.backend.handlers['handshake:run']({
      administratorProfile: 'admin',
      memberProfile: 'member-pending',
      regions: ['us-east-1'],
    });
    expect(brief(result.steps)).toEqual([
      'us-east-1:create:skipped',
      'us-east-1:invite:skipped',
      'us-east-1:accept:done',
    ]);
    expect(result.steps[1]?.message).toMatch(/already invited/);
    expect(h.operations('CreateMembers')).toEqual([]);
    expect(h.operations('InviteMembers')).toEqual([]);
  }, 60_000);

  it('stops at the first failure: Security Hub off on the member side leaves that region and the next untouched', async () => {
    h = await startHarness();
    h.emulator.clearLog();
    const result = await h.backend.handlers['handshake:run']({
      administratorProfile: 'admin',
      memberProfile: 'hub-off',
      regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
    });
    expect(brief(result.steps)).toEqual([
      'us-east-1:create:skipped',
      'us-east-1:invite:skipped',
      'us-east-1:accept:done',
      'eu-west-1:create:failed',
      'eu-west-1:invite:not-run',
      'eu-west-1:accept:not-run',
      'ap-southeast-2:create:not-run',
      'ap-southeast-2:invite:not-run',
      'ap-southeast-2:accept:not-run',
    ]);
    const failed = result.steps[3];
    expect(failed?.error?.kind).toBe('service-off');
    expect(failed?.message).toMatch(/Security Hub is off in eu-west-1 for the member account 555555555555/);
    expect(h.emulator.requestLog().filter((e) => e.region !== 'us-east-1' && e.operation === 'CreateMembers')).toEqual(
      [],
    );
    const log = await h.backend.handlers['activity:list']({ limit: 1 });
    expect(log[0]).toMatchObject({ action: 'handshake', outcome: 'failed' });
  }, 60_000);

  it('refuses a member that already has another administrator, before any write', async () => {
    h = await startHarness();
    h.emulator.clearLog();
    // 333333333333 (member-enabled) is an Enabled member of 111111111111; sso-dev is 888888888888.
    const result = await h.backend.handlers['handshake:run']({
      administratorProfile: 'sso-dev',
      memberProfile: 'member-enabled',
      regions: ['us-east-1'],
    });
    expect(brief(result.steps)).toEqual([
      'us-east-1:create:failed',
      'us-east-1:invite:not-run',
      'us-east-1:accept:not-run',
    ]);
    expect(result.steps[0]?.error?.kind).toBe('refused');
    expect(result.steps[0]?.message).toMatch(/already has an administrator in us-east-1 \(111111111111\)/);
    expect(h.operations('CreateMembers')).toEqual([]);
    expect((await h.backend.handlers['activity:list']({ limit: 1 }))[0]).toMatchObject({
      action: 'handshake',
      outcome: 'refused',
    });
  }, 60_000);

  it('an organization account the delegated administrator adds is enabled at once: no invitation is sent or accepted', async () => {
    h = await startHarness();
    h.emulator.clearLog();
    // 111111111111 (admin) is the organization's delegated administrator; 888888888888 (sso-dev) is an
    // organization account that is no member of it yet.
    const result = await h.backend.handlers['handshake:run']({
      administratorProfile: 'admin',
      memberProfile: 'sso-dev',
      regions: ['us-east-1'],
    });
    expect(brief(result.steps)).toEqual([
      'us-east-1:create:done',
      'us-east-1:invite:skipped',
      'us-east-1:accept:skipped',
    ]);
    expect(result.steps[0]?.message).toMatch(/enabled at once through AWS Organizations/);
    expect(result.steps[1]?.message).toMatch(/no invitation/);
    expect(h.operations('CreateMembers')).toHaveLength(1);
    expect(h.operations('InviteMembers')).toEqual([]);
    expect(h.operations('AcceptAdministratorInvitation')).toEqual([]);
    expect((await h.row('sso-dev', 'us-east-1')).administrators[0]).toMatchObject({
      accountId: '111111111111',
      memberStatus: 'Enabled',
    });
    expect((await h.backend.handlers['activity:list']({ limit: 1 }))[0]).toMatchObject({
      action: 'handshake',
      outcome: 'succeeded',
    });
  }, 60_000);

  it('stops before anything when a profile needs sign-in, and refuses in read-only mode', async () => {
    h = await startHarness();
    h.emulator.clearLog();
    const result = await h.backend.handlers['handshake:run']({
      administratorProfile: 'admin',
      memberProfile: 'sso-signed-out',
      regions: ['us-east-1', 'eu-west-1'],
    });
    expect(result.steps[0]).toMatchObject({ step: 'create', status: 'failed', error: { kind: 'sign-in-needed' } });
    expect(result.steps.slice(1).every((s) => s.status === 'not-run')).toBe(true);
    expect(result.steps).toHaveLength(6);
    expect(h.operations('CreateMembers')).toEqual([]);

    await h.backend.handlers['settings:update']({ readOnly: true });
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['handshake:run']({
        administratorProfile: 'admin',
        memberProfile: 'sandbox-role',
        regions: ['us-east-1'],
      }),
    );
    expect(error.kind).toBe('read-only');
    expect(h.emulator.requestLog()).toEqual([]);
    const same = await appErrorOf(
      h.backend.handlers['handshake:run']({
        administratorProfile: 'admin',
        memberProfile: 'admin',
        regions: ['us-east-1'],
      }),
    );
    expect(same.kind).toBe('read-only');
  }, 60_000);
});

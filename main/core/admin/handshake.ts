/**
 * The handshake across two local profiles: the administrator's profile adds the member account
 * (CreateMembers, when it is not a member yet) and invites it (InviteMembers); the member's profile
 * finds the invitation (ListInvitations) and accepts it (AcceptAdministratorInvitation) — region by
 * region.
 *
 * Each region's state is read before anything is done, so a step already done is skipped and a
 * second run resumes where the first stopped. The first failure stops the whole run: the steps
 * after it are reported as not run. Every write goes through the ordinary actions (read-only mode,
 * refusals, activity log); the run adds one summary entry. A `handshake-progress` event follows
 * every step.
 */

import { randomUUID } from 'node:crypto';
import type { AppError, HandshakeResult, HandshakeStep, HandshakeStepName, MemberInfo } from '../../../preload/api';
import { appError, HANDSHAKE_STEPS } from '../../../preload/api';
import { AppErrorException } from '../../domain/errors';
import { type BulkEnv, errorOfUnknown, readOnlyError } from '../actions/bulk';
import { acceptInvitation, readRowNow, stsRegionFor } from '../actions/member';
import { createIdentityResolver } from '../aws/identity';
import { type CallRunner, getMembers, type HubContext } from '../aws/securityhub';
import { readMemberSide } from '../rows/read-row';
import { recordActivity } from '../storage/activity';
import { memberBatch } from './members';

export interface HandshakeRequest {
  administratorProfile: string;
  memberProfile: string;
  regions: string[];
}

/** Member statuses that mean "already created by this administrator": no CreateMembers needed. */
const CREATED = new Set(['created', 'invited', 'enabled', 'associated']);

class StepFailure extends Error {
  constructor(
    readonly step: HandshakeStepName,
    readonly error: AppError,
  ) {
    super(error.message);
  }
}

function refused(message: string, remediation: string | null = null): AppError {
  return appError('refused', message, { remediation });
}

export async function runHandshake(env: BulkEnv, req: HandshakeRequest): Promise<HandshakeResult> {
  const handshakeId = randomUUID();
  const regions = [...new Set(req.regions)];
  const steps: HandshakeStep[] = [];
  const adminProfile = req.administratorProfile;
  const memberProfile = req.memberProfile;
  const logSummary = (outcome: 'succeeded' | 'failed' | 'refused', detail: string, accountId: string | null) =>
    recordActivity(env.activity, {
      profile: adminProfile,
      accountId,
      region: regions.join(',').slice(0, 64),
      action: 'handshake',
      target: memberProfile,
      outcome,
      detail,
      requestId: null,
    });
  const push = (step: HandshakeStep) => {
    steps.push(step);
    env.emit({ type: 'handshake-progress', handshakeId, step });
  };
  /** Marks `failedStep` of `region` failed and every step not reached yet (all regions) not run. */
  const stopAt = (region: string, failedStep: HandshakeStepName, error: AppError) => {
    push({ region, step: failedStep, status: 'failed', message: error.message, error });
    for (const r of regions.slice(regions.indexOf(region))) {
      for (const step of HANDSHAKE_STEPS) {
        if (steps.some((s) => s.region === r && s.step === step)) continue;
        push({ region: r, step, status: 'not-run', message: 'Not run: an earlier step failed.' });
      }
    }
  };

  if (env.settings().readOnly) {
    const error = readOnlyError();
    await logSummary('refused', error.appError.message, null);
    throw error;
  }
  if (adminProfile === memberProfile) {
    throw new AppErrorException(refused('The administrator and the member must be two different profiles.'));
  }

  const resolver = createIdentityResolver((p, r) => env.clients.sts(p, r));
  const run =
    (key: string): CallRunner =>
    (_operation, call) =>
      env.scheduler.run({ priority: -1, key }, call);
  const firstRegion = regions[0] as string;
  const who = async (profile: string) =>
    resolver.resolve(profile, await stsRegionFor(env, profile, firstRegion), run(`sts:${profile}`));
  const [adminId, memberId] = await Promise.all([who(adminProfile), who(memberProfile)]);
  if (!adminId.ok || !memberId.ok) {
    const error = !adminId.ok ? adminId.error : (memberId as { ok: false; error: AppError }).error;
    const which = !adminId.ok ? adminProfile : memberProfile;
    stopAt(firstRegion, 'create', { ...error, message: `Profile ${which}: ${error.message}` });
    await logSummary('failed', `Profile ${which}: ${error.message}`, adminId.ok ? adminId.identity.accountId : null);
    return {
      administratorAccountId: adminId.ok ? adminId.identity.accountId : null,
      memberAccountId: memberId.ok ? memberId.identity.accountId : null,
      steps,
    };
  }
  const admin = adminId.identity.accountId;
  const member = memberId.identity.accountId;
  if (admin === member) {
    throw new AppErrorException(
      refused(
        `Profiles ${adminProfile} and ${memberProfile} are the same account (${admin}): it cannot be its own member.`,
      ),
    );
  }
  const ctxOf = (profile: string, account: string, region: string): HubContext => ({
    client: env.clients.securityHub(profile, region),
    profile,
    region,
    identityOk: true,
    run: run(`${account}/${region}`),
  });

  for (const region of regions) {
    try {
      await handshakeRegion(region);
    } catch (error) {
      const failure =
        error instanceof StepFailure ? error : new StepFailure(currentStep(region), errorOfUnknown(error));
      stopAt(region, failure.step, failure.error);
      break;
    }
  }

  function currentStep(region: string): HandshakeStepName {
    const doneHere = steps.filter((s) => s.region === region).length;
    return HANDSHAKE_STEPS[Math.min(doneHere, HANDSHAKE_STEPS.length - 1)] as HandshakeStepName;
  }

  async function handshakeRegion(region: string): Promise<void> {
    const adminCtx = ctxOf(adminProfile, admin, region);
    const memberCtx = ctxOf(memberProfile, member, region);
    // Read both sides first: what is already done is skipped, what AWS would refuse is not tried.
    const side = await readMemberSide(memberCtx).catch((error: unknown) => {
      const e = errorOfUnknown(error);
      throw new StepFailure(
        'create',
        e.kind === 'hub-off'
          ? {
              ...e,
              message: `Security Hub is off in ${region} for the member account ${member}: it could not accept, so nothing was started there.`,
              remediation: `Enable Security Hub in ${region} with profile ${memberProfile}, then run the handshake again.`,
            }
          : { ...e, message: `Reading the member side (${memberProfile}) failed: ${e.message}` },
      );
    });
    const current = side.administrator;
    const enabled = current !== null && current.memberStatus.toLowerCase() === 'enabled';
    if (enabled && current?.accountId === admin) {
      for (const step of HANDSHAKE_STEPS) {
        push({ region, step, status: 'skipped', message: `${member} is already an Enabled member of ${admin}.` });
      }
      return;
    }
    if (enabled && current) {
      throw new StepFailure(
        'create',
        refused(
          `${member} already has an administrator in ${region} (${current.accountId}); an account can have only one.`,
          `Disassociate ${member} from ${current.accountId} first.`,
        ),
      );
    }
    let record: MemberInfo | null;
    try {
      record = (await getMembers(adminCtx, [member])).value.members.find((m) => m.accountId === member) ?? null;
    } catch (error) {
      const e = errorOfUnknown(error);
      throw new StepFailure('create', {
        ...e,
        message: `Reading the administrator side (${adminProfile}) failed: ${e.message}`,
      });
    }
    const status = record?.memberStatus.toLowerCase() ?? null;

    // 1. create
    if (status !== null && CREATED.has(status)) {
      push({
        region,
        step: 'create',
        status: 'skipped',
        message: `${member} is already a member of ${admin} (${record?.memberStatus}).`,
      });
    } else {
      await batchStep(region, 'create', 'CreateMembers', `Added ${member} as a member of ${admin}.`);
    }

    // 2. invite
    const pending = side.pending.find((i) => i.accountId === admin);
    if (status === 'invited' && pending) {
      push({
        region,
        step: 'invite',
        status: 'skipped',
        message: `${admin} already invited ${member} (invitation ${pending.invitationId}).`,
      });
    } else {
      await batchStep(region, 'invite', 'InviteMembers', `Invited ${member}.`);
    }

    // 3. accept: find the invitation as the member sees it now.
    const now = await readMemberSide(memberCtx).catch((error: unknown) => {
      throw new StepFailure('accept', errorOfUnknown(error));
    });
    const invitation = now.pending.find((i) => i.accountId === admin);
    if (!invitation) {
      throw new StepFailure(
        'accept',
        appError('not-found', `No invitation from ${admin} reached ${member} in ${region}.`, { retryable: true }),
      );
    }
    try {
      const outcome = await acceptInvitation(env, {
        profile: memberProfile,
        region,
        administratorId: admin,
        invitationId: invitation.invitationId,
      });
      push({ region, step: 'accept', status: 'done', message: outcome.message });
    } catch (error) {
      throw new StepFailure('accept', errorOfUnknown(error));
    }
    // The accept re-read the member's row; the administrator's row still lists the member as Invited.
    // Re-read it too, so the stored rows match and the next refresh does not report the user's own
    // handshake as news. A failed re-read leaves that to the next refresh; the handshake itself is done.
    await readRowNow(env, adminProfile, region).catch(() => undefined);
  }

  async function batchStep(
    region: string,
    step: HandshakeStepName,
    operation: 'CreateMembers' | 'InviteMembers',
    message: string,
  ): Promise<void> {
    let outcome: Awaited<ReturnType<typeof memberBatch>>;
    try {
      outcome = await memberBatch(env, operation, { profile: adminProfile, region, accounts: [{ accountId: member }] });
    } catch (error) {
      throw new StepFailure(step, errorOfUnknown(error));
    }
    const left = outcome.unprocessed.find((u) => u.accountId === member);
    if (left) {
      throw new StepFailure(step, appError('conflict', `AWS did not process ${member} (${operation}): ${left.reason}`));
    }
    push({ region, step, status: 'done', message });
  }

  const failed = steps.find((s) => s.status === 'failed');
  const doneCount = steps.filter((s) => s.status === 'done').length;
  const detail = failed
    ? `Stopped in ${failed.region} at ${failed.step}: ${failed.message}`
    : `${member} is an Enabled member of ${admin} in ${regions.join(', ')} (${doneCount} steps done, the rest already so).`;
  await logSummary(failed ? (failed.error?.kind === 'refused' ? 'refused' : 'failed') : 'succeeded', detail, admin);
  return { administratorAccountId: admin, memberAccountId: member, steps };
}

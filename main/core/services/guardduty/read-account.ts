/**
 * GuardDuty's part of a row. ListDetectors and ListInvitations first (one round trip; ListInvitations
 * needs no detector), then on the detector GetAdministratorAccount and the first ListMembers page
 * (more pages only for an administrator of more than 50). Once the detector is known (detectors.ts)
 * the four become three calls in one round trip, as Security Hub CSPM's. No detector is GuardDuty off
 * (`state: 'off'`), not an error: the row still lists the invitations waiting there, which can be
 * accepted by turning GuardDuty on first. A single failing read leaves the rest of the row usable.
 */
import { OPT_IN_REGIONS } from '../../../domain/regions';
import { deprecatedReadNote, type Part, partOf, pendingInvitations, rowWideAnswer } from '../row-parts';
import type { AccountPart } from '../service';
import { detectorOf, isForeignDetector, knowsDetector, readOnDetector } from './detectors';
import { type Context, getAdministrator, listInvitations, listMembers, listMembersPage } from './reads';

/** The detector-scoped reads of a row, each a Part; a kept detector AWS no longer knows is read again. */
function detectorReads(ctx: Context) {
  return readOnDetector(ctx, async (detectorId) => {
    const [admin, firstMembers] = await Promise.all([
      partOf(getAdministrator(ctx, detectorId)),
      partOf(listMembersPage(ctx, detectorId, false)),
    ]);
    for (const p of [admin, firstMembers]) if (!p.ok && isForeignDetector(p.error)) throw p.error;
    return { admin, firstMembers };
  });
}

/** The detector reads' part where the probe found no detector (null) or failed (its error). */
function noDetectorReads(probed: Part<string | null>): Part<null> {
  return probed.ok ? { ok: true, value: null } : probed;
}

export async function readAccount(ctx: Context): Promise<AccountPart> {
  const part: AccountPart = {
    state: 'error',
    administrators: [],
    pendingInvitations: [],
    members: null,
    error: null,
    partialErrors: [],
    notes: [],
    principalDependent: false,
  };
  // An opt-in region may not be enabled for the account, and an organization's policy may deny
  // GuardDuty where the account-region has not answered it yet (ctx.probeFirst): one call finds out
  // before more fail, so a denied region costs one AccessDenied event, not two.
  let probed: Part<string | null> | null = null;
  if ((OPT_IN_REGIONS.has(ctx.region) || ctx.probeFirst === true) && !knowsDetector(ctx)) {
    probed = await partOf(detectorOf(ctx));
    const wide = rowWideAnswer([probed]);
    if (wide) return { ...part, ...wide };
  }
  const [invitations, onDetector] = await Promise.all([
    partOf(listInvitations(ctx)),
    // The probe's answer is this read's: no detector is not kept between reads (one may be created
    // any time), and a ListDetectors that failed is not sent again.
    probed && (!probed.ok || probed.value === null)
      ? Promise.resolve(noDetectorReads(probed))
      : partOf(detectorReads(ctx)),
  ]);
  const found = onDetector.ok ? onDetector.value : null;
  const parts: Part<unknown>[] = [
    onDetector,
    invitations,
    ...(found ? [found.value.admin, found.value.firstMembers] : []),
  ];
  const wide = rowWideAnswer(parts);
  if (wide) return { ...part, ...wide };
  part.principalDependent = parts.some((p) => !p.ok && p.error.kind === 'access-denied');
  if (!onDetector.ok) {
    // Whether GuardDuty is on is not known: the row is an error, with the invitations it could read.
    return {
      ...part,
      error: onDetector.error,
      pendingInvitations: invitations.ok ? pendingInvitations(invitations.value.value, []) : [],
    };
  }
  if (!found) {
    part.state = 'off';
    if (invitations.ok) part.pendingInvitations = pendingInvitations(invitations.value.value, []);
    else part.partialErrors.push({ part: 'invitations', error: invitations.error });
    return part;
  }
  part.state = 'on';
  const { admin, firstMembers } = found.value;
  const members = firstMembers.ok
    ? await partOf(listMembers(ctx, found.detectorId, false, firstMembers.value.value))
    : firstMembers;
  if (admin.ok) {
    const administrator = admin.value.value;
    part.administrators = administrator ? [administrator] : [];
    if (admin.value.usedDeprecated) {
      part.principalDependent = true;
      part.notes.push(deprecatedReadNote('guardduty', admin.value.operation, 'GetAdministratorAccount'));
    }
  } else part.partialErrors.push({ part: 'administrator', error: admin.error });
  if (invitations.ok) part.pendingInvitations = pendingInvitations(invitations.value.value, part.administrators);
  else part.partialErrors.push({ part: 'invitations', error: invitations.error });
  if (members.ok) part.members = members.value;
  else {
    if (members.error.kind === 'access-denied') part.principalDependent = true;
    part.partialErrors.push({ part: 'members', error: members.error });
  }
  return part;
}

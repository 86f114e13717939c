/**
 * The scenario's sections for GuardDuty, Macie, Detective and the organization's service control
 * policies, with their cross-reference checks. Statuses are each service model's own spelling:
 * GuardDuty's RelationshipStatus is free text (the values real code meets are listed), Macie's and
 * Detective's are enums in their models (botocore guardduty/2017-11-28, macie2/2020-01-01,
 * detective/2018-10-26).
 */
import { z } from 'zod';
import { accountId, awsService, email, type Issue, isoTime, region } from './scenario-fields';

/** Values GuardDuty sends (hashicorp/terraform-provider-aws guardduty/member.go, the AWS samples' enableguardduty.py). */
export const GUARDDUTY_STATUSES = [
  'Created',
  'Invited',
  'Enabled',
  'Disabled',
  'Removed',
  'Resigned',
  'EmailVerificationInProgress',
  'EmailVerificationFailed',
] as const;

/** Macie's RelationshipStatus enum (macie2 model). */
export const MACIE_STATUSES = [
  'Enabled',
  'Paused',
  'Invited',
  'Created',
  'Removed',
  'Resigned',
  'EmailVerificationInProgress',
  'EmailVerificationFailed',
  'RegionDisabled',
  'AccountSuspended',
] as const;

/** Detective's MemberStatus enum (detective model). */
export const DETECTIVE_STATUSES = [
  'INVITED',
  'VERIFICATION_IN_PROGRESS',
  'VERIFICATION_FAILED',
  'ENABLED',
  'ACCEPTED_BUT_DISABLED',
] as const;

const relationshipMember = <S extends readonly [string, ...string[]]>(statuses: S) =>
  z.strictObject({
    accountId,
    email: email.optional(),
    status: z.enum(statuses),
    /** Enrolled through AWS Organizations: no invitation; the member cannot leave. */
    viaOrganizations: z.boolean().default(false),
    invitedAt: isoTime.optional(),
    updatedAt: isoTime.optional(),
  });

const administrators = <S extends readonly [string, ...string[]]>(statuses: S, max: number) =>
  z.array(z.strictObject({ accountId, region, members: z.array(relationshipMember(statuses)).max(max) })).default([]);

export const guardDutySection = z
  .strictObject({
    /** A detector is GuardDuty on in that region (ListDetectors lists it). */
    detectors: z
      .array(
        z.strictObject({
          accountId,
          regions: z.array(region).min(1),
          status: z.enum(['ENABLED', 'DISABLED']).default('ENABLED'),
        }),
      )
      .default([]),
    /** GuardDuty's documented member quota is 5,000 per administrator (user guide, guardduty_accounts). */
    administrators: administrators(GUARDDUTY_STATUSES, 5000),
  })
  .default({ detectors: [], administrators: [] });

export const macieSection = z
  .strictObject({
    /** Macie on (GetMacieSession answers; status ENABLED or PAUSED). Anywhere else Macie is off. */
    sessions: z
      .array(
        z.strictObject({
          accountId,
          regions: z.array(region).min(1),
          status: z.enum(['ENABLED', 'PAUSED']).default('ENABLED'),
        }),
      )
      .default([]),
    administrators: administrators(MACIE_STATUSES, 10_000),
    /**
     * Whether ListInvitations and GetInvitationsCount answer while Macie is off. AWS does not say;
     * false (they answer "Macie is not enabled." like every other operation) is the default.
     */
    invitationsWhileOff: z.boolean().default(false),
  })
  .default({ sessions: [], administrators: [], invitationsWhileOff: false });

const detectiveMember = z.strictObject({
  accountId,
  email: email.optional(),
  status: z.enum(DETECTIVE_STATUSES),
  /** An organization account in the organization behavior graph: InvitationType ORGANIZATION. */
  viaOrganizations: z.boolean().default(false),
  disabledReason: z.enum(['VOLUME_TOO_HIGH', 'VOLUME_UNKNOWN']).optional(),
  invitedAt: isoTime.optional(),
  updatedAt: isoTime.optional(),
});

export const detectiveSection = z
  .strictObject({
    graphs: z
      .array(
        z.strictObject({
          administratorId: accountId,
          region,
          /** The graph ARN's id (32 hex digits); derived from administrator and region when absent. */
          graphId: z
            .string()
            .regex(/^[0-9a-f]{32}$/, 'must be 32 hex digits')
            .optional(),
          createdAt: isoTime.optional(),
          /** Detective's quota: 1,200 member accounts per behavior graph (ServiceQuotaExceededException doc). */
          members: z.array(detectiveMember).max(1200),
        }),
      )
      .default([]),
  })
  .default({ graphs: [] });

const policyArn = z
  .string()
  .regex(
    /^arn:aws:organizations::\d{12}:policy\/o-[a-z0-9]{10,32}\/service_control_policy\/p-[a-z0-9]{8,128}$/,
    'must be an SCP ARN such as arn:aws:organizations::111111111111:policy/o-exampleorgid/service_control_policy/p-examplepolicyid',
  );

export const scpDenialsSection = z
  .array(
    z
      .strictObject({
        accountIds: z.array(accountId).min(1),
        /** The regions the policy denies … */
        regions: z.array(region).min(1).optional(),
        /** … or the only regions it allows (a region-deny SCP): every other region is denied. */
        allowedRegions: z.array(region).min(1).optional(),
        /** The services it denies there; absent: every one the emulator serves (never STS). */
        services: z.array(awsService).min(1).optional(),
        /** Appended to the denial as AWS now does (access.ts). */
        policyArn: policyArn.optional(),
      })
      .refine((d) => (d.regions === undefined) !== (d.allowedRegions === undefined), {
        message: 'give either regions (denied) or allowedRegions (all others denied)',
      }),
  )
  .default([]);

interface ServiceSections {
  guardduty: z.output<typeof guardDutySection>;
  macie: z.output<typeof macieSection>;
  detective: z.output<typeof detectiveSection>;
  scpDenials: z.output<typeof scpDenialsSection>;
}

/** Every account and region a section names must exist; one administrator per member and region. */
export function checkServiceSections(
  s: ServiceSections,
  accounts: Set<string>,
  regions: Set<string>,
  issue: Issue,
): void {
  const known = (path: (string | number)[], id: string) => {
    if (!accounts.has(id)) issue(path, `unknown account ${id}`);
  };
  const inRegions = (path: (string | number)[], r: string) => {
    if (!regions.has(r)) issue(path, `${r} is not in regions`);
  };
  for (const [name, section] of [
    ['guardduty', s.guardduty.detectors],
    ['macie', s.macie.sessions],
  ] as const) {
    const key = name === 'guardduty' ? 'detectors' : 'sessions';
    section.forEach((d, i) => {
      known([name, key, i, 'accountId'], d.accountId);
      d.regions.forEach((r, j) => {
        inRegions([name, key, i, 'regions', j], r);
      });
    });
  }
  for (const [name, list, active] of [
    ['guardduty', s.guardduty.administrators, ['Enabled', 'Disabled']],
    ['macie', s.macie.administrators, ['Enabled', 'Paused']],
  ] as const) {
    const linked = new Map<string, string>();
    list.forEach((a, i) => {
      known([name, 'administrators', i, 'accountId'], a.accountId);
      inRegions([name, 'administrators', i, 'region'], a.region);
      a.members.forEach((m, j) => {
        const path = [name, 'administrators', i, 'members', j];
        known([...path, 'accountId'], m.accountId);
        if (m.accountId === a.accountId) issue([...path, 'accountId'], 'an administrator cannot be its own member');
        if (m.viaOrganizations && !(active as readonly string[]).includes(m.status)) {
          issue([...path, 'status'], `an Organizations member must be ${active.join(' or ')}`);
        }
        if (!(active as readonly string[]).includes(m.status)) return;
        const where = `${m.accountId}:${a.region}`;
        const other = linked.get(where);
        if (other && other !== a.accountId) {
          issue([...path, 'accountId'], `${m.accountId} already has administrator ${other} in ${a.region}`);
        }
        linked.set(where, a.accountId);
      });
    });
  }
  const graphs = new Set<string>();
  s.detective.graphs.forEach((g, i) => {
    known(['detective', 'graphs', i, 'administratorId'], g.administratorId);
    inRegions(['detective', 'graphs', i, 'region'], g.region);
    const where = `${g.administratorId}:${g.region}`;
    if (graphs.has(where)) {
      issue(['detective', 'graphs', i], `${g.administratorId} already has a behavior graph in ${g.region}`);
    }
    graphs.add(where);
    g.members.forEach((m, j) => {
      const path = ['detective', 'graphs', i, 'members', j];
      known([...path, 'accountId'], m.accountId);
      if (m.accountId === g.administratorId) issue([...path, 'accountId'], 'the administrator is not its own member');
      if (m.viaOrganizations && m.status !== 'ENABLED' && m.status !== 'ACCEPTED_BUT_DISABLED') {
        issue([...path, 'status'], 'an organization account is ENABLED or ACCEPTED_BUT_DISABLED');
      }
    });
  });
  s.scpDenials.forEach((d, i) => {
    d.accountIds.forEach((id, j) => {
      known(['scpDenials', i, 'accountIds', j], id);
    });
  });
}

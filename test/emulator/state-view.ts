/** The plain-data view of the state for assertions and GET /__emulator/state. Secrets are left out. */
import type { Relationships } from './relationships';
import type { EmulatorState } from './state';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** One service's administrators (member lists) and member sides (administrator, invitations received). */
function relationshipsView(book: Relationships) {
  return {
    administrators: [...book.adminMembers].map(([k, members]) => {
      const [accountId, region] = k.split(':');
      const list = [...members.values()].map((m) => ({
        ...m,
        invitedAt: iso(m.invitedAt),
        updatedAt: iso(m.updatedAt),
      }));
      return { accountId, region, members: list };
    }),
    memberSides: [...book.memberSides].map(([k, side]) => {
      const [accountId, region] = k.split(':');
      const administrator = side.administrator && {
        ...side.administrator,
        invitedAt: iso(side.administrator.invitedAt),
      };
      const invitations = [...side.invitations.values()].map((i) => ({ ...i, invitedAt: iso(i.invitedAt) }));
      return { accountId, region, administrator, invitations };
    }),
  };
}

export function stateView(state: EmulatorState) {
  const securityHub = relationshipsView(state.securityHub);
  return {
    regions: [...state.regions],
    optInRegions: [...state.optInRegions],
    accounts: [...state.accounts.values()].map((a) => ({
      id: a.id,
      optInRegions: [...a.optInRegions],
      hubs: Object.fromEntries([...a.hubs].map(([r, d]) => [r, d.toISOString()])),
      defaultStandards: [...a.defaultStandards],
      alias: a.alias,
    })),
    principals: [...state.credentials.values()].map((c) => ({
      accessKeyId: c.accessKeyId,
      accountId: c.accountId,
      arn: c.arn,
      temporary: c.sessionToken !== null,
      expiresAt: c.expiresAt ? new Date(c.expiresAt).toISOString() : null,
      mfaAuthenticated: c.mfaAuthenticated,
      deniedActions: [...c.deniedActions],
    })),
    /** Security Hub's administrators and member sides (kept at the top level, as before the other services). */
    administrators: securityHub.administrators,
    memberSides: securityHub.memberSides,
    guardduty: {
      detectors: [...state.guardduty.detectors.values()].map((d) => ({
        ...d,
        createdAt: iso(d.createdAt),
        updatedAt: iso(d.updatedAt),
      })),
      ...relationshipsView(state.guardduty.book),
    },
    macie: {
      sessions: [...state.macie.sessions].map(([k, s]) => {
        const [accountId, region] = k.split(':');
        return { accountId, region, status: s.status, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) };
      }),
      ...relationshipsView(state.macie.book),
    },
    detective: {
      graphs: [...state.detective.graphs.values()].map((g) => ({
        arn: g.arn,
        administratorId: g.administratorId,
        region: g.region,
        createdAt: iso(g.createdAt),
        members: [...g.members.values()].map((m) => ({
          ...m,
          invitedAt: iso(m.invitedAt),
          updatedAt: iso(m.updatedAt),
        })),
      })),
    },
    scpDenials: state.scp.map((r) => ({
      accountIds: [...r.accountIds],
      regions: r.regions ? [...r.regions] : null,
      allowedRegions: r.allowedRegions ? [...r.allowedRegions] : null,
      services: r.services ? [...r.services] : null,
      policyArn: r.policyArn,
    })),
    organization: state.organization && {
      id: state.organization.id,
      managementAccountId: state.organization.managementAccountId,
      accounts: [...state.organization.accounts.values()].map((a) => ({ ...a, joinedAt: a.joinedAt.toISOString() })),
      delegatedAdministrators: state.organization.delegated.map((d) => ({
        ...d,
        enabledAt: d.enabledAt.toISOString(),
      })),
      securityHub: state.organization.securityHub,
    },
    productsPerRegion: state.scenario.productsPerRegion,
  };
}

export type StateView = ReturnType<typeof stateView>;

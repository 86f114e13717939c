/** The plain-data view of the state for assertions and GET /__emulator/state. Secrets are left out. */
import type { EmulatorState } from './state';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function stateView(state: EmulatorState) {
  return {
    regions: [...state.regions],
    optInRegions: [...state.optInRegions],
    accounts: [...state.accounts.values()].map((a) => ({
      id: a.id,
      optInRegions: [...a.optInRegions],
      hubs: Object.fromEntries([...a.hubs].map(([r, d]) => [r, d.toISOString()])),
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
    administrators: [...state.adminMembers].map(([k, members]) => {
      const [accountId, region] = k.split(':');
      const list = [...members.values()].map((m) => ({
        ...m,
        invitedAt: iso(m.invitedAt),
        updatedAt: iso(m.updatedAt),
      }));
      return { accountId, region, members: list };
    }),
    memberSides: [...state.memberSides].map(([k, side]) => {
      const [accountId, region] = k.split(':');
      const administrator = side.administrator && {
        ...side.administrator,
        invitedAt: iso(side.administrator.invitedAt),
      };
      const invitations = [...side.invitations.values()].map((i) => ({ ...i, invitedAt: iso(i.invitedAt) }));
      return { accountId, region, administrator, invitations };
    }),
    productsPerRegion: state.scenario.productsPerRegion,
  };
}

export type StateView = ReturnType<typeof stateView>;

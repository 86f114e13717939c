/**
 * Detective's world: behavior graphs (one per administrator and region, "An account can only be the
 * administrator account for one behavior graph within a Region", CreateGraph in the detective model),
 * each with its member accounts. A member may belong to several graphs; every membership is keyed by
 * its graph ARN.
 */
import { randomHex, stableHex32 } from './ids';
import { relationKey } from './relationships';
import type { ParsedScenario } from './scenario-schema';

export interface DetectiveMember {
  accountId: string;
  email: string | null;
  status: string;
  invitationType: 'INVITATION' | 'ORGANIZATION';
  disabledReason: string | null;
  invitedAt: Date | null;
  updatedAt: Date;
}

export interface Graph {
  arn: string;
  administratorId: string;
  region: string;
  createdAt: Date;
  members: Map<string, DetectiveMember>;
}

export const graphArn = (region: string, administratorId: string, id: string) =>
  `arn:aws:detective:${region}:${administratorId}:graph:${id}`;

/** The model's GraphArn pattern. */
export const GRAPH_ARN = /^arn:aws[-\w]{0,10}?:detective:[-\w]{2,20}?:\d{12}?:graph:[abcdef\d]{32}?$/;

const DAY = 86_400_000;

export class DetectiveState {
  readonly graphs = new Map<string, Graph>();
  /** `administrator:region` -> the ARN of its graph. */
  private readonly byAdministrator = new Map<string, string>();

  constructor(section: ParsedScenario['detective'], now: number) {
    for (const g of section.graphs) {
      const graph = this.addGraph(
        g.administratorId,
        g.region,
        g.graphId ?? stableHex32('detective', g.administratorId, g.region),
        new Date(g.createdAt ?? now - 100 * DAY),
      );
      g.members.forEach((m, i) => {
        const invited = m.status !== 'VERIFICATION_IN_PROGRESS' && m.status !== 'VERIFICATION_FAILED';
        const invitedAt = m.viaOrganizations || !invited ? null : new Date(m.invitedAt ?? now - (3 * DAY + i * 60_000));
        graph.members.set(m.accountId, {
          accountId: m.accountId,
          email: m.email ?? null,
          status: m.status,
          invitationType: m.viaOrganizations ? 'ORGANIZATION' : 'INVITATION',
          disabledReason: m.disabledReason ?? null,
          invitedAt,
          updatedAt: new Date(m.updatedAt ?? invitedAt?.getTime() ?? now - DAY),
        });
      });
    }
  }

  private addGraph(administratorId: string, region: string, id: string, createdAt: Date): Graph {
    const graph: Graph = {
      arn: graphArn(region, administratorId, id),
      administratorId,
      region,
      createdAt,
      members: new Map(),
    };
    this.graphs.set(graph.arn, graph);
    this.byAdministrator.set(relationKey(administratorId, region), graph.arn);
    return graph;
  }

  graphOf(administratorId: string, region: string): Graph | undefined {
    const arn = this.byAdministrator.get(relationKey(administratorId, region));
    return arn ? this.graphs.get(arn) : undefined;
  }

  /** CreateGraph: a new graph with a random id. */
  createGraph(administratorId: string, region: string, now: Date): Graph {
    return this.addGraph(administratorId, region, randomHex(16), now);
  }

  /** Every graph of this region the account belongs to, in creation order. */
  membershipsOf(accountId: string, region: string): { graph: Graph; member: DetectiveMember }[] {
    const out: { graph: Graph; member: DetectiveMember }[] = [];
    for (const graph of this.graphs.values()) {
      if (graph.region !== region) continue;
      const member = graph.members.get(accountId);
      if (member) out.push({ graph, member });
    }
    return out;
  }
}

/**
 * Authorization refusals in AWS's words: a principal's own policy (`deniedActions`) and a service
 * control policy of the organization (`scpDenials`). Both are explicit denies; the text names the
 * policy type, which is how a client tells "grant it" from "the organization forbids it".
 *
 * Wording: "User: <principal ARN> is not authorized to perform: <service>:<Operation> on resource:
 * <ARN> with an explicit deny in a service control policy" — quoted from real runs (e.g.
 * kubernetes-sigs/aws-load-balancer-controller#2322) and the IAM user guide's access-denied pages.
 * AWS now appends the denying policy's ARN (": arn:aws:organizations::…:policy/o-…/
 * service_control_policy/p-…"; the IAM user guide's troubleshoot_access-denied-authorization-id.html
 * shows the same form for an identity-based policy, read 2026-12-03); since when, and for which
 * requests, is not documented. A scenario rule with `policyArn` answers that form, one without it the
 * classic one; clients must read both. The Access Troubleshooter suffix ("Go to
 * … or call the GetRequestAuthorizationDetails API …") is in preview and "not guaranteed for each
 * denied request" (same page): left out.
 */
import type { ParsedScenario } from './scenario-schema';

/** The AWS services the emulator serves, by SigV4 signing name (= IAM action prefix). */
export type AwsService = 'securityhub' | 'guardduty' | 'macie2' | 'detective';
export const AWS_SERVICES: readonly AwsService[] = ['securityhub', 'guardduty', 'macie2', 'detective'];

export const identityDenyMessage = (principalArn: string, action: string, resource: string) =>
  `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`;

export const scpDenyMessage = (principalArn: string, action: string, resource: string, policyArn: string | null) =>
  `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in a service control policy${policyArn ? `: ${policyArn}` : ''}`;

export interface ScpRule {
  accountIds: Set<string>;
  /** Denied regions; null when the rule lists the allowed ones instead. */
  regions: Set<string> | null;
  /** Allowed regions (every other region is denied); null when the rule lists denied ones. */
  allowedRegions: Set<string> | null;
  /** Null: every emulated service. STS is never denied (see README, "Service control policies"). */
  services: Set<AwsService> | null;
  policyArn: string | null;
}

export function scpRules(scenario: ParsedScenario): ScpRule[] {
  return scenario.scpDenials.map((d) => ({
    accountIds: new Set(d.accountIds),
    regions: d.regions ? new Set(d.regions) : null,
    allowedRegions: d.allowedRegions ? new Set(d.allowedRegions) : null,
    services: d.services ? new Set(d.services) : null,
    policyArn: d.policyArn ?? null,
  }));
}

/** The first rule that denies this service in this account and region, or null. */
export function scpDenial(rules: ScpRule[], accountId: string, region: string, service: AwsService): ScpRule | null {
  for (const rule of rules) {
    if (!rule.accountIds.has(accountId)) continue;
    if (rule.services && !rule.services.has(service)) continue;
    const denied = rule.regions ? rule.regions.has(region) : !rule.allowedRegions!.has(region);
    if (denied) return rule;
  }
  return null;
}

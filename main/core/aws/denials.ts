/**
 * An AccessDenied answer read for what it is. AWS's denial sentence names the kind of policy that
 * refused (IAM user guide, "Troubleshoot access denied error messages",
 * docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html): "User: <arn> is not
 * authorized to perform: <action> on resource: <arn> with an explicit deny in a <type>" for an
 * explicit deny, "… because no <type> allows the <action> action" for an implicit one, where <type>
 * is a service control policy, resource control policy, identity-based policy, resource-based
 * policy, permissions boundary, session policy or VPC endpoint policy. Older answers end after the
 * resource (the plain form, "… is not authorized to perform: X on resource: Y"): that form came from
 * the principal's own policies. The same page: an SCP denial may read "due to an explicit deny in a
 * Service Control Policy" even when it is implicit — so the type is matched without case or verb.
 *
 * An AccessDenied without "is not authorized to perform" is not an IAM sentence at all: AWS's
 * security services answer "You don't have permissions to access this resource." when the account
 * may not do what it asked (LZA's CreateMembers from an account that was not the delegated
 * administrator, awslabs/landing-zone-accelerator-on-aws#673). Granting a permission changes nothing
 * there, so it never says "grant".
 */
import type { AppErrorKind } from '../../domain/errors';

/** Which policy refused, as the sentence names it; `plain`: the older sentence that names none. */
export type DenialSource =
  | 'identity'
  | 'service-control'
  | 'resource-control'
  | 'permissions-boundary'
  | 'session'
  | 'resource'
  | 'vpc-endpoint';

export interface Denial {
  source: DenialSource;
  /** A Deny statement refused ("with an explicit deny"), rather than no Allow statement. */
  explicit: boolean;
}

const TYPES: [RegExp, DenialSource][] = [
  [/service control polic/i, 'service-control'],
  [/resource control polic/i, 'resource-control'],
  [/identity-based polic/i, 'identity'],
  [/resource-based polic/i, 'resource'],
  [/permissions? boundar/i, 'permissions-boundary'],
  [/sessions? polic/i, 'session'],
  [/vpc endpoint polic/i, 'vpc-endpoint'],
];

/** The IAM sentence's verdict, or null when the message is not an IAM authorization sentence. */
export function denialOf(message: string): Denial | null {
  if (!/not authorized to perform/i.test(message)) return null;
  const context = /(?:with an explicit deny in|because no|due to an explicit deny in)\s+(?:an?\s+|the\s+)?(.*)$/i.exec(
    message,
  );
  const explicit = /explicit deny/i.test(message);
  const type = context ? TYPES.find(([pattern]) => pattern.test(context[1] ?? '')) : undefined;
  return { source: type?.[1] ?? 'identity', explicit };
}

export interface DenialContext {
  /** "for profile "dev" in eu-north-1", or less. */
  where: string;
  /** `profile "dev"` or `the profile`. */
  who: string;
  region: string | undefined;
  /** AWS's name of the service, e.g. "Security Hub CSPM". */
  serviceName: string | undefined;
  operation: string | undefined;
  /** The IAM action, e.g. securityhub:GetAdministratorAccount. */
  action: string | undefined;
  /** The credentials' account, when known. */
  accountId: string | undefined;
}

type Made = { kind: AppErrorKind; message: string; remediation: string };

/** The kind, sentence and remedy of an IAM denial: only a missing identity-based permission says "grant". */
export function explainDenial(denial: Denial, c: DenialContext): Made {
  const what = c.action ?? (c.operation ? `this call (${c.operation})` : 'this call');
  const verb = denial.explicit ? 'denies' : 'does not allow';
  switch (denial.source) {
    case 'service-control':
    case 'resource-control': {
      const policy = denial.source === 'service-control' ? 'service control policy' : 'resource control policy';
      const service = c.serviceName ?? 'this service';
      const region = c.region ?? 'this region';
      return {
        kind: 'organization-policy',
        // About the account, not the profile: every profile reaching the account meets the same policy.
        message: `Your organization's ${policy} ${verb} ${service} in ${region}${c.accountId ? ` for account ${c.accountId}` : ''} (${what}).`,
        remediation: `Nobody in this account can change it: ask your organization's administrators to allow ${service} in ${region}, or leave ${region} out of this profile's regions.`,
      };
    }
    case 'permissions-boundary':
      return {
        kind: 'permissions-boundary',
        message: `The permissions boundary of ${c.who}'s role or user ${verb} ${what}${c.where}.`,
        remediation: `A permissions boundary caps what the role or user may do, whatever its own policies allow: ask the IAM administrator who set the boundary to allow ${what}.`,
      };
    case 'session':
      return {
        kind: 'session-policy',
        message: `The session policy of ${c.who}'s credentials ${verb} ${what}${c.where}.`,
        remediation: `The session was started with a policy narrower than its role (AssumeRole's Policy or PolicyArns, or a federation broker's): start it without that policy, or with one that allows ${what}.`,
      };
    case 'resource':
    case 'vpc-endpoint': {
      const policy = denial.source === 'resource' ? 'resource-based policy' : 'VPC endpoint policy';
      return {
        kind: 'resource-policy',
        message: `A ${policy} ${verb} ${what} for ${c.who}${c.region ? ` in ${c.region}` : ''}.`,
        remediation:
          denial.source === 'resource'
            ? `Ask the owner of the resource to allow the profile's role or user in its policy.`
            : `Ask the network's administrators to allow ${what} in the VPC endpoint's policy, or reach AWS without that endpoint.`,
      };
    }
    case 'identity':
      return denial.explicit
        ? {
            kind: 'access-denied',
            message: `An IAM policy of ${c.who} denies ${what}${c.where}.`,
            remediation: `Remove or narrow the Deny statement naming ${what} in the role's or user's policies (an IAM administrator can).`,
          }
        : {
            kind: 'access-denied',
            message: `IAM does not allow ${what} for ${c.who}${c.region ? ` in ${c.region}` : ''}.`,
            remediation: c.action
              ? `Grant ${c.action} to the profile’s role or user.`
              : 'Ask an administrator to grant the permission.',
          };
  }
}

/** An AccessDenied that is not an IAM sentence (`said`: AWS's sentence): AWS refused what was asked of this account. */
export function serviceRefusal(said: string, c: DenialContext): Made {
  const asked = c.operation ?? 'this call';
  return {
    kind: 'service-refused',
    message: `AWS refused ${asked}${c.where}: ${said} This is not an IAM message, so granting a permission will not change it.`,
    remediation:
      'AWS answers this way when this account may not do what was asked (for example an operation only the organization’s delegated administrator may call): check which account should make this request.',
  };
}

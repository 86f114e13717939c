/**
 * Every form of AWS's denial sentence (IAM user guide, troubleshoot_access-denied.html) is read for
 * the policy it names, and each becomes its own kind of error: only a missing identity-based
 * permission says "grant". Errors are shaped as the SDK throws them (name, message, $metadata).
 */
import { describe, expect, it } from 'vitest';
import { denialOf } from '../../../main/core/aws/denials';
import { type ErrorContext, toAppError } from '../../../main/core/aws/errors';

const ARN = 'User: arn:aws:sts::123456789012:assumed-role/Audit/s is not authorized to perform:';
const ACTION = 'securityhub:ListMembers';
const context: ErrorContext = {
  profile: 'audit',
  region: 'eu-north-1',
  operation: 'ListMembers',
  action: ACTION,
  serviceName: 'Security Hub CSPM',
  accountId: '123456789012',
  identityOk: true,
};
const denied = (message: string, name = 'AccessDeniedException') => ({
  name,
  message,
  $metadata: { httpStatusCode: 403, requestId: 'r-1' },
});

describe('denialOf', () => {
  it('names the policy type of every published form, explicit or implicit', () => {
    const forms: [string, ReturnType<typeof denialOf>][] = [
      [
        `${ARN} ${ACTION} with an explicit deny in a service control policy`,
        { source: 'service-control', explicit: true },
      ],
      [
        `${ARN} ${ACTION} because no service control policy allows the ${ACTION} action`,
        { source: 'service-control', explicit: false },
      ],
      [
        `${ARN} ${ACTION} due to an explicit deny in a Service Control Policy`,
        { source: 'service-control', explicit: true },
      ],
      [
        `${ARN} ${ACTION} on resource: arn:aws:securityhub:eu-north-1:123456789012:hub/default with an explicit deny in a service control policy: arn:aws:organizations::100000000000:policy/o-abc/service_control_policy/p-1`,
        { source: 'service-control', explicit: true },
      ],
      [
        `${ARN} ${ACTION} with an explicit deny in a resource control policy`,
        { source: 'resource-control', explicit: true },
      ],
      [
        `${ARN} ${ACTION} because no identity-based policy allows the ${ACTION} action`,
        { source: 'identity', explicit: false },
      ],
      [`${ARN} ${ACTION} with an explicit deny in an identity-based policy`, { source: 'identity', explicit: true }],
      [
        `${ARN} ${ACTION} on resource: arn:aws:securityhub:eu-north-1:123456789012:hub/default`,
        { source: 'identity', explicit: false },
      ],
      [
        `${ARN} ${ACTION} because no permissions boundary allows the ${ACTION} action`,
        { source: 'permissions-boundary', explicit: false },
      ],
      [
        `${ARN} ${ACTION} with an explicit deny in a permissions boundary`,
        { source: 'permissions-boundary', explicit: true },
      ],
      [
        `${ARN} ${ACTION} because no session policy allows the ${ACTION} action`,
        { source: 'session', explicit: false },
      ],
      [`${ARN} ${ACTION} with an explicit deny in a sessions policy`, { source: 'session', explicit: true }],
      [
        `${ARN} ${ACTION} because no resource-based policy allows the ${ACTION} action`,
        { source: 'resource', explicit: false },
      ],
      [
        `${ARN} ${ACTION} because no VPC endpoint policy allows the ${ACTION} action`,
        { source: 'vpc-endpoint', explicit: false },
      ],
    ];
    for (const [message, expected] of forms) expect(denialOf(message), message).toEqual(expected);
  });

  it('is null for an AccessDenied that is not an IAM sentence', () => {
    expect(denialOf("You don't have permissions to access this resource.")).toBeNull();
    expect(denialOf('Macie is not enabled.')).toBeNull();
  });
});

describe('toAppError on denials', () => {
  it('an SCP denial (the form with the policy ARN too) is the organization’s, not "managed by Organizations"', () => {
    const error = toAppError(
      denied(
        `${ARN} ${ACTION} on resource: arn:aws:securityhub:eu-north-1:123456789012:hub/default with an explicit deny in a service control policy: arn:aws:organizations::100000000000:policy/o-abc/service_control_policy/p-1`,
      ),
      context,
    );
    expect(error).toMatchObject({
      kind: 'organization-policy',
      message:
        "Your organization's service control policy denies Security Hub CSPM in eu-north-1 for account 123456789012 (securityhub:ListMembers).",
      action: ACTION,
      awsCode: 'AccessDeniedException',
    });
    expect(error.remediation).toMatch(/ask your organization's administrators/);
  });

  it('gives each kind its remedy; only a missing identity-based permission says "grant"', () => {
    const kinds = [
      [
        `${ARN} ${ACTION} because no identity-based policy allows the ${ACTION} action`,
        'access-denied',
        /^Grant securityhub:ListMembers/,
      ],
      [
        `${ARN} ${ACTION} with an explicit deny in an identity-based policy`,
        'access-denied',
        /^Remove or narrow the Deny/,
      ],
      [
        `${ARN} ${ACTION} because no permissions boundary allows the ${ACTION} action`,
        'permissions-boundary',
        /boundary/,
      ],
      [`${ARN} ${ACTION} because no session policy allows the ${ACTION} action`, 'session-policy', /session/],
      [
        `${ARN} ${ACTION} because no resource-based policy allows the ${ACTION} action`,
        'resource-policy',
        /owner of the resource/,
      ],
      ["You don't have permissions to access this resource.", 'service-refused', /check which account/],
    ] as const;
    for (const [message, kind, remedy] of kinds) {
      const error = toAppError(denied(message), context);
      expect(error.kind, message).toBe(kind);
      expect(error.remediation, message).toMatch(remedy);
      if (!message.includes('no identity-based policy')) expect(error.remediation, message).not.toMatch(/^Grant/);
    }
  });

  it('an AccessDenied without an IAM sentence says so and never "grant"', () => {
    const error = toAppError(denied("You don't have permissions to access this resource."), context);
    expect(error.message).toBe(
      "AWS refused ListMembers for audit in eu-north-1: You don't have permissions to access this resource. This is not an IAM message, so granting a permission will not change it.",
    );
  });
});

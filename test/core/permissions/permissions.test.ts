/**
 * The least-privilege policy and README.md's permissions table, both from the one table: the README's
 * copy is the generated one, every operation a service's folder sends is in the table (and nothing it
 * never sends), the deprecated names and IAM prefixes are botocore's, and the uses are cumulative.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAME_READS } from '../../../main/core/aws/account-names';
import { permissionsMarkdown, README_BEGIN, README_END } from '../../../main/core/permissions/markdown';
import { NAMES_SID, permissionsPolicy } from '../../../main/core/permissions/policy';
import { permissionTable, serviceLines } from '../../../main/core/permissions/table';
import { SERVICES } from '../../../main/core/services/registry';
import type { SecurityService } from '../../../main/core/services/service';
import { PERMISSION_USES } from '../../../main/domain/permissions';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Every operation name the folder's code passes to `call` or `readPages` (the only ways it reaches
 * AWS), and the batch operations it sends by name from its table of writes (`'create-members': 'CreateMembers'`).
 */
function operationsSentBy(folder: string): Set<string> {
  const sent = new Set<string>();
  for (const file of fs.readdirSync(folder)) {
    if (!file.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    for (const m of text.matchAll(/\b(?:call|readPages)\(\s*ctx,\s*'([A-Za-z]+)'/g)) sent.add(m[1] as string);
    for (const m of text.matchAll(/^\s+'[a-z]+(?:-[a-z]+)+': '([A-Z][A-Za-z]+)',$/gm)) sent.add(m[1] as string);
    // A command built outside `call` (a table of commands by operation, as Detective's member writes).
    for (const m of text.matchAll(/\bnew ([A-Z][A-Za-z]+)Command\(/g)) sent.add(m[1] as string);
  }
  return sent;
}

function actionsOf(policy: ReturnType<typeof permissionsPolicy>['policy']): Set<string> {
  return new Set(policy.Statement.flatMap((s) => s.Action));
}

/**
 * What botocore's model says of an IAM prefix's service: its signing name and deprecated operations —
 * flagged `deprecated`, or documented as "(Deprecated) … This operation has been replaced by …" (the
 * macie2 model marks its "master" operations only so).
 */
function botocoreModel(prefix: string): { signingName: string; deprecated: string[]; operations: string[] } | null {
  try {
    const out = execFileSync(
      'python3',
      [
        '-c',
        [
          'import json, sys, botocore.session',
          'm = botocore.session.get_session().get_service_model(sys.argv[1])',
          'ops = list(m.operation_names)',
          "print(json.dumps({'signingName': m.metadata.get('signingName') or m.metadata.get('endpointPrefix'),",
          "  'deprecated': [o for o in ops if m.operation_model(o).deprecated",
          "    or (m.operation_model(o).documentation or '').startswith('<p>(Deprecated)')], 'operations': ops}))",
        ].join('\n'),
        prefix,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return JSON.parse(out);
  } catch {
    return null;
  }
}

describe('the permissions table', () => {
  it('is what README.md shows, word for word (regenerate with `permissions --markdown`)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf(README_BEGIN);
    const end = readme.indexOf(README_END);
    expect(start, 'README.md has the generated table').toBeGreaterThan(0);
    expect(readme.slice(start, end + README_END.length)).toBe(permissionsMarkdown());
  });

  it('lists exactly the operations each service’s folder sends, under the service’s IAM prefix', () => {
    for (const service of SERVICES) {
      const sent = operationsSentBy(path.join(ROOT, 'main/core/services', service.about.id));
      expect(sent.size, service.about.id).toBeGreaterThan(5);
      const listed = new Set(serviceLines(service).map((line) => line.action));
      const expected = new Set([...sent].map((op) => `${service.iamPrefix}:${op}`));
      expect(listed, service.about.id).toEqual(expected);
    }
  });

  it('lists the account-name reads as optional, exactly the IAM and Organizations pages name-pages.ts sends', () => {
    // The pages go out through the SDK's paginators (`paginateX as Y`: X is the operation; the portal's
    // takes a token, not a permission).
    const text = fs.readFileSync(path.join(ROOT, 'main/core/aws/name-pages.ts'), 'utf8');
    const imports = [...text.matchAll(/import \{([^}]*)\} from '@aws-sdk\/client-(iam|organizations)'/g)];
    const sent = imports.flatMap(([, names, prefix]) =>
      [...(names ?? '').matchAll(/(?<!as )paginate(\w+)/g)].map((m) => `${prefix}:${m[1]}`),
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set(Object.values(NAME_READS).map((r) => `${r.iamPrefix}:${r.operation}`)));
    const names = permissionTable([]);
    expect(names.map((l) => l.action).sort()).toEqual(
      ['iam:ListAccountAliases', 'organizations:ListAccounts', 'organizations:ListDelegatedAdministrators'].sort(),
    );
    expect(names.every((l) => l.optional && l.uses.includes('read'))).toBe(true);
  });

  it('names each service by its IAM prefix and deprecated operations as botocore’s model does', (ctx) => {
    const models = SERVICES.map((service) => [service, botocoreModel(service.iamPrefix)] as const);
    if (models.some(([, model]) => model === null)) ctx.skip();
    for (const [service, model] of models) {
      if (!model) continue;
      const id = service.about.id;
      expect(model.signingName, id).toBe(service.iamPrefix);
      const used = new Set([...Object.keys(service.readOperations), ...service.writeOperations]);
      for (const op of used) expect(model.operations, `${id} ${op}`).toContain(op);
      const deprecatedUsed = model.deprecated.filter((op) => used.has(op));
      expect(new Set(Object.keys(service.deprecatedOperations)), id).toEqual(new Set(deprecatedUsed));
      for (const newName of Object.values(service.deprecatedOperations)) expect(used.has(newName), newName).toBe(true);
    }
  });

  it('takes a service added to the registry with no change here (service-driven)', () => {
    const base = SERVICES[0] as SecurityService;
    const added = {
      ...base,
      about: { ...base.about, id: 'newsvc', name: 'New Service' },
      iamPrefix: 'newsvc',
      readOperations: { ListThings: 'the things' },
      deprecatedOperations: {},
    } as SecurityService;
    const lines = permissionTable([...SERVICES, added]).filter((l) => l.service === 'newsvc');
    expect(lines.map((l) => l.action)).toContain('newsvc:ListThings');
    expect(lines.map((l) => l.action)).toContain(`newsvc:${base.about.operations.accept}`);
  });
});

describe('the least-privilege policy', () => {
  it('is valid policy JSON with one statement per service and an optional one for names', () => {
    const { policy } = permissionsPolicy({ use: 'read' });
    const parsed = JSON.parse(JSON.stringify(policy));
    expect(parsed.Version).toBe('2012-10-17');
    expect(parsed.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      ...SERVICES.map((s) => s.about.name.replace(/[^A-Za-z0-9]/g, '')),
      NAMES_SID,
    ]);
    for (const statement of parsed.Statement) {
      expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(statement).toMatchObject({ Effect: 'Allow', Resource: '*' });
      expect(new Set(statement.Action).size).toBe(statement.Action.length);
    }
  });

  it('grants read to every use, member and administrator only their own writes', () => {
    const [read, member, admin] = PERMISSION_USES.map((use) => actionsOf(permissionsPolicy({ use }).policy));
    for (const action of read ?? []) {
      expect(member?.has(action), action).toBe(true);
      expect(admin?.has(action), action).toBe(true);
    }
    expect(read?.has('securityhub:GetAdministratorAccount')).toBe(true);
    expect(read?.has('securityhub:AcceptAdministratorInvitation')).toBe(false);
    expect(member?.has('securityhub:AcceptAdministratorInvitation')).toBe(true);
    expect(member?.has('securityhub:CreateMembers')).toBe(false);
    expect(admin?.has('guardduty:InviteMembers')).toBe(true);
    expect(admin?.has('guardduty:AcceptAdministratorInvitation')).toBe(false);
    expect(member?.has('guardduty:CreateDetector')).toBe(true);
  });

  it('grants the deprecated names only when asked, and the name reads unless left out', () => {
    const plain = actionsOf(permissionsPolicy({ use: 'member' }).policy);
    expect(plain.has('securityhub:AcceptInvitation')).toBe(false);
    expect(plain.has('guardduty:GetMasterAccount')).toBe(false);
    const old = actionsOf(permissionsPolicy({ use: 'member', includeDeprecated: true }).policy);
    expect(old.has('securityhub:AcceptInvitation')).toBe(true);
    expect(old.has('guardduty:GetMasterAccount')).toBe(true);
    expect(old.has('securityhub:DisassociateFromMasterAccount')).toBe(true);
    const noNames = permissionsPolicy({ use: 'read', accountNames: false }).policy;
    expect(noNames.Statement.map((s) => s.Sid)).not.toContain(NAMES_SID);
  });

  it('keeps to the services chosen and refuses one the app does not have', () => {
    const only = permissionsPolicy({ use: 'administrator', services: ['guardduty'] }).policy;
    expect(only.Statement.map((s) => s.Sid)).toEqual(['GuardDuty', NAMES_SID]);
    expect([...actionsOf(only)].filter((a) => a.startsWith('securityhub:'))).toEqual([]);
    expect(() => permissionsPolicy({ use: 'read', services: ['nope'] })).toThrow(/no service "nope"/);
  });
});

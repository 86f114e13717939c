/**
 * `permissions [--service ID …] [--use read|member|administrator] [--include-deprecated]
 * [--without-account-names] [--markdown]`: the least-privilege IAM policy for the chosen services and
 * use, as JSON on stdout (what the use means and what was left out go to stderr, so the JSON can be
 * saved as it is). Made from the one permissions table (main/core/permissions/), which README.md's
 * table is printed from too (--markdown). Reads no profile and calls no AWS.
 */
import { permissionsMarkdown, permissionsPolicy } from '../../core/backend';
import { PERMISSION_USE_MEANING, PERMISSION_USES, type PermissionUse } from '../../domain/permissions';
import type { CliCommand } from '../command';
import { chosenServices } from '../rows';

const USE_HELP = PERMISSION_USES.map((use) => `  ${use.padEnd(13)} ${PERMISSION_USE_MEANING[use]}`).join('\n');

export const permissionsCommand: CliCommand = {
  name: 'permissions',
  summary: 'Print the least-privilege IAM policy (JSON) the app needs for the chosen services and use',
  flags: [
    {
      name: 'service',
      type: 'string',
      multiple: true,
      valueName: '<id>',
      description: 'A service to grant (repeatable; default: every service the app has)',
    },
    {
      name: 'use',
      type: 'string',
      valueName: '<use>',
      choices: [...PERMISSION_USES],
      description: 'What the profile is for (default: read); member and administrator each include read',
    },
    {
      name: 'include-deprecated',
      type: 'boolean',
      description: 'Also grant the deprecated "master" names (the app tries them only when IAM denies the new ones)',
    },
    {
      name: 'without-account-names',
      type: 'boolean',
      description: 'Leave out the optional statement for account names (Organizations, IAM aliases)',
    },
    { name: 'markdown', type: 'boolean', description: 'Print the whole permissions table as README.md shows it' },
  ],
  details: [
    'Uses (cumulative: member and administrator each include read):',
    USE_HELP,
    '',
    'sts:GetCallerIdentity needs no permission (AWS answers it even under an explicit deny), and the IAM',
    'Identity Center portal lists accounts with the session token, so neither is in the policy.',
    '',
    'Examples:',
    '  permissions --use member > member-policy.json',
    '  permissions --service guardduty --use administrator --without-account-names',
  ].join('\n'),
  async run({ values }, io) {
    if (values.markdown === true) {
      io.stdout(`${permissionsMarkdown()}\n`);
      return 0;
    }
    const use = (typeof values.use === 'string' ? values.use : 'read') as PermissionUse;
    const includeDeprecated = values['include-deprecated'] === true;
    const accountNames = values['without-account-names'] !== true;
    const services = chosenServices(values);
    const { policy, useMeaning } = permissionsPolicy({
      ...(services ? { services } : {}),
      use,
      includeDeprecated,
      accountNames,
    });
    io.stdout(`${JSON.stringify(policy, null, 2)}\n`);
    const notes = [`${use}: ${useMeaning}.`];
    if (!includeDeprecated) {
      notes.push('The deprecated "master" names are left out: --include-deprecated adds them for old policies.');
    }
    if (accountNames) {
      notes.push(
        'The AccountNamesOptional statement only gives accounts their names: --without-account-names leaves it out.',
      );
    }
    io.stderr(notes.map((note) => `# ${note}\n`).join(''));
    return 0;
  },
};

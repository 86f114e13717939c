/** The demo scenario's profiles in their order in the written config (scenarios/demo.json). */
export const DEMO_PROFILES = [
  'admin',
  'member-pending',
  'member-enabled',
  'org-member',
  'hub-off',
  'sandbox-role',
  'mfa-audit',
  'sso-dev',
  'sso-signed-out',
  'proc-ops',
  'legacy-iam',
];

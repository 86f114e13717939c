/**
 * The header rules of both parsers. The SDK's rule (sdkSectionKey) is checked against the SDK's own
 * loader on real files, so a change in the SDK shows up here rather than as a missing profile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliSection,
  type FileKind,
  scanConfigText,
  sdkSectionKey,
  shlexSplit,
} from '../../../main/core/aws/config-sections';

const HEADERS = [
  'default',
  'profile default',
  'profile dev',
  'profile a b',
  'profile "a b"',
  "profile 'q'",
  'profile  two-spaces',
  'profile dot.name',
  'profile x!',
  'profile.dotted',
  'profilex y',
  'dev',
  'a b',
  'a.b',
  'sso-session corp',
  'services local',
  'profile',
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shi-sections-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sdkSectionKey matches the SDK loader', () => {
  for (const kind of ['config', 'credentials'] as FileKind[]) {
    it(`in the ${kind} file`, async () => {
      const file = join(dir, `${kind}-probe`);
      // One file per header, so a header the loader drops cannot lend its key to another.
      for (const [i, header] of HEADERS.entries()) {
        await writeFile(file + i, `[${header}]\nprobe = ${i}\n`);
        const loaded = await loadSharedConfigFiles({
          ...(kind === 'config'
            ? { configFilepath: file + i, filepath: join(dir, 'none') }
            : { filepath: file + i, configFilepath: join(dir, 'none') }),
          ignoreCache: true,
        });
        const map = (kind === 'config' ? loaded.configFile : loaded.credentialsFile) as Record<string, unknown>;
        const keys = Object.keys(map);
        const expected = sdkSectionKey(header, kind);
        expect({ header, keys }).toEqual({ header, keys: expected === null ? [] : [expected] });
      }
    });
  }
});

describe('cliSection follows botocore', () => {
  it.each([
    ['profile dev', 'config', { type: 'profile', name: 'dev' }],
    ['profile "a b"', 'config', { type: 'profile', name: 'a b' }],
    ['profile  two-spaces', 'config', { type: 'profile', name: 'two-spaces' }],
    ['profilex y', 'config', { type: 'profile', name: 'y' }],
    ['default', 'config', { type: 'profile', name: 'default' }],
    ['sso-session corp', 'config', { type: 'sso-session', name: 'corp' }],
    ['services local', 'config', { type: 'services', name: 'local' }],
    ['profile a b', 'config', { type: 'ignored' }],
    ['profile "unclosed', 'config', { type: 'ignored' }],
    ['dev', 'config', { type: 'ignored' }],
    ['profile.dotted', 'config', { type: 'ignored' }],
    ['profile x', 'credentials', { type: 'profile', name: 'profile x' }],
    ['a b', 'credentials', { type: 'profile', name: 'a b' }],
    ['sso-session corp', 'credentials', { type: 'profile', name: 'sso-session corp' }],
  ] as const)('[%s] in the %s file', (header, kind, expected) => {
    expect(cliSection(header, kind)).toMatchObject(expected);
  });
});

describe('shlexSplit', () => {
  it.each([
    ['profile a', ['profile', 'a']],
    ['profile "a b"', ['profile', 'a b']],
    ["profile 'a \"b'", ['profile', 'a "b']],
    ['profile a\\ b', ['profile', 'a b']],
    ['profile ""', ['profile', '']],
    ['profile "a', null],
    ['profile a\\', null],
  ] as const)('%s', (input, expected) => {
    expect(shlexSplit(input)).toEqual(expected);
  });
});

describe('scanConfigText', () => {
  it('reports every line a parser skips, with its line number, and never echoes values', () => {
    const text = [
      'stray = before any section', // 1
      '[profile dev]', // 2
      'region = us-east-1', // 3
      'aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', // 4: no "=", a secret the user mistyped
      'output: json', // 5
      'Region = eu-west-1', // 6
      '  continued line', // 7
      '[profile dev]', // 8
      '[profile tail] # comment', // 9
      '[profile junk] trailing', // 10
      'services =', // 11
      '  securityhub =', // 12 (nested value)
    ].join('\n');
    const scan = scanConfigText(text, '/x/config', 'config');
    expect(scan.sections.map((s) => [s.header, s.line])).toEqual([
      ['profile dev', 2],
      ['profile dev', 8],
      ['profile tail', 9],
      ['profile junk', 10],
    ]);
    expect(scan.sections[2]?.sdkHeader).toBe(true);
    expect(scan.sections[3]?.sdkHeader).toBe(false);
    // Line 6 twice: "Region" is not "region" for the SDK, and for the CLI (which lower-cases) it repeats region.
    expect(scan.warnings.map((w) => w.line)).toEqual([1, 4, 5, 6, 6, 7, 8, 10]);
    expect(scan.warnings.every((w) => w.file === '/x/config')).toBe(true);
    expect(JSON.stringify(scan)).not.toContain('wJalrXUtnFEMI');
  });

  it('reads nested services settings without warnings', () => {
    const text =
      '[services local]\nsecurityhub =\n  endpoint_url = http://127.0.0.1:1\nsts =\n  endpoint_url = http://127.0.0.1:2\n';
    const scan = scanConfigText(text, 'c', 'config');
    expect(scan.warnings).toEqual([]);
    expect(scan.sections[0]?.options).toEqual(['securityhub', 'sts']);
  });
});

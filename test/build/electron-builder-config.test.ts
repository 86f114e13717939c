/**
 * electron-builder.yml checked against electron-builder's own JSON schema (app-builder-lib/scheme.json)
 * and against the fuse settings the security checklist requires.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const require = createRequire(path.join(root, 'package.json'));
// js-yaml comes with electron-builder (it reads this file with it) and ships no types.
const { load } = require('js-yaml') as { load(text: string): unknown };
const schemaPath = path.join(path.dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
const config = load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

// Stricter than electron-builder's own validator (no type coercion): whatever passes here passes there.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function schemaErrors(candidate: unknown): string[] {
  return validate(structuredClone(candidate))
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const REQUIRED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

function fuseProblems(candidate: Record<string, unknown>): string[] {
  const fuses = (candidate.electronFuses ?? {}) as Record<string, unknown>;
  return Object.entries(REQUIRED_FUSES)
    .filter(([name, value]) => fuses[name] !== value)
    .map(([name, value]) => `${name} must be ${value}, is ${JSON.stringify(fuses[name])}`);
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own schema', () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it('sets all seven fuses exactly', () => {
    expect(fuseProblems(config)).toEqual([]);
    expect(config.electronFuses).toEqual(REQUIRED_FUSES);
  });

  it('the checks catch broken copies', () => {
    expect(schemaErrors({ ...config, unknownOption: true })).not.toEqual([]);
    expect(schemaErrors({ ...config, asar: 'yes please' })).not.toEqual([]);
    expect(schemaErrors({ ...config, electronFuses: { ...REQUIRED_FUSES, runAsNode: 'false' } })).not.toEqual([]);
    expect(schemaErrors({ ...config, electronFuses: { ...REQUIRED_FUSES, madeUpFuse: true } })).not.toEqual([]);
    expect(fuseProblems({ ...config, electronFuses: { ...REQUIRED_FUSES, runAsNode: true } })).toEqual([
      'runAsNode must be false, is true',
    ]);
    expect(fuseProblems({ ...config, electronFuses: undefined })).toHaveLength(7);
  });

  it('packages only the build output and package.json, in an asar', () => {
    expect(config.asar).toBe(true);
    const files = config.files as string[];
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    for (const pattern of files.filter((f) => !f.startsWith('!'))) {
      expect(['out/**', 'package.json']).toContain(pattern);
    }
    expect((config.directories as { output: string }).output).toBe('dist');
  });

  it('names the app and its targets on each platform', () => {
    expect(config.appId).toBe('io.github.securityhub-invitations');
    expect(config.productName).toBe('Security Hub Invitations');
    const linux = config.linux as { target: string[]; category: string };
    expect(linux.target).toEqual(['AppImage', 'deb']);
    expect(['Utility', 'Development']).toContain(linux.category);
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
    expect(config.win).toMatchObject({ target: ['nsis'] });
  });
});

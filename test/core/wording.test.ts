/**
 * Messages and remediations from the core are read both in the app and on the command line: none may
 * send a person to a screen or a control only the app has ("in Settings", "click", "Reload the
 * profiles"). Settings are named by their key instead ("callTimeoutMs in the settings").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['main/core', 'main/domain'];
const APP_ONLY =
  /\bin Settings\b|\bSettings page\b|\breload(?: the)? profiles\b|\bthen reload\b|\bclick\b|\bbutton\b|\bRefresh the row\b|\bthen refresh\b/i;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The string literals of a file, comment lines left out. */
function literals(text: string): string[] {
  const code = text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
    .join('\n');
  return [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);
}

describe('core wording', () => {
  it('finds the strings it checks (the scan is not empty)', () => {
    const all = ROOTS.flatMap(sources).flatMap((f) => literals(readFileSync(f, 'utf8')));
    expect(all.some((s) => s.includes('callTimeoutMs in the settings'))).toBe(true);
    expect(APP_ONLY.test("'Check the network, or raise the call timeout in Settings.'")).toBe(true);
  });

  it('sends nobody to an app-only screen or control', () => {
    const offending = ROOTS.flatMap(sources).flatMap((file) =>
      literals(readFileSync(file, 'utf8'))
        .filter((s) => APP_ONLY.test(s))
        .map((s) => `${file}: ${s}`),
    );
    expect(offending).toEqual([]);
  });
});

/**
 * The tray icons shipped in build/tray/: what scripts/tray-icons.mjs makes from build/icon.png (so they
 * cannot drift from the app icon), at the sizes each OS's tray shows, the macOS ones true template images
 * (black with alpha only, which the menu bar tints), and all of them packaged by electron-builder.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it, vi } from 'vitest';
import { trayIconPath } from '../../main/shell/desktop/tray';

vi.mock('electron', () => import('../mocks/electron'));

// @ts-expect-error: a plain .mjs build script without type declarations.
import { trayDir, trayIcons } from '../../scripts/tray-icons.mjs';

const root = path.resolve(__dirname, '../..');
const require = createRequire(path.join(root, 'package.json'));
const { load } = require('js-yaml') as { load(text: string): unknown };

const expected = trayIcons() as Record<string, Buffer>;
const read = (name: string) => PNG.sync.read(readFileSync(path.join(trayDir as string, name)));

describe('tray icons', () => {
  it.each(Object.keys(expected))('%s is what the script makes from build/icon.png', (name) => {
    expect(readFileSync(path.join(trayDir as string, name)).equals(expected[name]!)).toBe(true);
  });

  it.each([
    ['tray.png', 16],
    ['tray@2x.png', 32],
    ['trayTemplate.png', 16],
    ['trayTemplate@2x.png', 32],
  ])('%s is %i px square', (name, size) => {
    const png = read(name);
    expect([png.width, png.height]).toEqual([size, size]);
  });

  it.each(['trayTemplate.png', 'trayTemplate@2x.png'])('%s is black with alpha, with a visible shape', (name) => {
    const { data } = read(name);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < data.length; i += 4) {
      expect([data[i], data[i + 1], data[i + 2]]).toEqual([0, 0, 0]);
      if (data[i + 3]! > 200) opaque++;
      if (data[i + 3]! < 50) transparent++;
    }
    // A shape, not a filled square nor an empty image: the shield is solid, the check mark a hole.
    expect(opaque / (data.length / 4)).toBeGreaterThan(0.3);
    expect(transparent / (data.length / 4)).toBeGreaterThan(0.15);
  });

  it('picks the template on macOS and the colour icon elsewhere', () => {
    expect(trayIconPath({ platform: 'darwin', folder: '/r/tray' })).toBe('/r/tray/trayTemplate.png');
    expect(trayIconPath({ platform: 'linux', folder: '/r/tray' })).toBe('/r/tray/tray.png');
    expect(trayIconPath({ platform: 'win32', folder: '/r/tray' })).toBe('/r/tray/tray.png');
  });

  it('are packaged into resources/tray, where the packaged app looks', () => {
    const config = load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
      extraResources?: { from: string; to: string }[];
    };
    expect(config.extraResources).toContainEqual({ from: 'build/tray', to: 'tray' });
  });
});

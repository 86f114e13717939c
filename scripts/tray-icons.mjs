#!/usr/bin/env node
/**
 * Generates the tray icons into build/tray/ from the 512 px app icon (build/icon.png):
 * - tray.png (16 px) and tray@2x.png (32 px): the app icon, for Windows and Linux trays, which show
 *   16 px at 100 % scale and pick the @2x file on high-DPI screens (Electron's nativeImage docs);
 * - trayTemplate.png and trayTemplate@2x.png: the shield alone, black with alpha, for the macOS menu bar,
 *   which tints template images for light, dark and highlighted states (the "Template" name suffix is how
 *   Electron marks them) and is about 16 pt tall, so a 512 px colour icon would be blurred and untinted.
 * `node scripts/tray-icons.mjs` writes the files; `--check` exits 1 when the committed files differ.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';

const { PNG } = pngjs;
const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(projectDir, 'build', 'icon.png');
export const trayDir = path.join(projectDir, 'build', 'tray');

/**
 * How much a pixel belongs to the orange shield: orange is red without blue; the navy background, the
 * white check mark and transparent pixels are not (so the check mark becomes a hole in the template).
 */
function shieldWeight(data, i) {
  return (Math.max(0, data[i] - data[i + 2]) / 255) * (data[i + 3] / 255);
}

/** Box-filter downscale of a square region, averaging colour weighted by alpha (no dark fringes). */
function downscale(image, region, size, pixel) {
  const out = new PNG({ width: size, height: size });
  const step = region.size / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      let n = 0;
      for (let sy = Math.floor(region.y + y * step); sy < Math.floor(region.y + (y + 1) * step); sy++) {
        for (let sx = Math.floor(region.x + x * step); sx < Math.floor(region.x + (x + 1) * step); sx++) {
          n++;
          if (sx < 0 || sy < 0 || sx >= image.width || sy >= image.height) continue;
          const [pr, pg, pb, pa] = pixel(image.data, (sy * image.width + sx) * 4);
          r += pr * pa;
          g += pg * pa;
          b += pb * pa;
          a += pa;
        }
      }
      const o = (y * size + x) * 4;
      out.data[o] = a ? Math.round(r / a) : 0;
      out.data[o + 1] = a ? Math.round(g / a) : 0;
      out.data[o + 2] = a ? Math.round(b / a) : 0;
      out.data[o + 3] = Math.round((a / n) * 255);
    }
  }
  return out;
}

/** The square around the shield, with a little margin, so the template fills the menu bar's height. */
function shieldRegion(image) {
  let minX = image.width;
  let minY = image.height;
  let maxX = 0;
  let maxY = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (shieldWeight(image.data, (y * image.width + x) * 4) < 0.5) continue;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const size = Math.ceil(Math.max(maxX - minX, maxY - minY) * 1.15);
  return { x: Math.round((minX + maxX - size) / 2), y: Math.round((minY + maxY - size) / 2), size };
}

const colour = (data, i) => [data[i], data[i + 1], data[i + 2], data[i + 3] / 255];
const template = (data, i) => [0, 0, 0, shieldWeight(data, i)];

/** File name → PNG bytes, computed from build/icon.png. */
export function trayIcons() {
  const image = PNG.sync.read(readFileSync(source));
  const whole = { x: 0, y: 0, size: image.width };
  const shield = shieldRegion(image);
  const encode = (png) => PNG.sync.write(png, { colorType: 6 });
  return {
    'tray.png': encode(downscale(image, whole, 16, colour)),
    'tray@2x.png': encode(downscale(image, whole, 32, colour)),
    'trayTemplate.png': encode(downscale(image, shield, 16, template)),
    'trayTemplate@2x.png': encode(downscale(image, shield, 32, template)),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  mkdirSync(trayDir, { recursive: true });
  let stale = 0;
  for (const [name, bytes] of Object.entries(trayIcons())) {
    const file = path.join(trayDir, name);
    if (check) {
      if (!existsSync(file) || !readFileSync(file).equals(bytes)) {
        console.error(`${path.relative(projectDir, file)} is out of date: run node scripts/tray-icons.mjs`);
        stale++;
      }
    } else {
      writeFileSync(file, bytes);
    }
  }
  process.exit(stale ? 1 : 0);
}

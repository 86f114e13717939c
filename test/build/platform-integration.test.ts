/**
 * What a real OS checks of the packaged app, from electron-builder's own code and config:
 * - Linux: the .desktop entry electron-builder writes (its LinuxTargetHelper) carries StartupWMClass equal
 *   to package.json's desktopName, which Electron also uses as the Wayland app_id and the LauncherEntry
 *   URI, and the installed file is named after it, so the dock badge and window icon line up;
 * - macOS: ad-hoc signing ("-"), because the fuses void Electron's signature and Apple Silicon refuses an
 *   unsigned binary. (Windows' AppUserModelID against the appId is checked in test/shell/index.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const require = createRequire(path.join(root, 'package.json'));
const { load } = require('js-yaml') as { load(text: string): unknown };
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper') as {
  LinuxTargetHelper: new (
    packager: unknown,
  ) => {
    computeDesktopEntry(options: unknown): Promise<string>;
    getDesktopFileName(): string;
  };
};

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  productName: string;
  description: string;
  desktopName?: string;
};
const config = load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  appId: string;
  linux: Record<string, unknown> & { executableName: string };
  mac: Record<string, unknown>;
};

/** The packager fields LinuxTargetHelper reads, filled from the project's own files. */
function linuxHelper() {
  return new LinuxTargetHelper({
    platformSpecificBuildOptions: config.linux,
    info: { metadata: manifest },
    appInfo: {
      productName: manifest.productName,
      sanitizedProductName: manifest.productName,
      description: manifest.description,
    },
    executableName: config.linux.executableName,
    config: { mac: config.mac },
    fileAssociations: [],
  });
}

describe('platform integration of the packaged app', () => {
  it('Linux: StartupWMClass and the .desktop file name both come from desktopName', async () => {
    expect(manifest.desktopName).toBe(`${config.linux.executableName}.desktop`);
    const helper = linuxHelper();
    const entry = await helper.computeDesktopEntry(config.linux);
    expect(entry).toMatch(/^StartupWMClass=securityhub-invitations$/m);
    expect(`${helper.getDesktopFileName()}.desktop`).toBe(manifest.desktopName);
    expect(entry).toMatch(/^Name=Security Hub Invitations$/m);
  });

  it('macOS: signed ad hoc unless a Developer ID is given', () => {
    expect(config.mac.identity).toBe('-');
    expect(config.mac.hardenedRuntime).toBe(true);
  });
});

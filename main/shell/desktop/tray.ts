/**
 * The tray icon and the pending-invitation badge. The count comes from the backend's watch
 * (main/watch.ts) in its `watch-change` events, so the tray needs no channel of its own.
 */
import path from 'node:path';
import { app, Menu, nativeImage, Tray } from 'electron';

/** The tray's tooltip: the pending count, and per service when `byService` says it ("Security Hub 2, GuardDuty 1"). */
export function badgeLabel(count: number, byService = ''): string {
  if (count === 0) return 'Security Hub Invitations — no pending invitations';
  const per = byService ? ` (${byService})` : '';
  return `Security Hub Invitations — ${count} pending invitation${count === 1 ? '' : 's'}${per}`;
}

/**
 * The tray icon file (scripts/tray-icons.mjs makes them; packaged, electron-builder's extraResources copies
 * build/tray/ to resources/tray/). macOS gets the black-and-alpha template its menu bar tints for light and
 * dark mode; the others the colour icon. The @2x file beside each is picked by nativeImage on high-DPI screens.
 */
export function trayIconPath(options: { platform: NodeJS.Platform; folder: string }): string {
  return path.join(options.folder, options.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');
}

export interface TrayController {
  setCount(count: number, byService?: string): void;
  destroy(): void;
}

/** Creates the tray icon; returns null when there is no icon file to show. */
export function setupTray(options: {
  iconPath: string;
  onShow: () => void;
  onRefresh: () => void;
}): TrayController | null {
  const icon = nativeImage.createFromPath(options.iconPath);
  if (icon.isEmpty()) return null;
  const tray = new Tray(icon);
  tray.setToolTip(badgeLabel(0));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show', click: options.onShow },
      { label: 'Refresh', click: options.onRefresh },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ]),
  );
  tray.on('click', options.onShow);
  return {
    setCount(count, byService) {
      tray.setToolTip(badgeLabel(count, byService));
      setBadgeCount(count);
    },
    destroy() {
      tray.destroy();
    },
  };
}

/** The dock/launcher badge: macOS's dock; on Linux any dock with the LauncherEntry D-Bus API (Electron 44+), matched by desktopName. */
export function setBadgeCount(count: number): void {
  try {
    app.setBadgeCount(Math.max(0, Math.floor(count)));
  } catch {
    // Some Linux desktops have no launcher badge; the tray tooltip still shows the count.
  }
}

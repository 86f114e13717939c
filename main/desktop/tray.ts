/**
 * The tray icon and the pending-invitation badge. The count is derived from the refresh events the
 * backend already sends to the window, so the tray needs no channel of its own.
 */
import { app, Menu, nativeImage, Tray } from 'electron';
import type { AppEvent } from '../../preload/api';

/** Counts pending invitations per profile×region from refresh-progress events. */
export class PendingInvitationCounter {
  private readonly perRow = new Map<string, Set<string>>();
  private readonly seen = new Set<string>();
  /** Invitations found by the first refresh are not news: only later ones are reported as fresh. */
  private primed = false;

  /** Feeds one event; returns invitation ids never seen before (empty for other events and the first refresh). */
  observe(event: AppEvent): string[] {
    if (event.type === 'refresh-finished') {
      this.primed = true;
      return [];
    }
    if (event.type !== 'refresh-progress') return [];
    const row = event.row;
    // JSON keeps profile names containing any character from colliding with the region.
    const key = JSON.stringify([row.profile, row.region]);
    // A failed read says nothing about invitations: keep what the row had before.
    if (row.error) return [];
    const ids = new Set(row.pendingInvitations.map((i) => `${row.region}/${i.invitationId}`));
    this.perRow.set(key, ids);
    const fresh = [...ids].filter((id) => !this.seen.has(id));
    for (const id of fresh) this.seen.add(id);
    return this.primed ? fresh : [];
  }

  get count(): number {
    let n = 0;
    for (const ids of this.perRow.values()) n += ids.size;
    return n;
  }
}

export function badgeLabel(count: number): string {
  if (count === 0) return 'Security Hub Invitations — no pending invitations';
  return `Security Hub Invitations — ${count} pending invitation${count === 1 ? '' : 's'}`;
}

export interface TrayController {
  setCount(count: number): void;
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
    setCount(count) {
      tray.setToolTip(badgeLabel(count));
      setBadgeCount(count);
    },
    destroy() {
      tray.destroy();
    },
  };
}

/** The dock/launcher badge (macOS, Linux Unity); a no-op where the platform has none. */
export function setBadgeCount(count: number): void {
  try {
    app.setBadgeCount(Math.max(0, Math.floor(count)));
  } catch {
    // Some Linux desktops have no launcher badge; the tray tooltip still shows the count.
  }
}

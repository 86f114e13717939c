/**
 * Desktop notifications, and what the app does with the background watch's `watch-change` events:
 * a notification for news (once per change: main/watch.ts decides what is news) and the pending
 * count on the tray and the dock/launcher badge.
 */
import { Notification } from 'electron';
import type { AppEvent } from '../../../contract/api';
import { describeChanges, pendingByServiceText } from '../../core/rows/watch';
import { visibleKeepingBreaks, visibleText } from '../../domain/visible-text';

/**
 * Notifications on screen. A Notification nobody references is garbage-collected while it is still shown,
 * and then its click does nothing (Electron's docs and issue tracker warn of it), so each one is held here
 * until it is clicked, closed or has failed.
 */
const onScreen = new Set<Notification>();

/** How many notifications are held (for tests and diagnostics). */
export function heldNotificationCount(): number {
  return onScreen.size;
}

/**
 * Shows a notification. The text holds AWS's values (account ids, statuses, profile names): the
 * system draws it as it is, so every control and bidi mark in it is shown escaped — the body keeps
 * its own line breaks (one change a line), each change's text was escaped whole before (below).
 */
export function showNotification(title: string, body: string, onClick?: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({
    title: visibleText(title),
    body: visibleKeepingBreaks(body),
    silent: false,
  });
  onScreen.add(notification);
  const release = () => onScreen.delete(notification);
  notification.on('click', () => {
    release();
    onClick?.();
  });
  notification.on('close', release);
  notification.on('failed', release);
  notification.show();
  return true;
}

export interface WatchNotifierOptions {
  /** Sets the badge and tray count; `byService` says it per service ("Security Hub 2, GuardDuty 1", or empty). */
  setCount(count: number, byService: string): void;
  /** True while the window is in front: the user sees the change there, no notification. */
  isFocused(): boolean;
  /** Clicking a notification brings the window forward. */
  onClick(): void;
  notify?: typeof showNotification;
}

/** Returns the event handler: feed it every AppEvent; it acts on `watch-change` only. */
export function createWatchNotifier(options: WatchNotifierOptions): (event: AppEvent) => void {
  const notify = options.notify ?? showNotification;
  return (event) => {
    if (event.type !== 'watch-change') return;
    options.setCount(event.pendingCount, pendingByServiceText(event.pendingByService ?? {}));
    if (event.changes.length === 0 || options.isFocused()) return;
    // A line break inside one change's text would start a forged line: escaped before the lines are joined.
    const { title, body } = describeChanges(event.changes.map((c) => ({ ...c, message: visibleText(c.message) })));
    notify(title, body, options.onClick);
  };
}

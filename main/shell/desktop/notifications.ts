/**
 * Desktop notifications, and what the app does with the background watch's `watch-change` events:
 * a notification for news (once per change: main/watch.ts decides what is news) and the pending
 * count on the tray and the dock/launcher badge.
 */
import { Notification } from 'electron';
import type { AppEvent } from '../../../contract/api';
import { describeChanges } from '../../core/rows/watch';

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

export function showNotification(title: string, body: string, onClick?: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ title, body, silent: false });
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
  /** Sets the badge and tray count. */
  setCount(count: number): void;
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
    options.setCount(event.pendingCount);
    if (event.changes.length === 0 || options.isFocused()) return;
    const { title, body } = describeChanges(event.changes);
    notify(title, body, options.onClick);
  };
}

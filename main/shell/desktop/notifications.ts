/**
 * Desktop notifications, and what the app does with the background watch's `watch-change` events:
 * a notification for news (once per change: main/watch.ts decides what is news) and the pending
 * count on the tray and the dock/launcher badge.
 */
import { Notification } from 'electron';
import type { AppEvent } from '../../../preload/api';
import { describeChanges } from '../../core/rows/watch';

export function showNotification(title: string, body: string, onClick?: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ title, body, silent: false });
  if (onClick) notification.on('click', onClick);
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

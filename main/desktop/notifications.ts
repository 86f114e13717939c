/**
 * Desktop notifications, e.g. "2 new invitations" after a background refresh while the window is not focused.
 */
import { Notification } from 'electron';

export function showNotification(title: string, body: string, onClick?: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ title, body, silent: false });
  if (onClick) notification.on('click', onClick);
  notification.show();
  return true;
}

import type { Notification as ElectronNotification } from 'electron';
import type { Notice } from './dueNotices';

type NotificationClass = {
  new (options: { title: string; body: string }): ElectronNotification;
  isSupported(): boolean;
};

/**
 * Show a notice as an OS notification (Notification Center, the Windows action center,
 * libnotify); a click opens its page. Each is kept until clicked or closed: one that is
 * garbage-collected loses its click.
 */
export function osNotifier(
  Notification: NotificationClass,
  open: (route: string) => void,
): (notice: Notice) => void {
  const showing = new Set<ElectronNotification>();
  return (notice) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: notice.title, body: notice.body });
    showing.add(notification);
    notification.on('click', () => {
      showing.delete(notification);
      open(notice.route);
    });
    notification.on('close', () => showing.delete(notification));
    notification.show();
  };
}

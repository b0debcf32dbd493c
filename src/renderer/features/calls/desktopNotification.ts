/**
 * A desktop notification through the HTML5 `Notification` API, which Electron turns into the
 * operating system's own (Notification Center, the Windows action center, libnotify). Permission
 * is asked for only when a reminder is due and nobody has answered yet; a refusal is respected,
 * and the caller falls back to the in-app toast.
 */
export async function showDesktopNotification(notice: {
  title: string;
  body: string;
  /** One notification per follow-up, even if it is announced twice. */
  tag: string;
  onClick: () => void;
}): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  let permission = Notification.permission;
  if (permission === 'default') {
    try {
      permission = await Notification.requestPermission();
    } catch {
      return false;
    }
  }
  if (permission !== 'granted') return false;
  const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag });
  notification.onclick = () => {
    window.focus();
    notice.onClick();
    notification.close();
  };
  return true;
}

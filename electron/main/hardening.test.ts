import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { denyPermissions, secureContents } from './hardening';

const app = { url: 'file:///opt/cockpit/resources/app.asar/out/renderer/index.html' };

/** A page's webContents as far as the rules use it: its events and its window-open handler. */
function fakeContents() {
  const events = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: (...args: unknown[]) => void) => {
      events.on(name, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const opened: string[] = [];
  secureContents(contents as unknown as WebContents, app, (url) => opened.push(url));
  /** Fire an event the way Electron does; true when the page's action was stopped. */
  const fire = (name: string, details: Record<string, unknown>) => {
    let prevented = false;
    events.emit(name, { ...details, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { fire, open: (url: string) => openHandler!({ url }), opened };
}

describe('a window’s page', () => {
  it('never navigates away from the app; links meant for the OS go there instead', () => {
    const page = fakeContents();
    expect(page.fire('will-navigate', { url: 'https://evil.example/login' })).toBe(true);
    expect(page.fire('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(page.fire('will-navigate', { url: 'javascript:alert(1)' })).toBe(true);
    expect(page.fire('will-navigate', { url: 'tel:+4930123456' })).toBe(true);
    // The https page and the phone link are handed to the OS; the others are dropped.
    expect(page.opened).toEqual(['https://evil.example/login', 'tel:+4930123456']);
    // Reloading the app's own page is fine.
    expect(page.fire('will-navigate', { url: `${app.url}#/board` })).toBe(false);
  });

  it('opens no window: target=_blank links are denied and only allowed ones reach the OS', () => {
    const page = fakeContents();
    expect(page.open('https://acme.example/')).toEqual({ action: 'deny' });
    expect(page.open('file:///C:/Windows/System32/calc.exe')).toEqual({ action: 'deny' });
    expect(page.open(`${app.url}#/deals`)).toEqual({ action: 'deny' });
    expect(page.open('mailto:rita@example.com?attach=~/.ssh/id_rsa')).toEqual({ action: 'deny' });
    expect(page.opened).toEqual(['https://acme.example/']);
  });

  it('loads no foreign frame, follows no foreign redirect and attaches no webview', () => {
    const page = fakeContents();
    expect(
      page.fire('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false }),
    ).toBe(true);
    expect(page.fire('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(page.fire('will-attach-webview', {})).toBe(true);
    expect(page.opened).toEqual([]);
  });
});

describe('permissions', () => {
  it('refuses every request and every check, notifications from the app included', () => {
    let request: ((...args: unknown[]) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    } as never);
    for (const permission of [
      'notifications',
      'media',
      'geolocation',
      'clipboard-read',
      'midi',
      'openExternal',
    ]) {
      const answers: boolean[] = [];
      request!({ getURL: () => app.url }, permission, (granted: boolean) => answers.push(granted), {
        requestingUrl: app.url,
      });
      expect(answers, permission).toEqual([false]);
      expect(check!(null, permission, app.url, {}), permission).toBe(false);
    }
  });
});

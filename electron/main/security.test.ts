import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAllowedPermission, isTrustedSenderUrl } from './security';
import { mainWindowOptions } from './windowOptions';

const packaged = {
  url: 'file:///opt/Lifecycle%20Cockpit/resources/app.asar/out/renderer/index.html',
};
const dev = { url: 'http://localhost:5173/' };

describe('IPC sender check', () => {
  it("accepts the app's own page", () => {
    expect(isTrustedSenderUrl(`${packaged.url}#/deals/123`, packaged)).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5173/#/deals', dev)).toBe(true);
  });

  it('refuses every other frame', () => {
    expect(isTrustedSenderUrl(undefined, packaged)).toBe(false);
    expect(isTrustedSenderUrl('', packaged)).toBe(false);
    expect(isTrustedSenderUrl('file:///tmp/evil.html', packaged)).toBe(false);
    expect(isTrustedSenderUrl('https://evil.example/', packaged)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
    expect(
      isTrustedSenderUrl(
        'file:///opt/Lifecycle%20Cockpit/resources/app.asar/out/renderer/index.html',
        dev,
      ),
    ).toBe(false);
    expect(isTrustedSenderUrl('not a url', packaged)).toBe(false);
  });
});

describe('external links', () => {
  it('lets phone, mail and https links leave the app, nothing else', () => {
    for (const url of [
      'tel:+4930123456',
      'callto:+4930123456',
      'sip:rita@pbx.example',
      'mailto:rita@example.com',
      'https://acme.example',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
    for (const url of [
      'http://acme.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/x',
      'nonsense',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  it('lets the app’s own page show notifications, and refuses everything else', () => {
    expect(isAllowedPermission('notifications', `${packaged.url}#/reminders`, packaged)).toBe(true);
    expect(isAllowedPermission('notifications', 'http://localhost:5173/#/board', dev)).toBe(true);
    expect(isAllowedPermission('notifications', 'https://evil.example/', packaged)).toBe(false);
    expect(isAllowedPermission('notifications', undefined, packaged)).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(isAllowedPermission(permission, packaged.url, packaged), permission).toBe(false);
    }
  });
});

describe('window options', () => {
  it('follow the Electron security checklist', () => {
    const { webPreferences } = mainWindowOptions('/app/out/preload/index.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

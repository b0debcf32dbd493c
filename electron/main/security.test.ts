import { describe, expect, it } from 'vitest';
import { externalUrl, isAllowedExternalUrl, isTrustedSenderUrl } from './security';
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
    expect(isTrustedSenderUrl(packaged.url, dev)).toBe(false);
    expect(isTrustedSenderUrl('not a url', packaged)).toBe(false);
    // The same path on a network share is another file.
    expect(
      isTrustedSenderUrl(
        'file://evil-host/opt/Lifecycle%20Cockpit/resources/app.asar/out/renderer/index.html',
        packaged,
      ),
    ).toBe(false);
  });
});

describe('external links', () => {
  it('lets the phone, mail and https links the app builds leave for the OS', () => {
    expect(externalUrl('tel:+4930123456')).toBe('tel:+4930123456');
    expect(externalUrl('callto:+4930123456')).toBe('callto:+4930123456');
    expect(externalUrl('sip:+4930123456')).toBe('sip:+4930123456');
    expect(externalUrl('sip:rita@pbx.example')).toBe('sip:rita@pbx.example');
    expect(externalUrl('mailto:rita.meyer@example.com')).toBe('mailto:rita.meyer@example.com');
    expect(externalUrl('https://acme.example')).toBe('https://acme.example/');
    expect(externalUrl('https://docs.acme.example/onboarding?step=2#plan')).toBe(
      'https://docs.acme.example/onboarding?step=2#plan',
    );
  });

  it('refuses hostile and foreign links', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'file:///etc/passwd',
      'file://server/share/payload.exe',
      'smb://attacker.example/share/x.exe',
      'data:text/html,<script>alert(1)</script>',
      'http://acme.example',
      'ms-msdt:/id PCWDiagnostic /skip force',
      'search-ms:query=x&crumb=location:\\\\attacker\\share',
      'vbscript:msgbox(1)',
      // Phone links carrying parameters, commands or other numbers.
      'tel:+49 30 123',
      'tel:+4930123456;phone-context=evil',
      'tel:+4930123456&calc.exe',
      'tel:+4930123456"|calc',
      'tel:+4930123456%0acalc',
      'tel:+4930123456\ncalc',
      'tel:',
      'callto:skype-user?call',
      'sip:rita@pbx.example;transport=tcp',
      'sip:rita@pbx.example?subject=x',
      // Mail with extra headers or attachments, or two addresses.
      'mailto:rita@example.com?attach=/etc/passwd',
      'mailto:rita@example.com,boss@example.com',
      'mailto:rita@example.com%0d%0abcc:x@evil.example',
      'mailto:',
      // https that is not a plain page on a named host.
      'https://user:pass@acme.example/',
      'https://localhost:8080/',
      'https:///etc/passwd',
      'https://acme.example/\u0000',
      'https://acme.example/a b',
      `https://acme.example/${'a'.repeat(2_100)}`,
      'nonsense',
      '',
    ]) {
      expect(externalUrl(url), url).toBeNull();
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
    expect(externalUrl(undefined)).toBeNull();
    expect(externalUrl({ toString: () => 'https://acme.example' })).toBeNull();
  });
});

describe('window options', () => {
  it('follow the Electron security checklist', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(options.webPreferences?.enableBlinkFeatures).toBeUndefined();
    expect(options.show).toBe(false);
  });

  it('open where the window was, with the size it had', () => {
    const options = mainWindowOptions('/p.cjs', { x: 40, y: 60, width: 1200, height: 800 });
    expect(options).toMatchObject({ x: 40, y: 60, width: 1200, height: 800, minWidth: 960 });
    expect(mainWindowOptions('/p.cjs')).toMatchObject({ width: 1360, height: 860 });
    expect(mainWindowOptions('/p.cjs').x).toBeUndefined();
  });
});

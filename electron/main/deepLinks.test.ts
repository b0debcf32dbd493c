import { describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids';
import { deepLinkFromArgv, parseDeepLink } from './deepLinks';

const id = '0192f3a4-5b6c-7d8e-9f01-23456789abcd';

describe('cockpit:// links', () => {
  it('open the deal, call, handover, contact or account they name', () => {
    expect(parseDeepLink(`cockpit://deal/${id}`)).toEqual({
      kind: 'deal',
      id,
      route: `/deals/${id}`,
    });
    expect(parseDeepLink(`cockpit://call/${id}`)?.route).toBe(`/calls/${id}`);
    expect(parseDeepLink(`cockpit://handover/${id}/`)?.route).toBe(`/handovers/${id}`);
    expect(parseDeepLink(`cockpit://contact/${id}`)?.route).toBe(`/contacts/${id}`);
    expect(parseDeepLink(`cockpit://account/${id}`)?.route).toBe(`/accounts/${id}`);
    // Case does not matter to the OS; the app's ids are lower case.
    expect(parseDeepLink(`COCKPIT://Deal/${id.toUpperCase()}`)?.route).toBe(`/deals/${id}`);
    // Any id the app makes.
    const made = newId();
    expect(parseDeepLink(`cockpit://deal/${made}`)?.id).toBe(made);
  });

  it('ignore anything that is not exactly a known kind and an id', () => {
    for (const url of [
      `cockpit://deals/${id}`,
      `cockpit://settings/${id}`,
      `cockpit://__proto__/${id}`,
      `cockpit://constructor/${id}`,
      `cockpit://deal/${id}?then=https://evil.example`,
      `cockpit://deal/${id}#/import`,
      `cockpit://deal/${id}/print`,
      `cockpit://deal/../settings/${id}`,
      `cockpit://deal/%2e%2e%2f${id}`,
      `cockpit://user@deal/${id}`,
      `cockpit://deal:80/${id}`,
      `cockpit:deal/${id}`,
      `cockpit:///deal/${id}`,
      `cockpit://deal/${id}\n`,
      ` cockpit://deal/${id}`,
      `https://deal/${id}`,
      'cockpit://deal/123',
      'cockpit://deal/0192f3a4-5b6c-7d8e-9f01-23456789abcg',
      'cockpit://deal/0192f3a4-5b6c-7d8e-9f01-23456789abcd0',
      'cockpit://deal/',
      'cockpit://',
      '',
    ]) {
      expect(parseDeepLink(url), url).toBeNull();
    }
    expect(parseDeepLink(undefined)).toBeNull();
    expect(parseDeepLink(42)).toBeNull();
  });

  it('are found among the arguments of a second launch (Windows, Linux)', () => {
    expect(
      deepLinkFromArgv([
        'C:\\Program Files\\Lifecycle Cockpit\\Lifecycle Cockpit.exe',
        '--allow-file-access-from-files',
        `cockpit://handover/${id}`,
      ])?.route,
    ).toBe(`/handovers/${id}`);
    expect(deepLinkFromArgv(['/usr/bin/lifecycle-cockpit'])).toBeNull();
    expect(
      deepLinkFromArgv(['/usr/bin/lifecycle-cockpit', 'cockpit://evil/x', `cockpit://deal/${id}`])
        ?.route,
    ).toBe(`/deals/${id}`);
    expect(deepLinkFromArgv(['app', `--url=cockpit://deal/${id}`])).toBeNull();
  });
});

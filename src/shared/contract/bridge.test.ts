import { describe, expect, it } from 'vitest';
import { isDesktopCommand } from './bridge';

describe('commands from the desktop shell', () => {
  it('are a route of the app, or opening the search or the shortcuts', () => {
    expect(isDesktopCommand({ type: 'navigate', to: '/deals/0192f3a4-5b6c-7d8e-9f01' })).toBe(true);
    expect(isDesktopCommand({ type: 'navigate', to: '/handovers/1/print?pdf=1' })).toBe(true);
    expect(isDesktopCommand({ type: 'open', what: 'search' })).toBe(true);
    expect(isDesktopCommand({ type: 'open', what: 'shortcuts' })).toBe(true);
  });

  it('never a URL, another origin or anything else', () => {
    for (const command of [
      { type: 'navigate', to: 'https://evil.example/' },
      { type: 'navigate', to: '//evil.example/' },
      { type: 'navigate', to: 'javascript:alert(1)' },
      { type: 'navigate', to: '/deals/<script>' },
      { type: 'navigate', to: '/deals\n/x' },
      { type: 'navigate', to: 42 },
      { type: 'open', what: 'devtools' },
      { type: 'eval', code: '1' },
      null,
      'navigate',
    ]) {
      expect(isDesktopCommand(command), JSON.stringify(command)).toBe(false);
    }
  });
});

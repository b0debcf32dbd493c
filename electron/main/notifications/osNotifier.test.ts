import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { osNotifier } from '.';

function fakeNotification(supported = true) {
  const shown: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show() {
      shown.push(this);
    }
    static isSupported() {
      return supported;
    }
  }
  return { FakeNotification, shown };
}

describe('OS notifications', () => {
  it('show the notice, and a click opens its page', () => {
    const { FakeNotification, shown } = fakeNotification();
    const opened: string[] = [];
    const notify = osNotifier(FakeNotification as never, (route) => opened.push(route));
    notify({ title: 'Follow-up due: Acme', body: 'Call Dana', route: '/deals/1' });
    expect(shown.map((n) => n.options)).toEqual([
      { title: 'Follow-up due: Acme', body: 'Call Dana' },
    ]);
    shown[0]!.emit('click');
    expect(opened).toEqual(['/deals/1']);
  });

  it('show nothing where the OS has no notifications', () => {
    const { FakeNotification, shown } = fakeNotification(false);
    osNotifier(FakeNotification as never, () => {})({ title: 't', body: 'b', route: '/' });
    expect(shown).toEqual([]);
  });
});

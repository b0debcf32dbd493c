import { useEffect } from 'react';
import { IDLE_AFTER_MS, PRESENCE_BEAT_MS } from '../../shared/domain/presence';
import { callMethod } from '../api';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'focus'] as const;

/**
 * While the app is open, tell the team this person is here: a heartbeat every 30 s, idle after
 * 5 minutes without a key or the pointer in the app, and back at once on the next one. The core
 * adds "on a call" itself, and the sync carries the beat to the other laptops.
 */
export function usePresenceHeartbeat(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let lastInput = Date.now();
    let idle = false;
    const beat = () => {
      // A beat that fails (the host restarting) is simply the next one's job.
      callMethod('presence.beat', { idle }).catch(() => undefined);
    };
    const check = () => {
      const nowIdle = Date.now() - lastInput >= IDLE_AFTER_MS;
      if (nowIdle !== idle) {
        idle = nowIdle;
        beat();
      }
    };
    const onInput = () => {
      lastInput = Date.now();
      if (idle) check();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onInput, { passive: true });
    beat();
    const beating = setInterval(beat, PRESENCE_BEAT_MS);
    const watching = setInterval(check, 15_000);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onInput);
      clearInterval(beating);
      clearInterval(watching);
    };
  }, [enabled]);
}

import { useEffect, useState } from 'react';

/** Every IANA zone the browser knows, for the time zone picker. */
export const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes the zone is ahead of UTC at `at` (negative when behind). */
export function zoneOffsetMinutes(zone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((wall - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/** "14:05" (or "2:05 PM") on the contact's clock, with the weekday when it differs from ours. */
export function formatLocalTime(zone: string, at: number, ourZone?: string): string {
  const options: Intl.DateTimeFormatOptions = {
    timeZone: zone,
    hour: 'numeric',
    minute: '2-digit',
  };
  const day = (timeZone?: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(at);
  const otherDay = day(zone) !== day(ourZone);
  return new Intl.DateTimeFormat(
    undefined,
    otherDay ? { ...options, weekday: 'short' } : options,
  ).format(at);
}

/** "3 h ahead of you", "5 h 30 min behind you", "same time as you". */
export function describeOffset(zone: string, at: number, ourZone?: string): string {
  const ours = ourZone ? zoneOffsetMinutes(ourZone, at) : -new Date(at).getTimezoneOffset();
  const diff = zoneOffsetMinutes(zone, at) - ours;
  if (diff === 0) return 'same time as you';
  const hours = Math.floor(Math.abs(diff) / 60);
  const minutes = Math.abs(diff) % 60;
  const amount = [hours && `${hours} h`, minutes && `${minutes} min`].filter(Boolean).join(' ');
  return `${amount} ${diff > 0 ? 'ahead of' : 'behind'} you`;
}

/** Is it a sensible hour to call: 8:00–19:59 on the contact's clock? */
export function isWorkingHours(zone: string, at: number): boolean {
  const hour = Number(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(
      at,
    ),
  );
  return hour >= 8 && hour < 20;
}

/** The current time, refreshed every 30 seconds: for clocks on screen. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

import { describe, expect, it } from 'vitest';
import { describeOffset, isTimeZone, isWorkingHours, zoneOffsetMinutes } from './localTime';

describe("a contact's local time", () => {
  // 12:00 UTC on a summer day: Berlin 14:00 (UTC+2), New York 08:00 (UTC−4), Kolkata 17:30.
  const noon = Date.UTC(2026, 6, 15, 12, 0, 30);

  it('knows the offset of a zone at a moment, summer time included', () => {
    expect(zoneOffsetMinutes('Europe/Berlin', noon)).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', Date.UTC(2026, 0, 15, 12))).toBe(60);
    expect(zoneOffsetMinutes('America/New_York', noon)).toBe(-240);
    expect(zoneOffsetMinutes('Asia/Kolkata', noon)).toBe(330);
  });

  it('says how far ahead or behind the contact is', () => {
    expect(describeOffset('Asia/Kolkata', noon, 'Europe/Berlin')).toBe('3 h 30 min ahead of you');
    expect(describeOffset('America/New_York', noon, 'Europe/Berlin')).toBe('6 h behind you');
    expect(describeOffset('Europe/Paris', noon, 'Europe/Berlin')).toBe('same time as you');
  });

  it('tells working hours from the night, and real zones from typos', () => {
    expect(isWorkingHours('Europe/Berlin', noon)).toBe(true);
    expect(isWorkingHours('Asia/Tokyo', noon)).toBe(false);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { detectCallSource } from './callHeaders';
import { phoneKey, readDirection, readDuration, readOutcome, readPhone } from './callValues';
import { suggestMapping, normaliseHeader } from './recognise';
import { Bad } from './values';

describe('call log values', () => {
  it('reads durations as seconds, clocks and words', () => {
    expect(readDuration('95')).toBe(95_000);
    expect(readDuration('95.4')).toBe(95_400);
    expect(readDuration('01:35')).toBe(95_000);
    expect(readDuration('0:01:35')).toBe(95_000);
    expect(readDuration('1:02:03')).toBe(3_723_000);
    expect(readDuration('1h 2m 3s')).toBe(3_723_000);
    expect(readDuration('2 min')).toBe(120_000);
    expect(readDuration('7.5', 60_000)).toBe(450_000);
    expect(readDuration('soon')).toBeInstanceOf(Bad);
    expect(readDuration('01:75')).toBeInstanceOf(Bad);
    expect((readDuration('90000') as Bad).message).toBe('Duration “90000” is longer than a day');
  });

  it('reads each dialer’s words for the outcome', () => {
    const cases: [string, string | null][] = [
      ['answered', 'connected'],
      ['Call connected', 'connected'],
      ['Accepted', 'connected'],
      ['completed', 'connected'],
      ['missed', 'no-answer'],
      ['no-answer', 'no-answer'],
      ['No Answer', 'no-answer'],
      ['not answered', 'no-answer'],
      ['abandoned', 'no-answer'],
      ['Hang Up', 'no-answer'],
      ['busy', 'busy'],
      ['voicemail', 'voicemail'],
      ['left voicemail', 'voicemail'],
      ['Wrong number', 'wrong-number'],
      ['Not interested', 'not-interested'],
      ['Meeting booked', 'meeting-booked'],
      // Dialpad's categories: the most telling word wins.
      ['outgoing,answered', 'connected'],
      ['incoming,missed,voicemail', 'voicemail'],
      ['outgoing, unanswered', 'no-answer'],
      // Aircall's "Call direction - Type".
      ['Inbound - Answered', 'connected'],
      // Words that only say the call is over decide nothing.
      ['done', null],
      ['Outbound', null],
    ];
    for (const [text, outcome] of cases) expect([text, readOutcome(text)]).toEqual([text, outcome]);
    expect((readOutcome('sort of') as Bad).message).toMatch(
      /^Outcome “sort of” is not one we know/,
    );
  });

  it('reads directions', () => {
    expect(readDirection('Outbound')).toBe('outbound');
    expect(readDirection('outgoing')).toBe('outbound');
    expect(readDirection('Inbound - Voicemail')).toBe('inbound');
    expect(readDirection('incoming')).toBe('inbound');
    expect(readDirection('internal')).toBeInstanceOf(Bad);
  });

  it('reduces one number written many ways to one key, and none to hidden or short numbers', () => {
    const berlin = [
      '+49 30 1234567',
      '0049 30 1234567',
      '030 1234567',
      '+49 (0)30 123-4567',
      '(030) 123-4567',
    ];
    expect(new Set(berlin.map(phoneKey))).toEqual(new Set(['301234567']));
    expect(phoneKey('+1 (415) 555-0134')).toBe(phoneKey('415.555.0134'));
    expect(phoneKey('+44 20 7946 0958')).toBe(phoneKey('020 7946 0958'));
    expect(phoneKey('+44 20 7946 0958')).not.toBe(phoneKey('+44 20 7946 0959'));
    expect(phoneKey('+49 30 1234567 ext. 204')).toBe('301234567');
    expect(phoneKey('204')).toBeNull();
    expect(readPhone('Anonymous')).toBeNull();
    expect(readPhone(' tel:+4930123 ')).toBe('+4930123');
  });

  it('recognises Aircall, RingCentral and Dialpad headers, and a generic log', () => {
    const names = (line: string) => line.split(',').map(normaliseHeader);
    expect(
      detectCallSource(
        names('id,direction,status,missed_call_reason,started_at,raw_digits,user_email'),
      ),
    ).toBe('aircall');
    expect(
      detectCallSource(
        names('Session Id,Direction,From,To,Date,Time,Action,Action Result,Duration'),
      ),
    ).toBe('ringcentral');
    expect(
      detectCallSource(names('call_id,date_started,date_ended,external_number,categories')),
    ).toBe('dialpad');
    expect(detectCallSource(names('Call ID,Start,End,Number,Rep,Outcome'))).toBe('generic');
    // A lone Time column is the whole moment; next to a Date column it is the time of day.
    expect(suggestMapping('calls', ['Time', 'Number'])).toEqual({
      Time: 'startedAt',
      Number: 'phone',
    });
    expect(suggestMapping('calls', ['Date', 'Time'])).toEqual({
      Date: 'startedAt',
      Time: 'startTime',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportRep } from '../../../shared/contract';
import {
  chooseRep,
  LEAVE_OUT,
  NO_REP,
  repChoice,
  unmatchedReps,
  zoneOffset,
  zoneOptions,
} from './callOptions';

const RITA = '0190a6a2-0000-7000-8000-000000000001';
const SAM = '0190a6a2-0000-7000-8000-000000000002';
const found: ImportRep = { value: 'rita@northwind.example', calls: 3, userId: RITA };
const unknown: ImportRep = { value: '102', calls: 2, userId: null };

describe('call import options', () => {
  it('starts each dialer user on who they were found as, or leaves an unknown one out', () => {
    expect(repChoice(found, {})).toBe(RITA);
    expect(repChoice(unknown, {})).toBe(LEAVE_OUT);
    expect(unmatchedReps([found, unknown], {})).toEqual([unknown]);
  });

  it('records only the choices that differ from the default', () => {
    let choices = chooseRep({}, unknown, SAM);
    expect(choices).toEqual({ '102': SAM });
    expect(unmatchedReps([found, unknown], choices)).toEqual([]);
    choices = chooseRep(choices, found, NO_REP);
    expect(choices).toEqual({ '102': SAM, 'rita@northwind.example': null });
    expect(repChoice(found, choices)).toBe(NO_REP);
    // Back to the defaults: nothing left to send.
    choices = chooseRep(chooseRep(choices, found, RITA), unknown, LEAVE_OUT);
    expect(choices).toEqual({});
  });

  it('offers the likely zones first, once each, and names their offset', () => {
    const { top, rest } = zoneOptions(
      ['UTC', 'Europe/Berlin', null, 'UTC'],
      ['America/New_York', 'Europe/Berlin', 'UTC'],
    );
    expect(top).toEqual(['UTC', 'Europe/Berlin']);
    expect(rest).toEqual(['America/New_York']);
    expect(zoneOffset('Europe/Berlin', Date.UTC(2026, 0, 15))).toBe('UTC+01:00');
    expect(zoneOffset('Europe/Berlin', Date.UTC(2026, 6, 15))).toBe('UTC+02:00');
    expect(zoneOffset('UTC')).toBe('UTC');
  });
});

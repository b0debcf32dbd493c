import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract';
import { parseCsv } from './parse';
import { detectSource, suggestMapping } from './recognise';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'import');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function refusal(text: string): string {
  try {
    parseCsv(text);
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('reading CSV', () => {
  it('handles a BOM, semicolons, quotes and line breaks inside values, with file line numbers', () => {
    const csv = parseCsv(fixture('deals-with-errors.csv'));
    expect(csv.delimiter).toBe(';');
    expect(csv.headers[0]).toBe('Title');
    expect(csv.rows).toHaveLength(10);
    expect(csv.rows[1]![7]).toBe('spans\r\ntwo lines');
    // The second record spans lines 3 and 4, so the third starts on line 5.
    expect(csv.lines.slice(0, 4)).toEqual([2, 3, 5, 6]);
  });

  it('skips blank lines, pads short rows and names blank or repeated headers', () => {
    const csv = parseCsv(
      'Name,Email,,Email\n\nAda,ada@x.example\n\n"Bob ""B""",bob@x.example,,b2@x.example\n',
    );
    expect(csv.headers).toEqual(['Name', 'Email', 'Column 3', 'Email (2)']);
    expect(csv.rows).toEqual([
      ['Ada', 'ada@x.example', '', ''],
      ['Bob "B"', 'bob@x.example', '', 'b2@x.example'],
    ]);
    expect(csv.lines).toEqual([3, 5]);
  });

  it('reports a row with more values than columns, and an unclosed quote, as row problems', () => {
    const csv = parseCsv('Title,Value\nA,1\nB,2,3\nC,"4\nD,5\n');
    expect(csv.problems.get(1)).toMatch(/the row has 3 values but the header names 2 columns/);
    expect(csv.problems.get(2)).toMatch(/a quote \("\) opens a value here that is never closed/);
  });

  it('refuses what is not CSV, and a file without a header row, saying so', () => {
    expect(refusal('PK\u0003\u0004\u0014\u0000\u0006\u0000binary')).toMatch(
      /^This is not a CSV file: it looks like an Excel workbook/,
    );
    expect(refusal('{"deals": [1, 2]}')).toBe('This is not a CSV file: it looks like JSON.');
    expect(refusal('%PDF-1.7\n...')).toBe('This is not a CSV file: it is a PDF document.');
    expect(refusal('\u0000\u0001\u0002abc')).toBe(
      'This is not a CSV file: it holds binary data, not text.',
    );
    expect(refusal('   \n\n')).toBe('The file is empty: there is nothing to import.');
    expect(
      refusal('Dear team, here are the deals we talked about on Monday in the meeting.\nThanks!'),
    ).toMatch(/^This is not a CSV file: its first line is a sentence/);
    expect(refusal('Acme GmbH,12500,anna@acme.example\nGlobex,900,hank@globex.example\n')).toBe(
      'The file has no header row: its first line should name the columns (for example Title, Value, Stage), but it holds values such as “12500”, “anna@acme.example”. Add a first line with the column names and upload the file again.',
    );
  });
});

describe('recognising exports', () => {
  it('recognises a Pipedrive deals export and maps its columns', () => {
    const { headers } = parseCsv(fixture('pipedrive-deals.csv'));
    expect(detectSource(headers)).toBe('pipedrive');
    expect(suggestMapping('deals', headers)).toEqual({
      'Deal - ID': null,
      'Deal - Title': 'title',
      'Deal - Value': 'value',
      'Deal - Currency': 'currency',
      'Deal - Stage': 'stage',
      'Deal - Status': 'status',
      'Deal - Owner': 'owner',
      'Deal - Organization': 'account',
      'Deal - Contact person': 'contactName',
      'Person - Email': 'contactEmail',
      'Deal - Expected close date': 'expectedCloseAt',
      'Deal - Lost reason': 'lostReason',
      'Deal - Deal created': 'createdAt',
      'Deal - Lead Source': 'source',
    });
  });

  it('recognises Pipedrive people exports', () => {
    const { headers } = parseCsv(fixture('pipedrive-people.csv'));
    expect(detectSource(headers)).toBe('pipedrive');
    expect(suggestMapping('contacts', headers)).toEqual({
      'Person - Name': 'name',
      'Person - Email': 'email',
      'Person - Phone': 'phone',
      'Person - Organization': 'account',
      'Person - Job title': 'title',
      'Person - Owner': 'owner',
      'Person - Person created': 'createdAt',
    });
  });

  it('recognises HubSpot deals and contacts exports', () => {
    const deals = parseCsv(fixture('hubspot-deals.csv')).headers;
    expect(detectSource(deals)).toBe('hubspot');
    expect(suggestMapping('deals', deals)).toEqual({
      'Record ID': null,
      'Deal Name': 'title',
      'Deal Stage': 'stage',
      Pipeline: null,
      Amount: 'value',
      'Close Date': 'expectedCloseAt',
      'Deal owner': 'owner',
      'Associated Company': 'account',
      'Create Date': 'createdAt',
      'Closed Lost Reason': 'lostReason',
      'Next step': 'nextStep',
    });
    const contacts = parseCsv(fixture('hubspot-contacts.csv')).headers;
    expect(detectSource(contacts)).toBe('hubspot');
    expect(suggestMapping('contacts', contacts)).toEqual({
      'Record ID': null,
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Phone Number': 'phone',
      'Job Title': 'title',
      'Company Name': 'account',
      City: 'city',
      'Country/Region': 'country',
      'Contact owner': 'owner',
      'Create Date': 'createdAt',
      'Lifecycle Stage': null,
    });
  });

  it('maps plain headers, one column per field, the better name winning', () => {
    const headers = ['Name', 'Company', 'E-mail', 'Amount', 'Owner', 'Owner email', 'Website'];
    expect(detectSource(headers)).toBe('generic');
    expect(suggestMapping('deals', headers)).toEqual({
      Name: 'title',
      Company: 'account',
      'E-mail': 'contactEmail',
      Amount: 'value',
      Owner: null,
      'Owner email': 'owner',
      Website: 'accountDomain',
    });
    expect(suggestMapping('contacts', ['Full name', 'Title', 'Mobile', 'Phone'])).toEqual({
      'Full name': 'name',
      Title: 'title',
      Mobile: null,
      Phone: 'phone',
    });
  });
});

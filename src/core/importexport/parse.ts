/**
 * Reading the uploaded text as CSV with papaparse: quotes, embedded newlines, a BOM, and a
 * comma, semicolon, tab or pipe as the delimiter (detected). A file that is not CSV, or whose
 * first line does not name its columns, is refused with a sentence saying so.
 */
import Papa from 'papaparse';
import { ApiError } from '../../shared/contract';
import { quote } from './values';

export interface ParsedCsv {
  /** Column names, unique: a repeated name gets " (2)", an empty one "Column 3". */
  headers: string[];
  /** Data rows, each as long as `headers`; blank lines are left out. */
  rows: string[][];
  /** The line of the file each row starts on, the header being line 1. */
  lines: number[];
  /** Rows that could not be read as they stand (an unclosed quote, too many values). */
  problems: Map<number, string>;
  delimiter: string;
}

const DELIMITERS = [',', ';', '\t', '|'];
const SNIFF_CHARS = 64 * 1024;

function notCsv(reason: string): ApiError {
  return new ApiError('invalid_input', `This is not a CSV file: ${reason}.`, 'importId');
}

/** Control characters other than tabs and line breaks, or undecodable bytes, are not text. */
function looksBinary(start: string): boolean {
  let strange = 0;
  for (let i = 0; i < start.length; i++) {
    const code = start.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) strange += 1;
  }
  return strange > 8;
}

/** The kinds of files people pick by mistake, told apart by how they begin. */
function refuseOtherFormats(text: string): void {
  const start = text.slice(0, 4096);
  if (start.startsWith('PK\u0003\u0004')) {
    throw notCsv(
      'it looks like an Excel workbook (.xlsx) or a zip archive. In Excel or Numbers, save it as “CSV UTF-8” and import that file',
    );
  }
  if (start.startsWith('%PDF')) throw notCsv('it is a PDF document');
  if (
    start.startsWith('\u00d0\u00cf\u0011\u00e0') ||
    start.startsWith('\ufffd\ufffd\u0011\ufffd')
  ) {
    throw notCsv('it looks like an old Excel workbook (.xls); save it as “CSV UTF-8” first');
  }
  if (looksBinary(start)) throw notCsv('it holds binary data, not text');
  const first = start.trimStart()[0];
  if (first === '{' || first === '[') throw notCsv('it looks like JSON');
  if (first === '<') throw notCsv('it looks like HTML or XML');
}

/** What a header cell never looks like: an address, a number, a date. */
function looksLikeValue(cell: string): boolean {
  const text = cell.trim();
  return (
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ||
    /^[-+(]?[$€£]?\s?\d[\d\s.,']*(?:\s?[$€£%])?\)?$/.test(text) ||
    /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}/.test(text)
  );
}

function checkHeader(cells: string[]): void {
  const named = cells.filter((cell) => /\p{L}/u.test(cell));
  const values = cells.filter((cell) => cell.trim() !== '' && looksLikeValue(cell));
  if (named.length === 0 || values.length > 0) {
    const shown = (values.length > 0 ? values : cells)
      .slice(0, 3)
      .map((cell) => quote(cell))
      .join(', ');
    throw new ApiError(
      'invalid_input',
      `The file has no header row: its first line should name the columns (for example Title, Value, Stage), but it holds values such as ${shown}. Add a first line with the column names and upload the file again.`,
      'importId',
    );
  }
  // Prose splits into a few long "columns" at its commas; column names are short.
  const prose = (cell: string) => cell.length > 60 || cell.trim().split(/\s+/).length > 6;
  if (cells.length <= 3 && cells.some(prose)) {
    throw notCsv(
      'its first line is a sentence, not a row of column names separated by commas or semicolons',
    );
  }
}

function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const base = cell.trim().replace(/\s+/g, ' ') || `Column ${index + 1}`;
    const count = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

function detectDelimiter(text: string): string {
  // Papaparse guesses from a full parse per candidate; a sample of whole lines decides as well.
  let sample = text.slice(0, SNIFF_CHARS);
  const lastBreak = sample.lastIndexOf('\n');
  if (text.length > SNIFF_CHARS && lastBreak > 0) sample = sample.slice(0, lastBreak);
  const guess = Papa.parse<string[]>(sample, {
    delimitersToGuess: DELIMITERS,
    preview: 50,
    skipEmptyLines: true,
  });
  return DELIMITERS.includes(guess.meta.delimiter) ? guess.meta.delimiter : ',';
}

const empty = () =>
  new ApiError('invalid_input', 'The file is empty: there is nothing to import.', 'importId');

const isBlank = (row: string[]) => row.every((cell) => cell.trim() === '');

export function parseCsv(input: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') throw empty();
  refuseOtherFormats(text);
  const delimiter = detectDelimiter(text);
  const result = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const breakChar = result.meta.linebreak === '\r' ? '\r' : '\n';

  // Line numbers: each record starts one line after the previous one ended, and a record spans
  // as many lines as the line breaks inside its quoted values.
  const data = result.data;
  const startLines = new Array<number>(data.length);
  let line = 1;
  for (let i = 0; i < data.length; i++) {
    startLines[i] = line;
    line += 1;
    for (const cell of data[i]!) {
      if (cell.length > 0 && cell.includes(breakChar)) line += cell.split(breakChar).length - 1;
    }
  }
  const rowProblems = new Map<number, string>();
  for (const error of result.errors) {
    if (error.row === undefined) continue;
    const message =
      error.code === 'MissingQuotes'
        ? 'a quote (") opens a value here that is never closed, so the rest of the file could not be read'
        : error.code === 'InvalidQuotes'
          ? 'a quoted value is followed by more text before the next delimiter'
          : error.message;
    if (!rowProblems.has(error.row)) rowProblems.set(error.row, message);
  }

  const headerIndex = data.findIndex((row) => !isBlank(row));
  if (headerIndex < 0) throw empty();
  const headerCells = data[headerIndex]!;
  checkHeader(headerCells);
  const headers = uniqueHeaders(headerCells);
  const width = headers.length;
  const rows: string[][] = [];
  const lines: number[] = [];
  const problems = new Map<number, string>();
  for (let i = headerIndex + 1; i < data.length; i++) {
    const cells = data[i]!;
    if (isBlank(cells) && !rowProblems.has(i)) continue;
    const index = rows.length;
    let problem = rowProblems.get(i);
    if (cells.length > width) {
      const extra = cells.slice(width).filter((cell) => cell.trim() !== '');
      if (extra.length > 0) {
        problem ??= `the row has ${cells.length} values but the header names ${width} columns; check the quotes and delimiters on this line`;
      }
      cells.length = width;
    }
    while (cells.length < width) cells.push('');
    if (problem) problems.set(index, problem);
    rows.push(cells);
    lines.push(startLines[i]!);
  }
  return { headers, rows, lines, problems, delimiter };
}

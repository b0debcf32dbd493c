/**
 * Reading the JSON of speech-to-text services with errors that point at the value:
 * "Read as Deepgram JSON: results.utterances[3].start: expected a time in seconds, found '0:41'".
 */
import type { TranscriptFormat } from '../scoring/types';
import { TranscriptError, quote } from './errors';

/**
 * JSON.parse, with the line where broken JSON breaks. Engines word their messages differently and
 * V8 gives no position for an unexpected token, so the line comes from `brokenAt`.
 */
export function parseJson(text: string, format: TranscriptFormat | null): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = message
      .replace(/^JSON\.parse: /, '')
      .replace(/, (\.\.\.)?".*is not valid JSON$/s, '')
      .replace(/ (in JSON )?at (position|line) .*$/s, '');
    const offset = brokenAt(text);
    const line = text.slice(0, offset).split('\n').length;
    const problem =
      offset >= text.trimEnd().length
        ? `the file ends in the middle of the JSON: was it cut short? (${reason})`
        : `the JSON is broken (${reason})`;
    throw new TranscriptError(format, problem, { line }, format ? undefined : 'JSON');
  }
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** The offset of the first character that is not valid JSON (the end, for a truncated file). */
export function brokenAt(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const char = text[i]!;
      if (char === '"') return void i++;
      if (char < ' ') fail();
      i += char === '\\' ? 2 : 1;
    }
    fail();
  };
  const list = <T>(close: string, item: () => T) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      space();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') fail();
      i++;
    }
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') {
      return list('}', () => {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    }
    if (char === '[') return list(']', value);
    if (char === '"') return string();
    LITERAL.lastIndex = i;
    if (!LITERAL.test(text)) fail();
    i = LITERAL.lastIndex;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (offset) {
    if (typeof offset === 'number') return Math.min(offset, text.length);
    throw offset;
  }
  return text.length;
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Typed reads that fail with the JSON path of the value and what was found there. */
export class JsonReader {
  constructor(readonly format: TranscriptFormat) {}

  fail(path: string, problem: string): never {
    throw new TranscriptError(this.format, problem, { path: path || '(the whole file)' });
  }

  object(value: unknown, path: string, missing = 'missing: expected an object'): JsonObject {
    if (isObject(value)) return value;
    return this.fail(
      path,
      value === undefined || value === null ? missing : `expected an object, found ${quote(value)}`,
    );
  }

  /** `missing` says what a missing list means, e.g. that the service was asked for too little. */
  array(value: unknown, path: string, missing = 'missing: expected a list'): unknown[] {
    if (Array.isArray(value)) return value;
    return this.fail(
      path,
      value === undefined || value === null ? missing : `expected a list, found ${quote(value)}`,
    );
  }

  string(value: unknown, path: string): string {
    if (typeof value === 'string') return value;
    return this.fail(
      path,
      value === undefined
        ? 'missing: expected the words spoken'
        : `expected text, found ${quote(value)}`,
    );
  }

  /** A time in `unit`, as a number or a numeric string (AWS), returned in seconds. */
  seconds(value: unknown, path: string, unit: 'seconds' | 'milliseconds' = 'seconds'): number {
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)
          ? Number(value)
          : NaN;
    if (!Number.isFinite(number)) {
      this.fail(
        path,
        value === undefined
          ? `missing: expected a time in ${unit}`
          : `expected a time in ${unit}, found ${quote(value)}`,
      );
    }
    if (number < 0) this.fail(path, `a time cannot be negative, found ${quote(value)}`);
    return unit === 'milliseconds' ? number / 1000 : number;
  }
}

import { describe, expect, it } from 'vitest';
import { decodeText, splitText } from './text';

describe('sending a file in chunks', () => {
  it('keeps chunks under the character limit and puts the text back together', () => {
    const text = 'Title,Value\n' + 'Acme,1\n'.repeat(1000);
    const chunks = splitText(text, 100, 10_000);
    expect(chunks.every((chunk) => chunk.length <= 100)).toBe(true);
    expect(chunks.join('')).toBe(text);
  });

  it('halves a chunk whose JSON encoding would not fit in a frame', () => {
    // Quotes double on the wire and "€" takes three bytes: 60 characters, about 180 bytes.
    const text = '"€"'.repeat(20);
    const chunks = splitText(text, 60, 100);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(new TextEncoder().encode(JSON.stringify(chunk)).length).toBeLessThanOrEqual(100);
    }
    expect(chunks.join('')).toBe(text);
  });

  it('never splits a character made of two code units', () => {
    const text = 'a😀b😀c😀';
    const chunks = splitText(text, 2, 1_000);
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks) expect(chunk).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });
});

describe('reading a file as text', () => {
  it('reads UTF-8, UTF-16 and Windows-1252', () => {
    expect(decodeText(new TextEncoder().encode('\ufeffName\nZoë'))).toBe('Name\nZoë');
    const utf16 = new Uint8Array([0xff, 0xfe, 0x5a, 0x00, 0xeb, 0x00]);
    expect(decodeText(utf16)).toBe('Zë');
    expect(decodeText(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toBe('Müller');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_IMPORT_CHUNK_CHARS,
  MAX_IMPORT_FILE_CHARS,
  type ImportKind,
} from '../../shared/contract';
import { apiError, setUp, upload } from '../../../tests/helpers/importexport';

describe('uploads', () => {
  it('collects a file sent in chunks and previews it', async () => {
    const core = await setUp();
    const lines = ['Title,Value'];
    for (let i = 1; i <= 25; i++) lines.push(`"Deal ${i}, with a comma",${i * 100}`);
    const importId = await upload(core, 'deals', lines.join('\n'), 37);
    const preview = await core.call('import.preview', { importId });
    expect(preview).toMatchObject({
      headers: ['Title', 'Value'],
      rows: 25,
      source: 'generic',
      mapping: { Title: 'title', Value: 'value' },
    });
    expect(preview.sample).toHaveLength(10);
    expect(preview.sample[9]).toEqual(['Deal 10, with a comma', '1000']);
    core.close();
  });

  it('refuses an oversized chunk and a file over the limit, with clear errors', async () => {
    const core = await setUp();
    const { importId } = await core.call('import.start', { kind: 'deals', filename: 'big.csv' });
    const tooBig = await apiError(
      core.call('import.append', { importId, text: 'x'.repeat(MAX_IMPORT_CHUNK_CHARS + 1) }),
    );
    expect(tooBig).toMatchObject({
      code: 'invalid_input',
      field: 'text',
      message: `import.append: text: at most ${MAX_IMPORT_CHUNK_CHARS} characters per chunk`,
    });

    const chunk = 'x'.repeat(MAX_IMPORT_CHUNK_CHARS);
    const fits = MAX_IMPORT_FILE_CHARS / MAX_IMPORT_CHUNK_CHARS;
    for (let i = 0; i < fits; i++) await core.call('import.append', { importId, text: chunk });
    const over = await apiError(core.call('import.append', { importId, text: 'x' }));
    expect(over).toMatchObject({ code: 'invalid_input', field: 'text' });
    expect(over.message).toMatch(
      /^import\.append: text: the file is too large to import: at most 64 MB of text.*Split it into smaller files/,
    );
    // The oversized upload is let go.
    expect(await apiError(core.call('import.preview', { importId }))).toMatchObject({
      code: 'not_found',
    });
    core.close();
  });

  it('names the field of an unknown import, and forgets a cancelled one', async () => {
    const core = await setUp();
    const unknown = await apiError(
      core.call('import.append', { importId: '0190f2a4-0000-7000-8000-000000000000', text: 'a' }),
    );
    expect(unknown).toMatchObject({ code: 'not_found', field: 'importId' });
    expect(unknown.message).toMatch(/^import\.append: importId: there is no import/);

    const importId = await upload(core, 'deals', 'Title\nA\n');
    expect(await core.call('import.cancel', { importId })).toEqual({ importId });
    expect(await apiError(core.call('import.preview', { importId }))).toMatchObject({
      code: 'not_found',
      field: 'importId',
    });
    core.close();
  });

  it('says when a file is not CSV or has no header row', async () => {
    const core = await setUp();
    const json = await upload(core, 'deals', '[{"title": "Acme"}]');
    expect(await apiError(core.call('import.preview', { importId: json }))).toMatchObject({
      code: 'invalid_input',
      message: 'This is not a CSV file: it looks like JSON.',
    });
    const headless = await upload(core, 'deals', 'Acme,12500\nGlobex,900\n');
    expect((await apiError(core.call('import.preview', { importId: headless }))).message).toMatch(
      /^The file has no header row/,
    );
    core.close();
  });

  it('checks the mapping against the file and the kind of import', async () => {
    const core = await setUp();
    const importId = await upload(core, 'deals', 'Title,Amount,Email\nA,1,a@x.example\n');
    const run = (mapping: Record<string, string | null>) =>
      apiError(core.call('import.run', { importId, mapping }));
    expect(await run({ Name: 'title' })).toMatchObject({
      field: 'mapping',
      message: 'import.run: mapping: the file has no column “Name”',
    });
    expect(await run({ Amount: 'value' })).toMatchObject({
      message: 'import.run: mapping: map a column to Title: every deal needs one',
    });
    expect(await run({ Title: 'title', Email: 'consent' })).toMatchObject({
      message: 'import.run: mapping: “consent” is not a field of a deal',
    });
    expect(await run({ Title: 'title', Amount: 'value', Email: 'value' })).toMatchObject({
      message:
        'import.run: mapping: Value is mapped from two columns, “Amount” and “Email”; choose one',
    });
    core.close();
  });

  it('never crashes on arbitrary text: a report or a clear error', async () => {
    const core = await setUp();
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '"',
        '""',
        ',',
        ';',
        '\n',
        '\r\n',
        '€',
        '12,5',
        '2026-02-31',
        'Won',
        '@',
        'a@b.example',
      ),
    );
    const text = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 8 })
      .map((rows) =>
        [
          'Title,Value,Stage,Email,Name,Company,Consent,Website',
          ...rows.map((r) => r.join(',')),
        ].join('\n'),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(text, fc.string({ maxLength: 200 })),
        fc.constantFrom<ImportKind>('deals', 'contacts'),
        fc.boolean(),
        async (file, kind, dryRun) => {
          const { importId } = await core.call('import.start', { kind, filename: 'f.csv' });
          await core.call('import.append', { importId, text: file });
          const preview = await core.handle('import.preview', { importId });
          if (!preview.ok) {
            expect(preview.error.code).toBe('invalid_input');
            return;
          }
          const run = await core.handle('import.run', {
            importId,
            mapping: (preview.value as { mapping: Record<string, string | null> }).mapping,
            dryRun,
          });
          if (!run.ok) expect(run.error.code).toBe('invalid_input');
          else expect(run.value).toMatchObject({ committed: !dryRun });
          await core.handle('import.cancel', { importId });
        },
      ),
      { numRuns: 150 },
    );
    core.close();
  });
});

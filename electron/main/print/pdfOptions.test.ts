import { describe, expect, it } from 'vitest';
import { PDF_OPTIONS, suggestedPdfName } from './pdfOptions';

describe('saving a page as a PDF', () => {
  it('suggests the name the page asked for, as a plain .pdf file name', () => {
    expect(suggestedPdfName({ fileName: 'handover-acme-robotics.pdf' })).toBe(
      'handover-acme-robotics.pdf',
    );
    expect(suggestedPdfName({ fileName: 'handover-acme' })).toBe('handover-acme.pdf');
  });

  it('never lets the page choose a folder or a name the file system refuses', () => {
    expect(suggestedPdfName({ fileName: '../../.bashrc' })).toBe('bashrc.pdf');
    expect(suggestedPdfName({ fileName: 'C:\\Windows\\evil.pdf' })).toBe('evil.pdf');
    expect(suggestedPdfName({ fileName: 'a<b>:c|d?*\u0007.pdf' })).toBe('abcd.pdf');
    expect(suggestedPdfName({ fileName: 'x'.repeat(500) })).toHaveLength(120);
  });

  it('falls back to handover.pdf for anything but a file name', () => {
    expect(suggestedPdfName(undefined)).toBe('handover.pdf');
    expect(suggestedPdfName({ fileName: 42 })).toBe('handover.pdf');
    expect(suggestedPdfName({ fileName: '  ' })).toBe('handover.pdf');
    expect(suggestedPdfName('handover.pdf')).toBe('handover.pdf');
  });

  it('prints backgrounds and takes A4 and the margins from the page’s print stylesheet', () => {
    expect(PDF_OPTIONS).toMatchObject({ printBackground: true, preferCSSPageSize: true });
    expect(PDF_OPTIONS.footerTemplate).toContain('class="pageNumber"');
  });
});

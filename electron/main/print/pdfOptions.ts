/**
 * How the desktop app saves a page as a PDF, as plain values and functions that tests check
 * without Electron: the options for `webContents.printToPDF` and the file name it suggests.
 */

/** Page numbers in the bottom margin; the page's own print stylesheet sets A4 and the margins. */
export const PDF_FOOTER =
  '<div style="width:100%;padding:0 16mm;font:8px system-ui,sans-serif;color:#8a909c;' +
  'text-align:right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

export const PDF_OPTIONS = {
  printBackground: true,
  preferCSSPageSize: true,
  pageSize: 'A4',
  displayHeaderFooter: true,
  headerTemplate: '<span></span>',
  footerTemplate: PDF_FOOTER,
  generateTaggedPDF: true,
  generateDocumentOutline: true,
} as const;

const MAX_NAME = 120;

/**
 * The name the save dialog suggests, from what the page asked for: a plain file name ending in
 * `.pdf`, without folders, control characters or characters Windows refuses. Anything that is not
 * `{ fileName: string }` falls back to `handover.pdf`.
 */
export function suggestedPdfName(input: unknown): string {
  const raw =
    typeof input === 'object' && input !== null && 'fileName' in input
      ? (input as { fileName: unknown }).fileName
      : undefined;
  if (typeof raw !== 'string') return 'handover.pdf';
  const base = raw.split(/[\\/]/).at(-1) ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .replace(/\.pdf$/i, '')
    .slice(0, MAX_NAME - 4)
    .trim();
  return `${cleaned || 'handover'}.pdf`;
}

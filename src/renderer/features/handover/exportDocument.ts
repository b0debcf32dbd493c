import { api, desktop } from '../../api';
import { downloadText } from '../import/ExportButton';
import { pdfFileName } from './handoverText';

/** The handover as a Markdown file, through the browser's download (the same in Electron). */
export async function downloadMarkdown(id: string): Promise<string> {
  const { fileName, markdown } = await api.handover.exportMarkdown({ id });
  downloadText(fileName, markdown, 'text/markdown;charset=utf-8');
  return fileName;
}

export type PdfOutcome =
  { kind: 'saved'; path: string } | { kind: 'dialog' } | { kind: 'canceled' };

/**
 * Save the page on screen (the print view) as a PDF: the desktop app prints it with Chromium's
 * printToPDF and asks where to save it; a browser tab opens its print dialog, where "Save as PDF"
 * is one of the printers.
 */
export async function savePageAsPdf(id: string): Promise<PdfOutcome> {
  if (!desktop) {
    window.print();
    return { kind: 'dialog' };
  }
  const { fileName } = await api.handover.exportMarkdown({ id });
  const result = await desktop.printToPdf({ fileName: pdfFileName(fileName) });
  if (result.ok) return { kind: 'saved', path: result.path };
  if (result.canceled) return { kind: 'canceled' };
  throw new Error(result.message);
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app as electronApp, BrowserWindow, dialog, type IpcMain } from 'electron';
import { ipcChannel, type PrintToPdfResult } from '../../../src/shared/contract/bridge';
import { isTrustedSenderUrl, type AppOrigin } from '../security';
import { PDF_OPTIONS, suggestedPdfName } from './pdfOptions';

/**
 * `window.cockpit.desktop.printToPdf`: the page asks to be saved as a PDF (the handover's print
 * view); the main process prints that page with Chromium's `printToPDF` and lets the person choose
 * where the file goes. Only the app's own page may ask, as with the contract's methods.
 */
export function registerPrintToPdf(ipcMain: IpcMain, app: AppOrigin): () => void {
  ipcMain.handle(
    ipcChannel.printToPdf,
    async (event, input: unknown): Promise<PrintToPdfResult> => {
      if (!isTrustedSenderUrl(event.senderFrame?.url, app)) {
        return {
          ok: false,
          canceled: false,
          message: "printToPdf refused: the caller is not the app's own page",
        };
      }
      try {
        const pdf = await event.sender.printToPDF(PDF_OPTIONS);
        const window = BrowserWindow.fromWebContents(event.sender);
        const options = {
          title: 'Save the handover as PDF',
          defaultPath: join(electronApp.getPath('documents'), suggestedPdfName(input)),
          filters: [{ name: 'PDF document', extensions: ['pdf'] }],
        };
        const chosen = window
          ? await dialog.showSaveDialog(window, options)
          : await dialog.showSaveDialog(options);
        if (chosen.canceled || !chosen.filePath) return { ok: false, canceled: true };
        await writeFile(chosen.filePath, pdf);
        return { ok: true, path: chosen.filePath };
      } catch (error) {
        return {
          ok: false,
          canceled: false,
          message: error instanceof Error ? error.message : String(error),
        };
      }
    },
  );
  return () => ipcMain.removeHandler(ipcChannel.printToPdf);
}

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { createCore, type Core } from '../../../src/core';
import { ipcChannel } from '../../../src/shared/contract/bridge';
import { registerContract } from '.';
import { registerPrintToPdf } from '../print';

// The print handler imports Electron's dialog and app, which need the Electron binary: they are
// never reached when the sender is refused, and stand in for it when it is trusted.
vi.mock('electron', () => ({
  app: { getPath: () => '/tmp' },
  BrowserWindow: { fromWebContents: () => null },
  dialog: { showSaveDialog: async () => ({ canceled: true }) },
}));

const app = { url: 'file:///opt/cockpit/resources/app.asar/out/renderer/index.html' };

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

/** Electron's ipcMain as far as registration goes: it keeps the handlers to call them here. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  return { ipcMain, handlers };
}

/** An invoke from a frame at `url`, as Electron hands it to the handler. */
function eventFrom(url: string | undefined, sender: Partial<IpcMainInvokeEvent['sender']> = {}) {
  return { senderFrame: url === undefined ? null : { url }, sender } as IpcMainInvokeEvent;
}

let core: Core | undefined;
afterEach(() => core?.close());

async function setUp() {
  core = createCore({ dbPath: tempDbPath() });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'EUR',
  });
  const { ipcMain, handlers } = fakeIpcMain();
  registerContract(ipcMain, core, app);
  return { core, handlers };
}

describe('every IPC call is checked against the app’s own page', () => {
  it('refuses a call from a foreign frame and does not run it', async () => {
    const { core, handlers } = await setUp();
    const create = handlers.get(ipcChannel.method('deals.create'))!;
    for (const url of [
      'https://evil.example/',
      'file:///tmp/evil.html',
      'file://evil-host/opt/cockpit/resources/app.asar/out/renderer/index.html',
      undefined,
    ]) {
      const result = await create(eventFrom(url), { title: `Planted by ${url}` });
      expect(result, String(url)).toMatchObject({
        ok: false,
        error: { code: 'unauthorized', message: expect.stringContaining('deals.create refused') },
      });
    }
    // Nothing was written: the core never saw the calls.
    expect((await core.call('deals.list', {})).items).toEqual([]);
    // A read is refused the same way.
    const info = await handlers.get(ipcChannel.method('app.info'))!(
      eventFrom('https://evil.example/'),
      {},
    );
    expect(info).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('runs the same call from the app’s own page', async () => {
    const { core, handlers } = await setUp();
    const create = handlers.get(ipcChannel.method('deals.create'))!;
    const result = await create(eventFrom(`${app.url}#/board`), { title: 'Fleet rollout' });
    expect(result).toMatchObject({ ok: true, value: { title: 'Fleet rollout' } });
    expect((await core.call('deals.list', {})).items.map((d) => d.title)).toEqual([
      'Fleet rollout',
    ]);
    // Bad input from the app's page gets the contract's error naming the field.
    expect(await create(eventFrom(app.url), { title: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('registers one handler per contract method, and removes them all', async () => {
    const { handlers } = await setUp();
    const { ipcMain, handlers: mine } = fakeIpcMain();
    const remove = registerContract(ipcMain, core!, app);
    expect(mine.size).toBe(handlers.size);
    expect(mine.has(ipcChannel.method('handover.decide'))).toBe(true);
    remove();
    expect(mine.size).toBe(0);
  });

  it('refuses to print a foreign frame to PDF, and prints the app’s own page', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerPrintToPdf(ipcMain, app);
    const print = handlers.get(ipcChannel.printToPdf)!;
    const printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7'));
    const refused = await print(eventFrom('https://evil.example/', { printToPDF }), {
      fileName: 'x.pdf',
    });
    expect(refused).toMatchObject({ ok: false, canceled: false, message: /refused/ });
    expect(printToPDF).not.toHaveBeenCalled();

    const own = await print(eventFrom(`${app.url}#/handovers/1/print`, { printToPDF }), {
      fileName: 'handover.pdf',
    });
    expect(printToPDF).toHaveBeenCalledOnce();
    // The stand-in save dialog was cancelled.
    expect(own).toEqual({ ok: false, canceled: true });
  });
});

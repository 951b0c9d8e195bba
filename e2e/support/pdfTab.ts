import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { pdfPagePng } from '../../electron/testing/pdf';

/**
 * A PDF the app opens in a new tab (browser mode): the app asks the server for the PDF (`rpc`), then
 * sends the tab, opened on the click, to a blob: URL of type application/pdf holding those bytes.
 * Chromium with a PDF viewer shows it there; a headless build without a viewer (the Chromium from npm)
 * saves it as a download and the tab stays about:blank. So the check does not look at a viewer: the tab
 * must receive a blob: document of type application/pdf, and when the browser saved it, the saved bytes
 * must be the server's. (The page cannot fetch the blob back itself: its CSP allows only 'self'.)
 */
export async function pdfOpenedInTab(page: Page, rpc: string, click: () => Promise<void>): Promise<{ tab: Page; pdf: Buffer }> {
  const context = page.context();
  let blobType: (type: string) => void = () => undefined;
  let saved: (bytes: Promise<Buffer>) => void = () => undefined;
  const received = new Promise<string>((resolve) => (blobType = resolve));
  const downloaded = new Promise<Promise<Buffer>>((resolve) => (saved = resolve));
  // listening on the new page as soon as it exists: its blob: response may come before `popup` resolves
  const onPage = (tab: Page) => {
    context.off('page', onPage);
    tab.on('response', (r) => {
      if (r.url().startsWith('blob:')) blobType(r.headers()['content-type'] ?? '');
    });
    tab.on('download', (d) => saved(d.path().then((file) => fs.readFileSync(file))));
  };
  context.on('page', onPage);
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === `/rpc/${rpc}`);
  const popup = page.waitForEvent('popup');
  await click();
  const tab = await popup;
  const sent = Buffer.from(((await (await answer).json()) as { result: { contentBase64: string } }).result.contentBase64, 'base64');
  expect(sent.subarray(0, 5).toString()).toBe('%PDF-');
  const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`La scheda non ha ricevuto il PDF entro ${ms / 1000} s`)), ms));
  expect(await Promise.race([received, timeout(30_000)]).finally(() => context.off('page', onPage))).toBe('application/pdf');
  // a browser without a viewer saves it at once; one with a viewer shows it and saves nothing
  const savedBytes = await Promise.race([downloaded.then((b) => b), new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000))]);
  if (savedBytes) expect(savedBytes.equals(sent)).toBe(true);
  return { tab, pdf: sent };
}

/** The first page of a PDF as a screenshot beside the app's (e2e/screenshots), whatever the browser can show. */
export async function snapPdf(name: string, pdf: Buffer): Promise<void> {
  const dir = path.resolve('e2e/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.png`), (await pdfPagePng(pdf, 1, 96)).png);
}

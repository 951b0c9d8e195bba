import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../contract/reports';
import { seedStore } from '../../../db/seed/store';
import { A4, MARGIN } from '../../writers/pdf/layout';
import { setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { callOk } from '../../testing/calls';
import { reportPdf } from './pdf';

/**
 * The report PDF read back with pdfjs: on every page no two runs of text overlap and none leaves the
 * printable area — with the widest figures a programme can have (a fund of over a billion euro whose
 * name takes three lines) and long labels.
 */
interface Box {
  text: string;
  page: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

async function textBoxes(bytes: Uint8Array): Promise<Box[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const boxes: Box[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [, , , , x, y] = item.transform as number[];
      // the glyphs' box: from the baseline down to the descenders and up to the cap height
      boxes.push({ text: item.str, page: n, x0: x!, x1: x! + item.width, y0: y! - item.height * 0.2, y1: y! + item.height * 0.75 });
    }
  }
  return boxes;
}

const overlap = (a: Box, b: Box, slack = 0.4) => a.x0 < b.x1 - slack && b.x0 < a.x1 - slack && a.y0 < b.y1 - slack && b.y0 < a.y1 - slack;

let t: TempCore;
let model: ReportModel;
let admin: string;

beforeAll(async () => {
  t = await tempCore();
  await seedStore(t.core.store, { scale: 'demo', seed: 7 });
  admin = await setupAdmin(t.core);
  const fund = await callOk(t.core, 'budget.funds.create', {
    code: 'fse-plus-regione',
    name: 'Fondo Sociale Europeo Plus – Programma regionale Emilia-Romagna per l’inclusione lavorativa delle persone più fragili del territorio metropolitano',
    amountCents: 123_456_789_012,
    startYear: 2021,
    endYear: 2027,
    notes: null,
  }, admin);
  await callOk(t.core, 'budget.allocations.set', { fundId: fund.id, cells: [{ year: 2021, lineCode: 'tirocini_inserimento', amountCents: 98_765_432_100, version: null }] }, admin);
  model = await callOk(t.core, 'reports.model', { period: 'all' }, admin);
}, 60_000);
afterAll(async () => {
  await t.cleanup();
});

describe('the report PDF layout', () => {
  it('keeps every text apart and inside the printable area, on every page', async () => {
    const boxes = await textBoxes(await reportPdf(model));
    expect(boxes.length).toBeGreaterThan(500);
    const outside = boxes.filter((b) => b.x0 < MARGIN.left - 0.5 || b.x1 > A4.width - MARGIN.right + 0.5 || b.y0 < 20 || b.y1 > A4.height - 20);
    expect(outside.map((b) => `p.${b.page} «${b.text}»`)).toEqual([]);
    const clashes: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.page === b.page && overlap(a, b)) clashes.push(`p.${a.page} «${a.text}» / «${b.text}»`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('ends a fund name cut to fit with an ellipsis, and prints the billion-euro total whole', async () => {
    const boxes = await textBoxes(await reportPdf(model));
    const texts = boxes.map((b) => b.text);
    expect(texts.some((s) => s.endsWith('…'))).toBe(true);
    expect(texts).toContain('€ 1.248.567.890,12');
  });
});

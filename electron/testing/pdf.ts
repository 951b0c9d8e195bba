import fs from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

/**
 * PDFs read back in tests with pdfjs-dist (an npm package: no poppler on the machine). It gives what
 * the tests used to take from poppler's tools: the text in reading order (`pdftotext -layout`), the
 * boxes of the text (`pdftotext -bbox`), the fonts (`pdffonts`) and a page as a PNG (`pdftoppm`).
 */

type Source = string | Uint8Array;

const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'));

async function open(source: Source): Promise<PDFDocumentProxy> {
  // pdfjs-dist is ES modules only; the legacy build runs on Node 20
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = typeof source === 'string' ? new Uint8Array(fs.readFileSync(source)) : new Uint8Array(source);
  return pdfjs.getDocument({
    data,
    verbosity: 0,
    isEvalSupported: false,
    fontExtraProperties: true,
    standardFontDataUrl: path.join(pdfjsDir, 'standard_fonts') + path.sep,
    cMapUrl: path.join(pdfjsDir, 'cmaps') + path.sep,
  }).promise;
}

async function withDocument<T>(source: Source, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await open(source);
  try {
    return await fn(doc);
  } finally {
    await doc.destroy();
  }
}

/** A piece of text as the PDF draws it (a word or several), in points, origin at the top left like pdftotext -bbox. */
export interface TextBox {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** The baseline, from the top. */
  baseline: number;
  fontSize: number;
}

async function boxesOf(page: PDFPageProxy): Promise<TextBox[]> {
  const height = page.view[3]! - page.view[1]!;
  const content = await page.getTextContent();
  const boxes: TextBox[] = [];
  for (const item of content.items as TextItem[]) {
    if (typeof item.str !== 'string' || item.str.trim() === '') continue; // pdfjs adds the spaces it infers as items of their own
    const [, , c, d, x, y] = item.transform as number[];
    const fontSize = Math.hypot(c!, d!);
    const baseline = height - y!;
    boxes.push({ page: page.pageNumber, text: item.str, xMin: x!, xMax: x! + item.width, yMin: baseline - fontSize, yMax: baseline, baseline, fontSize });
  }
  return boxes;
}

/** Every piece of text of every page with its box: a margin checked on these holds for each word in them. */
export function pdfTextBoxes(source: Source): Promise<TextBox[]> {
  return withDocument(source, async (doc) => {
    const all: TextBox[] = [];
    for (let n = 1; n <= doc.numPages; n++) all.push(...(await boxesOf(await doc.getPage(n))));
    return all;
  });
}

/**
 * One page's text as lines, top to bottom, each left to right: pieces whose baselines are closer than
 * half the smaller font size share a line (a tick box set slightly lower than its label is on the label's
 * line); horizontal gaps become spaces, about one per half em, so table columns stay apart.
 */
function layoutLines(boxes: TextBox[]): string {
  const sorted = [...boxes].sort((a, b) => a.baseline - b.baseline || a.xMin - b.xMin);
  const lines: TextBox[][] = [];
  for (const box of sorted) {
    const line = lines.at(-1);
    const first = line?.[0];
    if (line && first && Math.abs(box.baseline - first.baseline) < Math.min(box.fontSize, first.fontSize) / 2) line.push(box);
    else lines.push([box]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.xMin - b.xMin);
      let text = '';
      let end = -Infinity;
      for (const box of line) {
        const gap = box.xMin - end;
        if (text && gap > box.fontSize * 0.1) text += ' '.repeat(Math.max(1, Math.round(gap / (box.fontSize * 0.5))));
        text += box.text;
        end = Math.max(end, box.xMax);
      }
      return text.trimEnd();
    })
    .join('\n');
}

/** The text of the whole PDF in reading order, each page followed by a form feed (as pdftotext -layout writes it). */
export function pdfText(source: Source): Promise<string> {
  return withDocument(source, async (doc) => {
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) text += layoutLines(await boxesOf(await doc.getPage(n))) + '\n\f';
    return text;
  });
}

/** The text with every run of white space made one space: a value may wrap onto the next line. */
export async function pdfFlatText(source: Source): Promise<string> {
  return (await pdfText(source)).replace(/\s+/g, ' ');
}

export interface PdfFont {
  /** The PostScript name without the subset tag pdf-lib adds (DejaVuSans-1234 → DejaVuSans). */
  name: string;
  /** pdfjs's font type: CIDFontType2 is a CID TrueType font. */
  type: string;
  /** The font program is in the file. */
  embedded: boolean;
  /** The /Encoding of the font dictionary (Identity-H for a composite font addressed by glyph id). */
  encoding: string | null;
}

/** The encodings of the fonts in the pages' resources, by BaseFont, read from the dictionaries with pdf-lib. */
async function encodingsByBaseFont(bytes: Uint8Array): Promise<Map<string, string>> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out = new Map<string, string>();
  for (const page of doc.getPages()) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) {
      const font = ref instanceof PDFRef ? doc.context.lookup(ref, PDFDict) : ref instanceof PDFDict ? ref : null;
      const baseFont = font?.lookupMaybe(PDFName.of('BaseFont'), PDFName);
      const encoding = font?.get(PDFName.of('Encoding'));
      if (baseFont && encoding instanceof PDFName) out.set(baseFont.decodeText(), encoding.decodeText());
    }
  }
  return out;
}

/** The fonts the pages draw their text with (as pdffonts lists them), each once. */
export function pdfFonts(source: Source): Promise<PdfFont[]> {
  const bytes = typeof source === 'string' ? new Uint8Array(fs.readFileSync(source)) : source;
  return withDocument(bytes, async (doc) => {
    const encodings = await encodingsByBaseFont(bytes);
    const byName = new Map<string, PdfFont>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList(); // loads the page's fonts into commonObjs
      const content = await page.getTextContent();
      for (const id of Object.keys(content.styles)) {
        const font = page.commonObjs.get(id) as { name: string; type: string; missingFile: boolean };
        byName.set(font.name, { name: font.name.replace(/^[A-Z]{6}\+/, '').replace(/-\d+$/, ''), type: font.type, embedded: !font.missingFile, encoding: encodings.get(font.name) ?? null });
      }
    }
    return [...byName.values()];
  });
}

/** One page drawn as a PNG at `dpi` (pdftoppm -png -r dpi), and how many of its pixels are not white. */
export function pdfPagePng(source: Source, pageNumber = 1, dpi = 72): Promise<{ png: Buffer; width: number; height: number; inkedPixels: number }> {
  return withDocument(source, async (doc) => {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    // pdfjs's own canvas factory: @napi-rs/canvas on Node
    const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: NodeCanvas; context: CanvasRenderingContext2DLike } };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport, background: 'white' }).promise;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let inkedPixels = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 200 || pixels[i + 1]! < 200 || pixels[i + 2]! < 200) inkedPixels++;
    return { png: canvas.toBuffer('image/png'), width: canvas.width, height: canvas.height, inkedPixels };
  });
}

interface NodeCanvas {
  width: number;
  height: number;
  toBuffer(mime: 'image/png'): Buffer;
}
interface CanvasRenderingContext2DLike {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

import { grayscale, PDFHexString, type Color, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { DocumentFonts } from './fonts';

/**
 * A small flow layout on A4 pages for the report PDF: a cursor that moves down, new pages when the
 * next block does not fit, wrapped text. Greys only, so every page prints well in black and white.
 */

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { left: 50, right: 50, top: 62, bottom: 58 };
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const INK = grayscale(0.1);
export const MUTED = grayscale(0.38);
export const RULE = grayscale(0.6);
export const LIGHT = grayscale(0.92);
export const ZEBRA = grayscale(0.96);

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: Color;
  lineHeight?: number;
}

const charWidths = new WeakMap<PDFFont, Map<string, number>>();

/**
 * Width of `text` at `size`, from per-character advance widths cached per font: pdf-lib's
 * widthOfTextAtSize shapes the text with fontkit each time, which made a report take seconds.
 * Kerning is ignored (DejaVu's is tiny at these sizes).
 */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let cache = charWidths.get(font);
  if (!cache) {
    cache = new Map();
    charWidths.set(font, cache);
  }
  let width = 0;
  for (const ch of text) {
    let w = cache.get(ch);
    if (w === undefined) {
      w = font.widthOfTextAtSize(ch, 1000);
      cache.set(ch, w);
    }
    width += w;
  }
  return (width * size) / 1000;
}

/**
 * Makes a document's font write text glyph by glyph from a per-character cache instead of shaping
 * every string with fontkit (2,000 table cells took over a second). The first use of a character
 * still goes through pdf-lib, which adds its glyph to the embedded subset. Latin text has no
 * ligatures or contextual forms in DejaVu Sans that this would miss.
 */
export function withGlyphCache(font: PDFFont): PDFFont {
  const shape = font.encodeText.bind(font);
  const hexByChar = new Map<string, string>();
  font.encodeText = (text: string) => {
    let hex = '';
    for (const ch of text) {
      let h = hexByChar.get(ch);
      if (h === undefined) {
        h = shape(ch).asString();
        hexByChar.set(ch, h);
      }
      hex += h;
    }
    return PDFHexString.of(hex);
  };
  return font;
}

/** Splits `text` into lines that fit `width` at `size` (words longer than a line are cut). */
export function wrapText(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(font, candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (textWidth(font, rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(font, rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Wrapped lines, at most `maxLines`: when the text needs more, the last line ends with "…". */
export function clampLines(font: PDFFont, text: string, size: number, width: number, maxLines: number): string[] {
  const lines = wrapText(font, text, size, width);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitText(font, `${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, size, width);
  return kept;
}

/** Shortens `text` with «…» to fit `width`. */
export function fitText(font: PDFFont, text: string, size: number, width: number): string {
  if (textWidth(font, text, size) <= width) return text;
  let end = text.length;
  while (end > 1 && textWidth(font, `${text.slice(0, end)}…`, size) > width) end--;
  return `${text.slice(0, end)}…`;
}

export class Flow {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: DocumentFonts,
  ) {}

  font(bold = false): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN.top;
    return this.page;
  }

  /** Space left above the bottom margin. */
  get room(): number {
    return this.y - MARGIN.bottom;
  }

  /** Starts a new page unless `height` fits. */
  ensure(height: number): void {
    if (this.room < height) this.newPage();
  }

  /** Writes wrapped text at the cursor and moves it down. */
  text(text: string, style: TextStyle = {}, x = MARGIN.left, width = CONTENT_WIDTH): void {
    const size = style.size ?? 10;
    const lineHeight = style.lineHeight ?? size * 1.35;
    const font = this.font(style.bold);
    for (const line of wrapText(font, text, size, width)) {
      this.ensure(lineHeight);
      this.page.drawText(line, { x, y: this.y - size, size, font, color: style.color ?? INK });
      this.y -= lineHeight;
    }
  }

  /** Height of `text` wrapped in `width`. */
  textHeight(text: string, style: TextStyle, width = CONTENT_WIDTH): number {
    const size = style.size ?? 10;
    return wrapText(this.font(style.bold), text, size, width).length * (style.lineHeight ?? size * 1.35);
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(color: Color = RULE, thickness = 0.6): void {
    this.page.drawLine({ start: { x: MARGIN.left, y: this.y }, end: { x: A4.width - MARGIN.right, y: this.y }, thickness, color });
  }
}

/** Right-aligned text ending at `right`. */
export function drawRight(page: PDFPage, font: PDFFont, text: string, right: number, y: number, size: number, color: Color = INK): void {
  page.drawText(text, { x: right - textWidth(font, text, size), y, size, font, color });
}

export function drawCentered(page: PDFPage, font: PDFFont, text: string, centre: number, y: number, size: number, color: Color = INK): void {
  page.drawText(text, { x: centre - textWidth(font, text, size) / 2, y, size, font, color });
}

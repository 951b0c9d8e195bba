import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { Fontkit } from 'pdf-lib/cjs/types/fontkit';

/**
 * DejaVu Sans (npm dejavu-fonts-ttf, pinned): it carries every Italian letter and the accents of the
 * names our people have (ș, ł, ğ, …), which the PDF standard fonts (WinAnsi only) cannot print.
 * The files are read once per process; each document embeds only the glyphs it uses.
 */
let cached: { regular: Uint8Array; bold: Uint8Array } | null = null;

function fontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  cached ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return cached;
}

export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * fontkit that parses each font file once per process: parsing DejaVu and warming its glyph caches
 * cost ~100 ms per document; the parsed font is only read when a document subsets it.
 */
const parsed = new Map<Uint8Array, ReturnType<Fontkit['create']>>();
const cachingFontkit: Fontkit = {
  create: (bytes, postscriptName) => {
    if (postscriptName !== undefined) return (fontkit as Fontkit).create(bytes, postscriptName);
    let font = parsed.get(bytes);
    if (!font) {
      font = (fontkit as Fontkit).create(bytes);
      parsed.set(bytes, font);
    }
    return font;
  },
};

export async function embedFonts(doc: PDFDocument): Promise<DocumentFonts> {
  doc.registerFontkit(cachingFontkit);
  const bytes = fontBytes();
  const [regular, bold] = await Promise.all([doc.embedFont(bytes.regular, { subset: true }), doc.embedFont(bytes.bold, { subset: true })]);
  return { regular, bold };
}

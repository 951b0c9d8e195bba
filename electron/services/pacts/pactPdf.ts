import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { italianDate } from '../../domain/dates';
import { PACT_MODE_LABELS, PACT_MODES, streetWords, type PactMode } from '../../domain/pacts';
import { embedFonts, type DocumentFonts } from '../../writers/pdf/fonts';

/**
 * The Patto per il buon lavoro as an A4 PDF, faithful to the paper form (seed, last page): the header,
 * the title, the declaration with its lines (values printed on them, or empty lines to fill by hand),
 * the four boxes of the collaboration mode, the referent sentence, "Data, luogo", the two signature
 * areas and a small footer with the pact number. `null` gives the blank form.
 *
 * The boxes are the glyphs ☒ and ☐ (DejaVu Sans), so the text extracted from the PDF shows them too.
 */
export interface PactPdfData {
  number: string;
  signerName: string;
  signerRole: string;
  companyName: string;
  seatCity: string;
  seatStreet: string | null;
  seatNumber: string | null;
  modes: readonly PactMode[];
  modeAltroText: string | null;
  personFirstName: string;
  personLastName: string;
  personBirthPlace: string | null;
  /** 'YYYY-MM-DD' */
  personBirthDate: string | null;
  personCity: string | null;
  personStreet: string | null;
  personNumber: string | null;
  referentFirstName: string;
  referentLastName: string;
  /** 'YYYY-MM-DD' */
  pactDate: string;
  pactPlace: string;
  /** Set on a cancelled pact: the PDF then says so across the page, with the date and the reason. */
  cancelled?: { date: string; reason: string } | null;
}

export const TICKED = '☒';
export const UNTICKED = '☐';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN_X = 66;
const TEXT_WIDTH = A4.width - 2 * MARGIN_X;
const BODY_SIZE = 11;
const LINE_HEIGHT = 23;
const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.4, 0.4, 0.44);
const RULE = rgb(0.25, 0.25, 0.3);
const CANCELLED = rgb(0.7, 0.1, 0.1);
/** The signature captions start at least this far under the text, and never lower than this (above the footer). */
const SIGNATURE_SPACE = 40;
const SIGNATURE_LOWEST = 140;
/** Space between the text of a value and the ends of its line. */
const FIELD_PAD = 4;

/** Where the layout draws: the page, or nothing (a dry run that only measures). */
type Canvas = Pick<PDFPage, 'drawText' | 'drawLine'>;
const MEASURE_ONLY: Canvas = { drawText: () => undefined, drawLine: () => undefined };

/** A run of the form's own words, or a line to fill (with its value, or empty with its printed width). */
type Token = { text: string } | { value: string | null; blank: number; minWidth?: number } | { glue: string };

interface Atom {
  text: string;
  font: PDFFont;
  width: number;
  /** Space before this atom (0 at the start of a line, or before punctuation glued to the previous word). */
  space: number;
  field: number | null;
  /** Extra width of an underlined atom before and after its text. */
  padLeft: number;
  padRight: number;
}

interface Placed extends Atom {
  x: number;
}

/**
 * Text widths, cached across documents: fontkit lays out every string it measures (~10 µs a glyph),
 * and the form's own words are the same in every pact. Bounded, since values (names) vary.
 */
const widths = new Map<string, number>();
function widthOf(font: PDFFont, value: string, size: number): number {
  const key = `${font.name}\u0000${value}`;
  let unit = widths.get(key);
  if (unit === undefined) {
    if (widths.size > 20_000) widths.clear();
    unit = font.widthOfTextAtSize(value, 1000);
    widths.set(key, unit);
  }
  return (unit * size) / 1000;
}

const text = (s: string): Token => ({ text: s });
const field = (value: string | null | undefined, blank: number, minWidth = 36): Token => ({ value: value?.trim() ? value.trim() : null, blank, minWidth });
const glue = (s: string): Token => ({ glue: s });
/** "in via ___" on the blank form; a street typed with its own type ("Piazza …") after "in" only. */
const streetTokens = (street: string | null | undefined): Token[] => {
  const words = streetWords(street);
  return [text(words.before), field(words.street, 170)];
};

/** Breaks a word too long for a line into pieces that fit. */
function splitLongWord(word: string, font: PDFFont, size: number, max: number): string[] {
  if (widthOf(font, word, size) <= max) return [word];
  const pieces: string[] = [];
  let current = '';
  for (const ch of word) {
    if (current && widthOf(font, current + ch, size) > max) {
      pieces.push(current);
      current = ch;
    } else current += ch;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Turns the tokens into measured atoms: the form's words in the regular face, the values in bold. */
function atomsOf(tokens: Token[], fonts: DocumentFonts, size: number, maxWidth: number): Atom[] {
  const space = widthOf(fonts.regular, ' ', size);
  const atoms: Atom[] = [];
  let fieldId = 0;
  for (const token of tokens) {
    if ('glue' in token) {
      // punctuation right after a value: the value's line stops at its last letter ("15/09/2017,")
      const prev = atoms[atoms.length - 1];
      if (prev && prev.field !== null && prev.text) prev.padRight = Math.max(0, prev.padRight - FIELD_PAD);
      atoms.push({ text: token.glue, font: fonts.regular, width: widthOf(fonts.regular, token.glue, size), space: 0, field: null, padLeft: 0, padRight: 0 });
      continue;
    }
    if ('text' in token) {
      for (const word of token.text.split(/\s+/).filter(Boolean)) {
        atoms.push({ text: word, font: fonts.regular, width: widthOf(fonts.regular, word, size), space, field: null, padLeft: 0, padRight: 0 });
      }
      continue;
    }
    fieldId += 1;
    if (token.value === null) {
      atoms.push({ text: '', font: fonts.regular, width: 0, space, field: fieldId, padLeft: 0, padRight: token.blank });
      continue;
    }
    const words = token.value.split(/\s+/).flatMap((w) => splitLongWord(w, fonts.bold, size, maxWidth - 2 * FIELD_PAD));
    const first = atoms.length;
    for (const word of words) {
      atoms.push({ text: word, font: fonts.bold, width: widthOf(fonts.bold, word, size), space, field: fieldId, padLeft: 0, padRight: 0 });
    }
    const head = atoms[first] as Atom;
    const tail = atoms[atoms.length - 1] as Atom;
    head.padLeft = FIELD_PAD;
    tail.padRight += FIELD_PAD;
    // a short value (a house number) still gets a line long enough to look like the form's
    if (words.length === 1) head.padRight += Math.max(0, (token.minWidth ?? 0) - (head.width + 2 * FIELD_PAD));
  }
  return atoms;
}

const outer = (a: Atom) => a.padLeft + a.width + a.padRight;

/** Greedy line breaking (ragged right, as a typed form). */
function breakLines(atoms: Atom[], maxWidth: number, firstIndent = 0): Placed[][] {
  const lines: Placed[][] = [];
  let line: Placed[] = [];
  let x = firstIndent;
  for (const atom of atoms) {
    const gap = line.length === 0 ? 0 : atom.space;
    if (line.length > 0 && x + gap + outer(atom) > maxWidth && atom.space > 0) {
      lines.push(line);
      line = [];
      x = 0;
    }
    const start = line.length === 0 ? x : x + atom.space;
    line.push({ ...atom, x: start });
    x = start + outer(atom);
  }
  if (line.length) lines.push(line);
  return lines;
}

/** Draws placed lines from `top` (the first baseline is one line below it); returns the y under the last line. */
function drawLines(page: Canvas, lines: Placed[][], left: number, top: number, size: number, lineHeight: number): number {
  let baseline = top - lineHeight + 6;
  for (const line of lines) {
    // one drawText per run of words of the same kind (laying out text is the costly part)
    for (let i = 0; i < line.length; ) {
      const first = line[i] as Placed;
      let run = first.text;
      let j = i + 1;
      for (; j < line.length; j++) {
        const next = line[j] as Placed;
        if (next.field !== first.field || next.font !== first.font || !next.text || next.padLeft || (line[j - 1] as Placed).padRight) break;
        run += (next.space > 0 ? ' ' : '') + next.text;
      }
      if (run) page.drawText(run, { x: left + first.x + first.padLeft, y: baseline, size, font: first.font, color: INK });
      i = j;
    }
    for (let i = 0; i < line.length; i++) {
      const atom = line[i] as Placed;
      if (atom.field !== null) {
        // one line under a whole value on this line, spaces included
        const prev = line[i - 1];
        const joined = prev !== undefined && prev.field === atom.field;
        const from = joined ? prev.x + outer(prev) : atom.x;
        page.drawLine({ start: { x: left + from, y: baseline - 3 }, end: { x: left + atom.x + outer(atom), y: baseline - 3 }, thickness: 0.6, color: RULE });
      }
    }
    baseline -= lineHeight;
  }
  return baseline + lineHeight - 10;
}

function paragraph(page: Canvas, fonts: DocumentFonts, tokens: Token[], top: number, lineHeight: number, left = MARGIN_X, width = TEXT_WIDTH): number {
  const lines = breakLines(atomsOf(tokens, fonts, BODY_SIZE, width), width);
  return drawLines(page, lines, left, top, BODY_SIZE, lineHeight);
}

function centred(page: Canvas, value: string, font: PDFFont, size: number, y: number, color = INK): void {
  page.drawText(value, { x: (A4.width - widthOf(font, value, size)) / 2, y, size, font, color });
}

/** Lines of plain text wrapped to `width` (for the signature captions). */
function wrap(value: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of value.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && widthOf(font, next, size) > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

function date(iso: string | null | undefined): string | null {
  return iso ? italianDate(iso) : null;
}

/** The signer as printed on the first line: the name, and the role when it adds something. */
function signerLine(d: PactPdfData): string {
  const role = d.signerRole.trim();
  return role ? `${d.signerName.trim()} (${role})` : d.signerName.trim();
}

/**
 * The form from its title to "Data, luogo", drawn from `top` with the given line height; returns the
 * y under it. Run once without drawing to choose a line height that leaves room for the signatures.
 */
function drawBody(page: Canvas, fonts: DocumentFonts, d: PactPdfData | null, top: number, lh: number): number {
  const gap = lh - 9;
  const box = lh - 1;
  let y = top;
  centred(page, 'PATTO PER IL BUON LAVORO', fonts.bold, 18, y);
  y -= 22;

  y = paragraph(page, fonts, [
    text('Il sottoscritto'),
    field(d && signerLine(d), 190),
    text('come titolare e/o legale rappresentante dell’Azienda'),
    field(d?.companyName, 210),
    text('con sede a'),
    field(d?.seatCity, 130),
    ...streetTokens(d?.seatStreet),
    text('n.'),
    field(d?.seatNumber, 44),
  ], y, lh);

  y -= gap;
  centred(page, 'dichiara che', fonts.bold, BODY_SIZE + 0.5, y - 12);
  y -= 22;

  y = paragraph(page, fonts, [text('si è reso disponibile a collaborare con il progetto Insieme per il lavoro nella seguente modalità:')], y, lh);

  // the four boxes
  y -= 4;
  const boxX = MARGIN_X + 22;
  for (const mode of PACT_MODES) {
    const ticked = d !== null && d.modes.includes(mode) && (mode !== 'altro' || Boolean(d.modeAltroText?.trim()));
    const baseline = y - box + 4;
    page.drawText(ticked ? TICKED : UNTICKED, { x: boxX, y: baseline - 1.5, size: 15, font: fonts.regular, color: INK });
    const labelX = boxX + 24;
    if (mode === 'altro') {
      const width = MARGIN_X + TEXT_WIDTH - labelX;
      const lines = breakLines(atomsOf([text(PACT_MODE_LABELS.altro), field(ticked ? d?.modeAltroText : null, 280)], fonts, BODY_SIZE, width), width);
      y = drawLines(page, lines, labelX, y - 2, BODY_SIZE, box) + 4;
    } else {
      page.drawText(PACT_MODE_LABELS[mode], { x: labelX, y: baseline, size: BODY_SIZE, font: fonts.regular, color: INK });
      y -= box;
    }
  }

  y -= gap;
  y = paragraph(page, fonts, [
    text('Detto impegno è volto a creare le condizioni migliori per un incontro proficuo tra l’azienda e nome'),
    field(d?.personFirstName, 140),
    text('cognome'),
    field(d?.personLastName, 140),
    text('nato a'),
    field(d?.personBirthPlace, 140),
    text('il'),
    field(date(d?.personBirthDate), 90),
    text('e attualmente domiciliato a'),
    field(d?.personCity, 140),
    ...streetTokens(d?.personStreet),
    text('n.'),
    field(d?.personNumber, 44),
    text('mirato a una stabilizzazione del rapporto lavorativo ove ricorrano condizioni aziendali favorevoli.'),
  ], y, lh);

  y -= gap;
  y = paragraph(page, fonts, [
    text('Nome'),
    field(d?.referentFirstName, 130),
    text('cognome'),
    field(d?.referentLastName, 130),
    text('di Insieme per il lavoro è il referente per le parti.'),
  ], y, lh);

  y -= gap;
  y = paragraph(page, fonts, [text('Data'), field(date(d?.pactDate), 100), glue(','), text('luogo'), field(d?.pactPlace, 140)], y, lh);

  return y;
}

export async function renderPactPdf(data: PactPdfData | null): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const page = doc.addPage([A4.width, A4.height]);
  const d = data;

  doc.setTitle(d ? `Patto per il buon lavoro ${d.number}` : 'Patto per il buon lavoro (modulo da compilare)');
  doc.setAuthor('Insieme per il lavoro');
  doc.setSubject(d ? `${d.personLastName} ${d.personFirstName} — ${d.companyName}` : 'Modulo vuoto');
  doc.setCreator('IXL Desk');
  doc.setProducer('IXL Desk (pdf-lib)');
  doc.setLanguage('it-IT');

  // header: the programme, as on the form's letterhead
  let y = A4.height - 56;
  page.drawText('Insieme per il lavoro', { x: MARGIN_X, y, size: 13, font: fonts.bold, color: INK });
  y -= 13;
  page.drawText('Comune di Bologna, Arcidiocesi di Bologna e Città metropolitana', { x: MARGIN_X, y, size: 8.5, font: fonts.regular, color: GREY });
  y -= 10;
  page.drawLine({ start: { x: MARGIN_X, y }, end: { x: A4.width - MARGIN_X, y }, thickness: 0.8, color: RULE });

  y -= 52;
  // the longest values need tighter lines to keep the signatures above the footer
  const bodyTop = y;
  const lineHeight = [LINE_HEIGHT, 21, 19, 17].find((lh) => drawBody(MEASURE_ONLY, fonts, d, bodyTop, lh) - SIGNATURE_SPACE >= SIGNATURE_LOWEST) ?? 17;
  y = drawBody(page, fonts, d, bodyTop, lineHeight);

  // the two signatures, side by side, each caption on one line above its line
  const signTop = Math.max(Math.min(y - SIGNATURE_SPACE, 250), SIGNATURE_LOWEST);
  const leftWidth = 240;
  const gap = 23;
  const captions: [string, number, number][] = [
    ['Firma del rappresentante di Insieme per il lavoro', MARGIN_X, leftWidth],
    ['Firma del rappresentante dell’Azienda', MARGIN_X + leftWidth + gap, TEXT_WIDTH - leftWidth - gap],
  ];
  for (const [caption, x, width] of captions) {
    let lineY = signTop;
    for (const line of wrap(caption, fonts.regular, 9.5, width)) {
      page.drawText(line, { x, y: lineY, size: 9.5, font: fonts.regular, color: INK });
      lineY -= 12;
    }
    page.drawLine({ start: { x, y: signTop - 62 }, end: { x: x + width, y: signTop - 62 }, thickness: 0.6, color: RULE });
  }

  // footer
  const footer = d ? `Patto n. ${d.number}` : 'Patto n. ____________________';
  page.drawLine({ start: { x: MARGIN_X, y: 52 }, end: { x: A4.width - MARGIN_X, y: 52 }, thickness: 0.4, color: GREY });
  page.drawText(footer, { x: MARGIN_X, y: 38, size: 8, font: fonts.regular, color: GREY });
  const right = 'Insieme per il lavoro · Patto per il buon lavoro';
  page.drawText(right, { x: A4.width - MARGIN_X - widthOf(fonts.regular, right, 8), y: 38, size: 8, font: fonts.regular, color: GREY });

  if (d?.cancelled) drawCancelled(page, fonts, d.cancelled);
  return doc.save();
}

/** "ANNULLATO" across the page, and under the header the date and the reason, so a cancelled pact is never taken for a valid one. */
function drawCancelled(page: PDFPage, fonts: DocumentFonts, cancelled: { date: string; reason: string }): void {
  const mark = 'ANNULLATO';
  const size = 96;
  const angle = Math.atan2(A4.height, A4.width) * 0.75;
  const width = widthOf(fonts.bold, mark, size);
  // centre the rotated word on the page's centre
  const cx = A4.width / 2 - (Math.cos(angle) * width) / 2 + (Math.sin(angle) * size * 0.35);
  const cy = A4.height / 2 - (Math.sin(angle) * width) / 2 - (Math.cos(angle) * size * 0.35);
  page.drawText(mark, { x: cx, y: cy, size, font: fonts.bold, color: CANCELLED, opacity: 0.35, rotate: degrees((angle * 180) / Math.PI) });
  const note = `Patto annullato il ${italianDate(cancelled.date)}. Motivo: ${cancelled.reason.trim()}`;
  let y = A4.height - 93;
  for (const line of wrap(note, fonts.bold, 10, TEXT_WIDTH)) {
    page.drawText(line, { x: MARGIN_X, y, size: 10, font: fonts.bold, color: CANCELLED });
    y -= 13;
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPactPdf, TICKED, UNTICKED, type PactPdfData } from './pactPdf';
import { pdfFlatText, pdfFonts, pdfPagePng, pdfText, pdfTextBoxes } from '../../testing/pdf';

/** The Patto per il buon lavoro read back from the PDF: text, boxes, fonts and image (pdfjs), page (pdf-lib). */
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-patto-pdf-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const DATA: PactPdfData = {
  number: 'PBL-2026-00042',
  signerName: 'Ștefan Łukasz Brzęczyszczykiewicz',
  signerRole: 'Amministratore delegato',
  companyName: 'Perché Sì Soc. coop. sociale',
  seatCity: 'Casalecchio di Reno',
  seatStreet: 'Via Porrettana',
  seatNumber: '102',
  modes: ['inserimento', 'autoimpiego'],
  modeAltroText: null,
  personFirstName: 'Niccolò',
  personLastName: 'D’Alò',
  personBirthPlace: 'Iași (Romania)',
  personBirthDate: '1990-07-04',
  personCity: 'Bologna',
  personStreet: 'Via dell’Indipendenza',
  personNumber: '7',
  referentFirstName: 'Giovanna',
  referentLastName: 'Trombetti',
  pactDate: '2026-03-05',
  pactPlace: 'Bologna',
};

function save(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
const text = pdfText;
const flat = pdfFlatText;

describe('renderPactPdf', () => {
  it('prints a street with its own type after «in», a bare name after the form’s «in via»', async () => {
    const all = await flat(save('strade.pdf', await renderPactPdf({ ...DATA, seatStreet: 'Piazza della Pace', personStreet: 'Zamboni' })));
    expect(all).toContain('con sede a Casalecchio di Reno in Piazza della Pace n. 102');
    expect(all).not.toContain('in via Piazza');
    expect(all).toContain('domiciliato a Bologna in via Zamboni n. 7');
  });

  it('prints a cancelled pact with ANNULLATO across it, the date and the reason', async () => {
    const cancelled = await flat(save('annullato.pdf', await renderPactPdf({ ...DATA, cancelled: { date: '2026-04-02', reason: 'L’azienda ha chiuso la sede' } })));
    expect(cancelled).toContain('ANNULLATO');
    expect(cancelled).toContain('Patto annullato il 02/04/2026. Motivo: L’azienda ha chiuso la sede');
    expect(await flat(save('valido.pdf', await renderPactPdf(DATA)))).not.toContain('ANNULLATO');
  });

  it('is one A4 page with the title, the form’s text and the values on its lines, in every alphabet', async () => {
    const bytes = await renderPactPdf(DATA);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe('Patto per il buon lavoro PBL-2026-00042');

    const file = save('compilato.pdf', bytes);
    const all = await flat(file);
    expect(all).toContain('PATTO PER IL BUON LAVORO');
    expect(all).toContain('Il sottoscritto Ștefan Łukasz Brzęczyszczykiewicz (Amministratore delegato) come titolare e/o legale rappresentante dell’Azienda Perché Sì Soc. coop. sociale');
    // the street as given after «in» (since 49ef08d)
    expect(all).toContain('con sede a Casalecchio di Reno in Via Porrettana n. 102');
    expect(all).toContain('dichiara che');
    expect(all).toContain('si è reso disponibile a collaborare con il progetto Insieme per il lavoro nella seguente modalità:');
    expect(all).toContain('tra l’azienda e nome Niccolò cognome D’Alò nato a Iași (Romania) il 04/07/1990 e attualmente domiciliato a Bologna in Via dell’Indipendenza n. 7');
    expect(all).toContain('mirato a una stabilizzazione del rapporto lavorativo ove ricorrano condizioni aziendali favorevoli.');
    expect(all).toContain('Nome Giovanna cognome Trombetti di Insieme per il lavoro è il referente per le parti.');
    // the comma right after the date, no space before it
    expect(all).toContain('Data 05/03/2026, luogo Bologna');
    expect(all).toContain('Firma del rappresentante di Insieme per il lavoro');
    expect(all).toContain('Firma del rappresentante dell’Azienda');
    expect(all).toContain('Patto n. PBL-2026-00042');

    const lines = await text(file);
    expect(lines).toMatch(new RegExp(`${TICKED}\\s+inserimento lavorativo`));
    expect(lines).toMatch(new RegExp(`${UNTICKED}\\s+tirocinio formativo o stage`));
    expect(lines).toMatch(new RegExp(`${TICKED}\\s+tutoraggio progetto di auto impiego`));
    expect(lines).toMatch(new RegExp(`${UNTICKED}\\s+altro`));
  });

  it('embeds DejaVu Sans instead of the standard fonts', async () => {
    const file = save('font.pdf', await renderPactPdf(DATA));
    const fonts = await pdfFonts(file);
    // the only fonts: the two DejaVu, embedded CID TrueType fonts addressed by glyph id (Identity-H)
    expect(fonts.map((f) => f.name).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    for (const font of fonts) expect(font).toMatchObject({ type: 'CIDFontType2', embedded: true, encoding: 'Identity-H' });
  });

  it('ticks «altro» only with its text, and wraps long values inside the margins', async () => {
    const long = { ...DATA, modes: ['altro' as const], modeAltroText: 'Affiancamento di un tutor aziendale per la gestione del magazzino e delle consegne', companyName: 'Consorzio Cooperative Sociali dell’Appennino Bolognese e della Pianura Est Società Cooperativa Sociale Onlus' };
    const file = save('lungo.pdf', await renderPactPdf(long));
    const lines = await text(file);
    expect(lines).toMatch(new RegExp(`${TICKED}\\s+altro\\s+Affiancamento di un tutor`));
    expect(lines).toMatch(new RegExp(`${UNTICKED}\\s+inserimento lavorativo`));
    expect(await flat(file)).toContain('Pianura Est Società Cooperativa Sociale Onlus');
    // no text beyond the right margin: every piece of text ends inside it
    const rightEdges = (await pdfTextBoxes(file)).map((b) => b.xMax);
    expect(rightEdges.length).toBeGreaterThan(20);
    expect(Math.max(...rightEdges)).toBeLessThanOrEqual(595.28 - 60);

    const withoutText = save('altro-vuoto.pdf', await renderPactPdf({ ...DATA, modes: ['altro'], modeAltroText: null }));
    expect(await text(withoutText)).toMatch(new RegExp(`${UNTICKED}\\s+altro`));
  });

  it('prints the blank form: same text, empty lines, no box ticked, no number', async () => {
    const file = save('vuoto.pdf', await renderPactPdf(null));
    const all = await flat(file);
    expect(all).toContain('PATTO PER IL BUON LAVORO');
    expect(all).toContain('Il sottoscritto come titolare e/o legale rappresentante dell’Azienda con sede a in via n. dichiara che');
    expect(all).toContain('nome cognome nato a il e attualmente domiciliato a in via n. mirato a una stabilizzazione');
    expect(all).toMatch(/Data , luogo/);
    expect(all).toContain('Patto n. ____');
    expect(all.split(UNTICKED).length - 1).toBe(4);
    expect(all).not.toContain(TICKED);
  });

  it('renders to an image, filled and blank', async () => {
    const inked: number[] = [];
    for (const [name, data] of [['filled', DATA], ['blank', null]] as const) {
      const file = save(`${name}.pdf`, await renderPactPdf(data));
      const page = await pdfPagePng(file, 1, 40);
      expect(page.png.subarray(1, 4).toString()).toBe('PNG');
      expect(page.png.length).toBeGreaterThan(5000);
      expect([page.width, page.height]).toEqual([331, 468]); // A4 at 40 dpi
      inked.push(page.inkedPixels);
    }
    // text is drawn on both, and the values add ink to the form
    expect(inked[1]).toBeGreaterThan(2000);
    expect(inked[0]).toBeGreaterThan(inked[1]!);
  });
});

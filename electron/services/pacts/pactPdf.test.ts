import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPactPdf, TICKED, UNTICKED, type PactPdfData } from './pactPdf';

/** The Patto per il buon lavoro read back from the PDF: text (pdftotext), page (pdf-lib), fonts (pdffonts), image (pdftoppm). */
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
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const flat = (file: string) => text(file).replace(/\s+/g, ' ');

describe('renderPactPdf', () => {
  it('is one A4 page with the title, the form’s text and the values on its lines, in every alphabet', async () => {
    const bytes = await renderPactPdf(DATA);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe('Patto per il buon lavoro PBL-2026-00042');

    const file = save('compilato.pdf', bytes);
    const all = flat(file);
    expect(all).toContain('PATTO PER IL BUON LAVORO');
    expect(all).toContain('Il sottoscritto Ștefan Łukasz Brzęczyszczykiewicz (Amministratore delegato) come titolare e/o legale rappresentante dell’Azienda Perché Sì Soc. coop. sociale');
    expect(all).toContain('con sede a Casalecchio di Reno in via Porrettana n. 102');
    expect(all).toContain('dichiara che');
    expect(all).toContain('si è reso disponibile a collaborare con il progetto Insieme per il lavoro nella seguente modalità:');
    expect(all).toContain('tra l’azienda e nome Niccolò cognome D’Alò nato a Iași (Romania) il 04/07/1990 e attualmente domiciliato a Bologna in via dell’Indipendenza n. 7');
    expect(all).toContain('mirato a una stabilizzazione del rapporto lavorativo ove ricorrano condizioni aziendali favorevoli.');
    expect(all).toContain('Nome Giovanna cognome Trombetti di Insieme per il lavoro è il referente per le parti.');
    expect(all).toMatch(/Data 05\/03\/2026 ?, luogo Bologna/);
    expect(all).toContain('Firma del rappresentante di Insieme per il lavoro');
    expect(all).toContain('Firma del rappresentante dell’Azienda');
    expect(all).toContain('Patto n. PBL-2026-00042');

    const lines = text(file);
    expect(lines).toMatch(new RegExp(`${TICKED}\\s+inserimento lavorativo`));
    expect(lines).toMatch(new RegExp(`${UNTICKED}\\s+tirocinio formativo o stage`));
    expect(lines).toMatch(new RegExp(`${TICKED}\\s+tutoraggio progetto di auto impiego`));
    expect(lines).toMatch(new RegExp(`${UNTICKED}\\s+altro`));
  });

  it('embeds DejaVu Sans instead of the standard fonts', async () => {
    const file = save('font.pdf', await renderPactPdf(DATA));
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const dejavu = fonts.split('\n').filter((l) => /^DejaVuSans/.test(l));
    expect(dejavu.map((l) => l.split(/\s+/)[0]?.replace(/-\d+$/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    // embedded (the "emb" column)
    expect(dejavu.every((l) => /Identity-H\s+yes\b/.test(l))).toBe(true);
    expect(fonts).not.toMatch(/Helvetica|Times/);
  });

  it('ticks «altro» only with its text, and wraps long values inside the margins', async () => {
    const long = { ...DATA, modes: ['altro' as const], modeAltroText: 'Affiancamento di un tutor aziendale per la gestione del magazzino e delle consegne', companyName: 'Consorzio Cooperative Sociali dell’Appennino Bolognese e della Pianura Est Società Cooperativa Sociale Onlus' };
    const file = save('lungo.pdf', await renderPactPdf(long));
    const lines = text(file);
    expect(lines).toMatch(new RegExp(`${TICKED}\\s+altro\\s+Affiancamento di un tutor`));
    expect(lines).toMatch(new RegExp(`${UNTICKED}\\s+inserimento lavorativo`));
    expect(flat(file)).toContain('Pianura Est Società Cooperativa Sociale Onlus');
    // no text beyond the right margin: pdftotext -bbox gives each word's box
    const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const rightEdges = [...boxes.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...rightEdges)).toBeLessThanOrEqual(595.28 - 60);

    const withoutText = save('altro-vuoto.pdf', await renderPactPdf({ ...DATA, modes: ['altro'], modeAltroText: null }));
    expect(text(withoutText)).toMatch(new RegExp(`${UNTICKED}\\s+altro`));
  });

  it('prints the blank form: same text, empty lines, no box ticked, no number', async () => {
    const file = save('vuoto.pdf', await renderPactPdf(null));
    const all = flat(file);
    expect(all).toContain('PATTO PER IL BUON LAVORO');
    expect(all).toContain('Il sottoscritto come titolare e/o legale rappresentante dell’Azienda con sede a in via n. dichiara che');
    expect(all).toContain('nome cognome nato a il e attualmente domiciliato a in via n. mirato a una stabilizzazione');
    expect(all).toMatch(/Data , luogo/);
    expect(all).toContain('Patto n. ____');
    expect(all.split(UNTICKED).length - 1).toBe(4);
    expect(all).not.toContain(TICKED);
  });

  it('renders to an image (pdftoppm), filled and blank', async () => {
    for (const [name, data] of [['filled', DATA], ['blank', null]] as const) {
      const file = save(`${name}.pdf`, await renderPactPdf(data));
      execFileSync('pdftoppm', ['-png', '-r', '40', '-singlefile', file, path.join(dir, name)]);
      const png = fs.readFileSync(path.join(dir, `${name}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(5000);
    }
  });
});

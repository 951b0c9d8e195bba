import { PDFDocument, grayscale } from 'pdf-lib';
import type { KeyFigure, ReportModel, ReportSection, ReportTable } from '../../contract/reports';
import { formatReportDelta, formatReportValue } from '../../domain/reportFormat';
import { italianDate } from '../../domain/dates';
import { embedFonts } from '../../writers/pdf/fonts';
import { drawBarChart, drawLineChart } from './pdfCharts';
import { A4, CONTENT_WIDTH, drawCentered, drawRight, Flow, INK, LIGHT, MARGIN, MUTED, RULE, withGlyphCache, wrapText } from '../../writers/pdf/layout';
import { drawTable, monthGrid } from './pdfTable';

/**
 * The report as an A4 PDF for the Tavolo di coordinamento: a cover (programme, period, date of
 * issue), a page of key figures, then each section with its tables and vector charts; «Pagina X di Y»
 * on every page; DejaVu Sans, which carries every Italian character. Renders the model only.
 */

const SIGNATORIES = 'Comune di Bologna · Città metropolitana di Bologna · Arcidiocesi di Bologna · Fondazione San Petronio';

function cover(flow: Flow, model: ReportModel): void {
  const page = flow.newPage();
  const bold = flow.font(true);
  const regular = flow.font();
  page.drawRectangle({ x: 0, y: A4.height - 250, width: A4.width, height: 250, color: LIGHT });
  page.drawRectangle({ x: MARGIN.left, y: A4.height - 130, width: 6, height: 62, color: INK });
  page.drawText(model.programme, { x: MARGIN.left + 18, y: A4.height - 96, size: 30, font: bold, color: INK });
  page.drawText('Report per il Tavolo di coordinamento', { x: MARGIN.left + 18, y: A4.height - 124, size: 15, font: regular, color: INK });
  let y = A4.height - 330;
  page.drawText('Periodo', { x: MARGIN.left, y, size: 11, font: regular, color: MUTED });
  y -= 30;
  for (const line of wrapText(bold, model.period.label, 24, CONTENT_WIDTH)) {
    page.drawText(line, { x: MARGIN.left, y, size: 24, font: bold, color: INK });
    y -= 30;
  }
  if (model.previous) {
    page.drawText(`Confronto con il periodo precedente: ${model.previous.label}`, { x: MARGIN.left, y: y - 4, size: 11, font: regular, color: INK });
    y -= 24;
  }
  y -= 40;
  page.drawText('Data di emissione', { x: MARGIN.left, y, size: 11, font: regular, color: MUTED });
  page.drawText(italianDate(model.issuedOn), { x: MARGIN.left, y: y - 20, size: 15, font: bold, color: INK });
  page.drawLine({ start: { x: MARGIN.left, y: 130 }, end: { x: A4.width - MARGIN.right, y: 130 }, thickness: 0.6, color: RULE });
  let fy = 112;
  for (const line of wrapText(regular, `Protocollo d’intesa del 22 maggio 2017: ${SIGNATORIES}.`, 8.5, CONTENT_WIDTH)) {
    page.drawText(line, { x: MARGIN.left, y: fy, size: 8.5, font: regular, color: MUTED });
    fy -= 12;
  }
  fy -= 4;
  for (const line of wrapText(regular, 'Documento con soli dati aggregati: non contiene nomi né codici identificativi delle persone.', 8.5, CONTENT_WIDTH)) {
    page.drawText(line, { x: MARGIN.left, y: fy, size: 8.5, font: regular, color: MUTED });
    fy -= 12;
  }
}

function sectionHeading(flow: Flow, title: string, description: string): void {
  flow.text(title, { size: 17, bold: true });
  flow.gap(2);
  flow.text(description, { size: 9, color: MUTED });
  flow.gap(6);
  flow.rule();
  flow.gap(12);
}

/** The page of key figures: two columns of boxes, this period large, the previous one and the change below. */
function keyFigures(flow: Flow, model: ReportModel): void {
  flow.newPage();
  sectionHeading(flow, 'Le cifre chiave', `${model.period.label}${model.previous ? ` · tra parentesi ${model.previous.label} e variazione` : ''}`);
  const bold = flow.font(true);
  const regular = flow.font();
  const gap = 9;
  const boxW = (CONTENT_WIDTH - gap) / 2;
  const boxH = 55;
  model.summary.forEach((f: KeyFigure, i) => {
    const column = i % 2;
    if (column === 0) flow.ensure(boxH + gap);
    const page = flow.page;
    const x = MARGIN.left + column * (boxW + gap);
    const top = flow.y;
    page.drawRectangle({ x, y: top - boxH, width: boxW, height: boxH, borderColor: RULE, borderWidth: 0.7 });
    page.drawRectangle({ x, y: top - boxH, width: 3, height: boxH, color: INK });
    const label = wrapText(regular, f.label, 8.5, boxW - 20)[0] ?? '';
    page.drawText(label, { x: x + 12, y: top - 14, size: 8.5, font: regular, color: MUTED });
    page.drawText(formatReportValue(f.current, f.format), { x: x + 12, y: top - 35, size: 18, font: bold, color: INK });
    if (f.previous) {
      const change = formatReportDelta(f.delta, f.format);
      page.drawText(`${model.previousShort}: ${formatReportValue(f.previous, f.format)}${change ? `  (${change})` : ''}`, {
        x: x + 12, y: top - 48, size: 8, font: regular, color: INK,
      });
    }
    if (column === 1 || i === model.summary.length - 1) flow.gap(boxH + gap);
  });
  flow.gap(8);
  for (const note of model.notes) {
    flow.text(note, { size: 7.5, color: MUTED });
    flow.gap(2);
  }
}

function chartFor(flow: Flow, model: ReportModel, table: ReportTable): void {
  if (!table.chart) return;
  const i = table.columns.findIndex((c) => c.key === table.chart!.column);
  if (i < 0 || table.rows.length === 0) return;
  const column = table.columns[i]!;
  if (table.chart.kind === 'line') {
    drawLineChart(flow, table.rows.map((r) => ({ label: r.labels[0] ?? '', cell: r.cells[i]! })), 'Cerchio vuoto: mese con meno di 3 inserimenti (dato non mostrato).');
    return;
  }
  const previousIndex = table.columns.findIndex((c) => c.previous && c.key === `${column.key}_prec`);
  flow.gap(2);
  drawBarChart(
    flow,
    table.rows.map((r) => ({ label: r.labels.join(' · '), current: r.cells[i]!, previous: previousIndex >= 0 ? r.cells[previousIndex]! : null })),
    column.format,
    { current: model.periodShort, previous: previousIndex >= 0 ? model.previousShort : null },
  );
}

function section(flow: Flow, model: ReportModel, s: ReportSection): void {
  flow.newPage();
  sectionHeading(flow, s.title, s.description);
  for (const table of s.tables) {
    if (table.chart?.kind === 'line') {
      // over time: the line first, then the figures (as a grid of years × months when they are many)
      flow.ensure(220);
      flow.text(table.title, { size: 10, bold: true });
      flow.gap(4);
      chartFor(flow, model, table);
      if (table.rows.length > 24) {
        drawTable(flow, monthGrid(table), `${table.title}: valori`);
        if (table.total) {
          flow.text(`Totale del periodo: ${formatReportValue(table.total.cells[0]!, table.columns[0]!.format)}`, { size: 8.5, bold: true });
          flow.gap(10);
        }
      } else {
        drawTable(flow, table, `${table.title}: valori`);
      }
      continue;
    }
    drawTable(flow, table);
    if (table.chart) {
      chartFor(flow, model, table);
      flow.gap(8);
    }
  }
}

function pageFurniture(flow: Flow, model: ReportModel): void {
  const regular = flow.font();
  const total = flow.pages.length;
  flow.pages.forEach((page, i) => {
    drawCentered(page, regular, `Pagina ${i + 1} di ${total}`, A4.width / 2, 30, 8, INK);
    if (i === 0) return;
    page.drawText(`${model.programme} · Report per il Tavolo di coordinamento`, { x: MARGIN.left, y: A4.height - 36, size: 7.5, font: regular, color: MUTED });
    drawRight(page, regular, model.period.label, A4.width - MARGIN.right, A4.height - 36, 7.5, MUTED);
    page.drawLine({ start: { x: MARGIN.left, y: A4.height - 42 }, end: { x: A4.width - MARGIN.right, y: A4.height - 42 }, thickness: 0.4, color: grayscale(0.75) });
    drawRight(page, regular, `Emesso il ${italianDate(model.issuedOn)}`, A4.width - MARGIN.right, 30, 7.5, MUTED);
  });
}

export async function reportPdf(model: ReportModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const embedded = await embedFonts(doc);
  const fonts = { regular: withGlyphCache(embedded.regular), bold: withGlyphCache(embedded.bold) };
  doc.setTitle(`${model.programme} – Report per il Tavolo di coordinamento – ${model.period.label}`);
  doc.setSubject(`Periodo: ${model.period.label}`);
  doc.setAuthor(model.organisation);
  doc.setCreator('IXL Desk');
  doc.setProducer('IXL Desk (pdf-lib)');
  doc.setLanguage('it-IT');
  doc.setKeywords([model.programme, 'Tavolo di coordinamento', model.period.code]);
  doc.setCreationDate(new Date(model.generatedAt));
  doc.setModificationDate(new Date(model.generatedAt));
  const flow = new Flow(doc, fonts);
  cover(flow, model);
  keyFigures(flow, model);
  for (const s of model.sections) section(flow, model, s);
  pageFurniture(flow, model);
  return doc.save();
}

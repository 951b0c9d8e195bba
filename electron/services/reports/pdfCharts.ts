import { grayscale, type PDFPage } from 'pdf-lib';
import type { Cell, ValueFormat } from '../../contract/reports';
import { formatReportValue } from '../../domain/reportFormat';
import { clampLines, CONTENT_WIDTH, drawCentered, drawRight, INK, MARGIN, MUTED, textWidth, type Flow } from '../../writers/pdf/layout';

/**
 * Vector charts drawn with pdf-lib primitives: horizontal bars for breakdowns (this period solid,
 * the previous period hatched, a value label on every bar) and a line for placements over time.
 * Greys and patterns only: readable when printed in black and white.
 */

const BAR = grayscale(0.3);
const HATCH = grayscale(0.35);
const GRID = grayscale(0.82);

/** Diagonal hatching inside a rectangle (lines clipped to it by hand: pdf-lib has no clip paths). */
export function hatch(page: PDFPage, x: number, y: number, w: number, h: number, spacing = 3.5): void {
  for (let t = -h; t < w; t += spacing) {
    const x0 = Math.max(x, x + t);
    const y0 = y + (x0 - (x + t));
    const x1 = Math.min(x + w, x + t + h);
    const y1 = y + (x1 - (x + t));
    if (x1 > x0) page.drawLine({ start: { x: x0, y: y0 }, end: { x: x1, y: y1 }, thickness: 0.5, color: HATCH });
  }
}

function swatch(page: PDFPage, x: number, y: number, previous: boolean): void {
  if (previous) {
    page.drawRectangle({ x, y, width: 10, height: 7, borderColor: BAR, borderWidth: 0.6 });
    hatch(page, x, y, 10, 7, 2.5);
  } else {
    page.drawRectangle({ x, y, width: 10, height: 7, color: BAR });
  }
}

export interface BarRow {
  label: string;
  current: Cell;
  previous?: Cell | null;
}

/** Horizontal bar chart at the cursor. */
export function drawBarChart(flow: Flow, rows: BarRow[], format: ValueFormat, legend: { current: string; previous: string | null }): void {
  const withPrevious = legend.previous !== null && rows.some((r) => r.previous);
  const font = flow.font();
  const size = 7.5;
  const labelWidth = 165;
  const cells = rows.flatMap((r) => [r.current, r.previous]).filter((c): c is Cell => !!c);
  // the longest figure printed after a bar still ends inside the margin
  const valueWidth = 3 + Math.max(20, ...cells.map((c) => textWidth(font, formatReportValue(c, format), size)));
  const x0 = MARGIN.left + labelWidth + 6;
  const plotWidth = CONTENT_WIDTH - labelWidth - 6 - valueWidth;
  const barH = withPrevious ? 7.5 : 10;
  const rowH = withPrevious ? 2 * barH + 7 : barH + 6;
  const legendH = withPrevious ? 14 : 0;
  const values = cells.filter((c) => c.flag === null && c.value !== null);
  const max = Math.max(0, ...values.map((c) => c.value!));
  flow.ensure(Math.min(legendH + rows.length * rowH + 8, 240));
  if (withPrevious) {
    const page = flow.page;
    swatch(page, x0, flow.y - 9, false);
    page.drawText(legend.current, { x: x0 + 14, y: flow.y - 8.5, size, font, color: INK });
    const second = x0 + 24 + textWidth(font, legend.current, size);
    swatch(page, second, flow.y - 9, true);
    page.drawText(legend.previous!, { x: second + 14, y: flow.y - 8.5, size, font, color: INK });
    flow.gap(legendH);
  }
  const drawBar = (page: PDFPage, cell: Cell, y: number, previous: boolean) => {
    const text = formatReportValue(cell, format);
    if (cell.flag !== null || cell.value === null || max <= 0) {
      page.drawText(text, { x: x0 + 2, y: y + 1.5, size, font, color: MUTED });
      return;
    }
    const w = Math.max(cell.value > 0 ? 0.8 : 0, (cell.value / max) * plotWidth);
    if (previous) {
      page.drawRectangle({ x: x0, y, width: w, height: barH, borderColor: BAR, borderWidth: 0.6 });
      hatch(page, x0, y, w, barH);
    } else if (w > 0) {
      page.drawRectangle({ x: x0, y, width: w, height: barH, color: BAR });
    }
    page.drawText(text, { x: x0 + w + 3, y: y + (barH - size) / 2 + 1, size, font, color: INK });
  };
  for (const row of rows) {
    const lines = clampLines(font, row.label, size, labelWidth, 2);
    const labelBlock = lines.length * (size + 1.5);
    const height = Math.max(rowH, labelBlock + 4);
    flow.ensure(height);
    const page = flow.page;
    const top = flow.y;
    let ly = top - (height - labelBlock) / 2 - size + 1;
    for (const line of lines) {
      drawRight(page, font, line, MARGIN.left + labelWidth, ly, size, INK);
      ly -= size + 1.5;
    }
    const barsTop = top - (height - rowH) / 2;
    drawBar(page, row.current, barsTop - 3 - barH, false);
    if (withPrevious) drawBar(page, row.previous ?? { value: null, flag: null }, barsTop - 3 - 2 * barH - 1.5, true);
    // the axis, row by row (the chart may continue on the next page)
    page.drawLine({ start: { x: x0, y: top - height }, end: { x: x0, y: top }, thickness: 0.6, color: INK });
    flow.gap(height);
  }
  flow.gap(8);
}

/** A round axis maximum: 1, 2, 2.5 or 5 × 10^k at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= max) return m * power;
  return 10 * power;
}

export interface LinePoint {
  label: string;
  cell: Cell;
}

/** Line chart of counts over time at the cursor; suppressed points break the line. */
export function drawLineChart(flow: Flow, points: LinePoint[], caption: string): void {
  const font = flow.font();
  const size = 7;
  const height = 170;
  flow.ensure(height + 30);
  const page = flow.page;
  const left = MARGIN.left + 34;
  const right = MARGIN.left + CONTENT_WIDTH - 6;
  const top = flow.y - 6;
  const bottom = top - height + 26;
  const shownValues = points.map((p) => (p.cell.flag === null ? p.cell.value : null));
  // at least 5, so the five grid steps are whole numbers of placements
  const yMax = niceMax(Math.max(5, ...shownValues.map((v) => v ?? 0)));
  const ticks = 5;
  for (let k = 0; k <= ticks; k++) {
    const v = (yMax * k) / ticks;
    const y = bottom + ((top - bottom) * k) / ticks;
    page.drawLine({ start: { x: left, y }, end: { x: right, y }, thickness: k === 0 ? 0.8 : 0.4, color: k === 0 ? INK : GRID, dashArray: k === 0 ? undefined : [2, 2] });
    drawRight(page, font, formatReportValue({ value: Number.isInteger(v) ? v : Math.round(v * 10) / 10, flag: null }, Number.isInteger(v) ? 'int' : 'days'), left - 4, y - 2.5, size, MUTED);
  }
  const n = points.length;
  const xOf = (i: number) => (n <= 1 ? (left + right) / 2 : left + 6 + ((right - left - 12) * i) / (n - 1));
  const yOf = (v: number) => bottom + ((top - bottom) * v) / yMax;
  // x labels: as many as fit
  const labelWidth = Math.max(...points.map((p) => textWidth(font, p.label, size))) + 6;
  const step = Math.max(1, Math.ceil((n * labelWidth) / (right - left)));
  points.forEach((p, i) => {
    if (i % step !== 0) return;
    page.drawLine({ start: { x: xOf(i), y: bottom }, end: { x: xOf(i), y: bottom - 3 }, thickness: 0.6, color: INK });
    drawCentered(page, font, p.label, xOf(i), bottom - 11, size, INK);
  });
  // the line, broken where a point is not shown
  let previous: { x: number; y: number } | null = null;
  shownValues.forEach((v, i) => {
    if (v === null) {
      previous = null;
      page.drawCircle({ x: xOf(i), y: bottom, size: 1.8, borderColor: MUTED, borderWidth: 0.6 });
      return;
    }
    const pt = { x: xOf(i), y: yOf(v) };
    if (previous) page.drawLine({ start: previous, end: pt, thickness: 1.4, color: INK });
    previous = pt;
  });
  shownValues.forEach((v, i) => {
    if (v === null) return;
    // markers only where they can be told apart
    if (n <= 40) page.drawRectangle({ x: xOf(i) - 1.8, y: yOf(v) - 1.8, width: 3.6, height: 3.6, color: INK });
    if (n <= 24) drawCentered(page, font, formatReportValue({ value: v, flag: null }, 'int'), xOf(i), yOf(v) + 4, size, INK);
  });
  flow.y = bottom - 18;
  if (shownValues.some((v) => v === null)) {
    page.drawCircle({ x: MARGIN.left + 4, y: flow.y - 3, size: 1.8, borderColor: MUTED, borderWidth: 0.6 });
    page.drawText(caption, { x: MARGIN.left + 10, y: flow.y - 5.5, size, font, color: MUTED });
    flow.gap(12);
  }
  flow.gap(6);
}

import type { ReportModel, ReportTable } from '../../contract/reports';
import { seesMoney, type Role } from '../../contract/roles';

/**
 * The report as the caller may see it. Operators work on people and cases, not on money: they get no
 * amount anywhere — no Bilancio section, no figure, column or row in euros — on screen or in the files.
 */
export function reportFor(model: ReportModel, role: Role | null): ReportModel {
  if (seesMoney(role)) return model;
  return {
    ...model,
    summary: model.summary.filter((f) => f.format !== 'euro'),
    sections: model.sections
      .filter((s) => s.key !== 'bilancio')
      .map((s) => ({ ...s, figures: s.figures.filter((f) => f.format !== 'euro'), tables: s.tables.map(withoutEuros).filter((t): t is ReportTable => t !== null) })),
  };
}

/** The table without its euro columns and rows; null when nothing else is left. */
function withoutEuros(table: ReportTable): ReportTable | null {
  const keep = table.columns.map((c, i) => (c.format === 'euro' ? -1 : i)).filter((i) => i >= 0);
  if (keep.length === 0) return null;
  const pick = <T>(cells: T[]) => keep.map((i) => cells[i]!);
  const rows = table.rows.filter((r) => r.format !== 'euro').map((r) => ({ ...r, cells: pick(r.cells) }));
  if (rows.length === 0 && table.rows.length > 0) return null;
  return { ...table, columns: pick(table.columns), rows, total: table.total ? { ...table.total, cells: pick(table.total.cells) } : null };
}

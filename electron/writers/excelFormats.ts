/**
 * Number formats shared by every Excel file the app writes (exceljs workbooks and the streaming
 * writer), so an amount looks the same in the ledger, the overview, the people list and the report.
 */

/** Euros with two decimals and the sign before the symbol: «€ 1.234,56», «-€ 12,00» in an Italian Excel. */
export const EURO_FORMAT = '"€" #,##0.00;-"€" #,##0.00';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const PERCENT_FORMAT = '0.0%';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A formula that gives euros, rounded to the cent: sums and differences of amounts with two decimals
 * leave binary tails when a spreadsheet recalculates them (3397.14999999999 instead of 3397.15).
 */
export function euroFormula(expression: string): string {
  return `ROUND(${expression},2)`;
}

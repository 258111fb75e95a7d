/**
 * CSV for spreadsheets the council's report is made in: `;` between fields (Dutch Excel reads
 * commas as decimals), quotes where needed, and a leading `'` on anything a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@`, tab, carriage return).
 */
export function csvRow(cells: readonly (string | number | undefined)[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let cell = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
  return /[";\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

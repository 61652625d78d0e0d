/** Markdown building blocks for BENCHMARKS.md. */

export type Cell = string | number | boolean | null | undefined;

export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function cell(value: Cell): string {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)))
    return '–';
  if (typeof value === 'number') return formatNumber(value);
  return String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Thousands separated by a thin space; small numbers keep their decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) >= 10_000) {
    return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  }
  return String(value);
}

/** ours/other (two decimals, two significant digits below 0.1), or null when either is missing. */
export function ratio(ours: number | null | undefined, other: number | null | undefined) {
  if (!ours || !other) return null;
  const value = ours / other;
  return value >= 0.1 ? +value.toFixed(2) : +value.toPrecision(2);
}

/**
 * Renders a scenario's JSON without knowing its shape: arrays of objects become tables
 * (scalar columns only), objects of scalars become key/value tables, nested one level.
 */
export function genericSections(result: Record<string, unknown>, skip: readonly string[]) {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (skip.includes(key)) continue;
    parts.push(...renderValue(key, value));
  }
  return parts.join('\n\n');
}

function renderValue(title: string, value: unknown): string[] {
  if (Array.isArray(value) && value.every(isRecord) && value.length > 0) {
    const columns = [
      ...new Set(value.flatMap((row) => Object.keys(row).filter((k) => isScalar(row[k])))),
    ];
    return [
      `**${title}**\n\n${table(
        columns,
        value.map((row) => columns.map((c) => row[c] as Cell)),
      )}`,
    ];
  }
  if (isRecord(value)) {
    const scalars = Object.entries(value).filter(([, v]) => isScalar(v));
    const parts =
      scalars.length > 0
        ? [
            `**${title}**\n\n${table(
              ['', 'value'],
              scalars.map(([k, v]) => [k, v as Cell]),
            )}`,
          ]
        : [];
    for (const [k, v] of Object.entries(value)) {
      if (!isScalar(v)) parts.push(...renderValue(`${title}.${k}`, v));
    }
    return parts;
  }
  if (isScalar(value)) return [`**${title}**: ${cell(value as Cell)}`];
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

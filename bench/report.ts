// The results table: one row per metric with the app's value, bare Bolt's where it has one, their
// ratio, the target and whether it is met; printed as text and written as Markdown and JSON. The
// OAuth table has the same rows with other headers: OAuth mode's value, single-token mode's, ratio.
// A row whose name cannot say all it measures explains itself in a list under the table.

export interface Row {
  metric: string;
  app: number | string;
  bare?: number | string | undefined;
  /** app / bare, when both are numbers. */
  ratio?: number | undefined;
  target: string;
  /** undefined: informational, no target. */
  pass?: boolean | undefined;
  unit?: string;
  /** Other processes on the machine were busy during the measurement (shown as a * after the result). */
  disturbed?: boolean;
  /** What the row measures, in a sentence or two, listed under the table. */
  explain?: string;
}

const fmt = (v: number | string | undefined, unit = ''): string => {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return 'n/a';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

export function cells(row: Row): string[] {
  return [
    row.metric,
    fmt(row.app, row.unit),
    fmt(row.bare, row.unit),
    row.ratio === undefined ? '—' : `${(row.ratio * 100).toFixed(0)}%`,
    row.target,
    `${row.pass === undefined ? 'info' : row.pass ? 'PASS' : 'FAIL'}${row.disturbed ? '*' : ''}`,
  ];
}

export const HEADER = ['metric', 'app', 'bare Bolt', 'app/bare', 'target', 'result'];
/** The OAuth table: `app` is OAuth mode, `bare` single-token mode (the same app, the same run). */
export const OAUTH_HEADER = ['metric', 'OAuth', 'single token', 'OAuth/single', 'target', 'result'];

export function renderText(rows: Row[], header = HEADER): string {
  const table = [header, ...rows.map(cells)];
  const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  const explained = rows.filter((r) => r.explain).map((r) => `  ${r.metric}: ${r.explain}`);
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(cells(r))), ...(explained.length ? ['', 'What these rows measure:', ...explained] : [])].join('\n');
}

export function renderMarkdown(rows: Row[], header = HEADER): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const explained = rows.filter((r) => r.explain).map((r) => `- **${r.metric}**: ${r.explain}`);
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`), ...(explained.length ? ['', 'What these rows measure:', '', ...explained] : [])].join('\n');
}

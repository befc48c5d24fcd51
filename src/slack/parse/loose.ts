// Readers for fields of a payload whose shape is not trusted: each answers undefined for anything
// that is not what it reads, never throws. Shared by the parsers of Slack's bodies.
export type Loose = Record<string, unknown>;

export const obj = (v: unknown): Loose | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined);
/** A non-empty string. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** Slack timestamps are seconds, as numbers or strings ("1700000000.000100"). */
export function secondsToDate(value: unknown): Date | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 && n < 1e11 ? new Date(n * 1000) : undefined;
}

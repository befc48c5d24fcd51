// What every method of the fake Slack shares: its answer to a refused call (ApiError, thrown by a
// handler and answered `{ok:false, error, ...extra}`), typed argument readers (after
// fake-slack.ts coerced the arguments to their documented types) and IDs and cursors.

export type Args = Record<string, unknown>;
export type Body = Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra?: Body,
  ) {
    super(code);
  }
}

export function fail(code: string, extra?: Body): never {
  throw new ApiError(code, extra);
}

export function invalidArguments(...messages: string[]): never {
  throw new ApiError('invalid_arguments', { response_metadata: { messages } });
}

export const DAY = 24 * 60 * 60;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export function randomId(prefix: string, length = 10): string {
  let s = prefix;
  for (let i = 0; i < length; i++) s += ALNUM[Math.floor(Math.random() * ALNUM.length)];
  return s;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) fail('invalid_cursor');
  return Number(m[1]);
}

export function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
export function strList(args: Args, key: string): string[] | undefined {
  const v = args[key];
  return Array.isArray(v) ? (v as string[]) : undefined;
}
export function bool(args: Args, key: string): boolean | undefined {
  const v = args[key];
  return typeof v === 'boolean' ? v : undefined;
}
export function int(args: Args, key: string): number | undefined {
  const v = args[key];
  return typeof v === 'number' ? v : undefined;
}
export function required(args: Args, key: string): string {
  const v = str(args, key);
  if (v === undefined) invalidArguments(`[ERROR] missing required field: ${key}`);
  return v;
}

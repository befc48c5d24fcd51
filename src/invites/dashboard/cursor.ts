// A place in a list of invitations ordered newest first (created_at DESC, id DESC): the row a page
// starts after, and which way. Carried in a button value as a short opaque string
// ("o" or "n", created_at in milliseconds base 36, the id's 32 hex digits) and checked strictly
// when it comes back: what reaches a query is a Date and a UUID, never text from the payload.

export type PageDirection = 'older' | 'newer';

export interface PageCursor {
  direction: PageDirection;
  createdAt: Date;
  id: string;
}

const PATTERN = /^([on])([0-9a-z]{1,11})\.([0-9a-f]{32})$/;
/** The largest time a Date holds (ECMAScript's ±8.64e15 ms). */
const MAX_MS = 8.64e15;

export function encodeCursor({ direction, createdAt, id }: PageCursor): string {
  return `${direction === 'older' ? 'o' : 'n'}${createdAt.getTime().toString(36)}.${id.replaceAll('-', '').toLowerCase()}`;
}

/** The cursor `value` names, or undefined for anything else. */
export function decodeCursor(value: unknown): PageCursor | undefined {
  if (typeof value !== 'string') return undefined;
  const match = PATTERN.exec(value);
  if (!match) return undefined;
  const [, dir, time, hex] = match as unknown as [string, string, string, string];
  const ms = Number.parseInt(time, 36);
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_MS) return undefined;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { direction: dir === 'o' ? 'older' : 'newer', createdAt: new Date(ms), id };
}

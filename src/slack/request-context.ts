// Who and what a Slack request is about, for request-scoped log lines and team scoping.
import { randomUUID } from 'node:crypto';

export interface RequestSummary {
  requestId: string;
  kind: string;
  teamId?: string;
  userId?: string;
  /** The command, callback_id, action_id or event type that routes the request. */
  route?: string;
  retryNum?: number;
}

type Loose = Record<string, unknown> | undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Loose => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);

/** Pure: never throws, whatever the body holds. */
export function summarizeRequest(body: unknown, retryNum?: number): RequestSummary {
  const b = obj(body) ?? {};
  const event = obj(b.event);
  const user = obj(b.user);
  const team = obj(b.team);
  const view = obj(b.view);
  const actions = Array.isArray(b.actions) ? obj(b.actions[0]) : undefined;
  const kind = str(b.type) ?? (str(b.command) ? 'slash_command' : 'unknown');
  const summary: RequestSummary = { requestId: randomUUID(), kind };
  const teamId = str(b.team_id) ?? str(team?.id) ?? str(user?.team_id);
  const userId = str(b.user_id) ?? str(user?.id) ?? str(event?.user);
  const route = str(b.command) ?? str(view?.callback_id) ?? str(actions?.action_id) ?? str(event?.type);
  if (teamId) summary.teamId = teamId;
  if (userId) summary.userId = userId;
  if (route) summary.route = route;
  if (retryNum !== undefined) summary.retryNum = retryNum;
  return summary;
}

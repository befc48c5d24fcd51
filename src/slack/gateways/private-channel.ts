// Adds people to a private channel, through a client that never retries by itself (re-sending is
// the service's decision). conversations.invite takes everyone at once; the retired groups.invite
// (kept for old installations, PRIVATE_INVITE_METHOD=groups.invite) takes one person a call.
import type { WebAPICallResult, WebClient } from '@slack/web-api';
import type { PersonAnswer, PrivateChannelGateway, PrivateInviteMethod, PrivateInviteResult } from '../../invites/ports.js';
import { classifyCallError, warningsOf } from './classify.js';

/** Per-person errors: Slack lists them in `errors` (conversations.invite) or answers them alone (groups.invite). */
interface InviteAnswer extends WebAPICallResult {
  errors?: Array<{ user?: string; ok?: boolean; error?: string }>;
  already_in_group?: boolean;
  warning?: string;
}

/** groups.invite errors about the one person asked for; any other error is about the call and stops it. */
const PERSON_CODES = new Set(['user_not_found', 'cant_invite_self', 'cant_invite', 'ura_max_channels', 'user_is_restricted', 'no_user']);

export function createPrivateChannelGateway(client: WebClient, method: PrivateInviteMethod): PrivateChannelGateway {
  const invite = method === 'groups.invite' ? groupsInvite : conversationsInvite;
  return { method, invite: (channelId, userIds) => invite(client, channelId, userIds) };
}

async function conversationsInvite(client: WebClient, channelId: string, userIds: readonly string[]): Promise<PrivateInviteResult> {
  if (userIds.length === 0) return { answers: [] };
  try {
    // force: add everyone Slack can, even when some of the people cannot be added.
    const result: InviteAnswer = await client.conversations.invite({ channel: channelId, users: userIds.join(','), force: true });
    const failed = personErrors(result, userIds);
    const answers = userIds.map((userId): PersonAnswer => failed.get(userId) ?? { userId, outcome: 'INVITED' });
    return { answers, warnings: warningsOf(result) };
  } catch (error) {
    // ok:false is thrown, with the body in `data`: its `errors`, when there, still name each person's reason.
    const failure = classifyCallError(error);
    const data = (error as { data?: InviteAnswer }).data;
    return { answers: [...personErrors(data, userIds).values()], failure, warnings: warningsOf(data) };
  }
}

function personErrors(answer: InviteAnswer | undefined, asked: readonly string[]): Map<string, PersonAnswer> {
  const failed = new Map<string, PersonAnswer>();
  for (const e of Array.isArray(answer?.errors) ? answer.errors : []) {
    if (typeof e?.user === 'string' && asked.includes(e.user) && e.ok !== true) {
      failed.set(e.user, { userId: e.user, outcome: 'FAILED', errorCode: typeof e.error === 'string' ? e.error : 'unknown_error' });
    }
  }
  return failed;
}

async function groupsInvite(client: WebClient, channelId: string, userIds: readonly string[]): Promise<PrivateInviteResult> {
  const answers: PersonAnswer[] = [];
  const warnings = new Set<string>();
  for (const userId of userIds) {
    try {
      // The WebClient no longer has groups.*: the method is called by name.
      const result: InviteAnswer = await client.apiCall('groups.invite', { channel: channelId, user: userId });
      for (const w of warningsOf(result)) warnings.add(w);
      answers.push({ userId, outcome: result.already_in_group === true ? 'ALREADY_MEMBER' : 'INVITED' });
    } catch (error) {
      const failure = classifyCallError(error);
      for (const w of warningsOf((error as { data?: InviteAnswer }).data)) warnings.add(w);
      // Retired method, bot token, missing scope, rate limit, outage: the same for everyone left, so stop.
      if (failure.kind !== 'slack_error' || !PERSON_CODES.has(failure.code)) return { answers, failure, warnings: [...warnings] };
      answers.push({ userId, outcome: 'FAILED', errorCode: failure.code });
    }
  }
  return { answers, warnings: [...warnings] };
}

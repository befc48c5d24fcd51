// What makes a request to add colleagues to a private channel sendable, in two steps: the form
// alone (pure, no I/O), then the facts Slack gives about the channel and the people (still pure:
// facts passed in). The second step is also the authorization: only members of a private channel
// may use the app to add people to it, whatever the form says.
import type { ChannelFacts, Requester, UserFacts } from '../ports.js';

/**
 * People one form adds (and one conversations.invite call: Slack's reference at docs.slack.dev says
 * it takes 1 to 1,000; the project's reference, docs/slack-api/README.md, says 100).
 */
export const MAX_PEOPLE = 100;

export type PrivateField = 'channel' | 'users';
export type FieldErrors = Partial<Record<PrivateField, string>>;

export interface PrivateDraft {
  channelId: string | undefined;
  userIds: readonly string[];
}

export interface ValidPrivateDraft {
  channelId: string;
  /** Distinct, in the order chosen. */
  userIds: string[];
}

export type DraftCheck = { ok: true; draft: ValidPrivateDraft } | { ok: false; errors: FieldErrors };

export function validateDraft(draft: PrivateDraft, requester: Requester): DraftCheck {
  const errors: FieldErrors = {};
  const userIds = [...new Set(draft.userIds)];
  if (!draft.channelId) errors.channel = 'Choose the private channel to add people to.';
  if (userIds.length === 0) {
    errors.users = 'Choose the people to add.';
  } else if (userIds.length > MAX_PEOPLE) {
    errors.users = `Slack adds at most ${MAX_PEOPLE} people at a time; you chose ${userIds.length}. Remove some and send the rest later.`;
  } else if (userIds.includes(requester.userId)) {
    errors.users = 'You are already in the channel: remove yourself from the list.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, draft: { channelId: draft.channelId as string, userIds } };
}

export interface PrivateFacts {
  /** undefined: Slack says the channel does not exist, or the app cannot see it (not a member). */
  channel: ChannelFacts | undefined;
  requesterIsMember: boolean;
  /** Per person chosen; undefined: Slack does not know them. */
  people: ReadonlyMap<string, UserFacts | undefined>;
}

export interface Context {
  appName: string;
  /** The app's own bot user, which cannot be invited by itself. */
  botUserId: string;
}

export function validateAgainstFacts(draft: ValidPrivateDraft, facts: PrivateFacts, context: Context): FieldErrors | undefined {
  return judgeChannel(facts, context) ?? judgePeople(draft, facts.people, context);
}

/**
 * The channel and the requester's place in it, before anyone chosen is looked up: a refusal here
 * means the people's profiles are never asked for (a non-member cannot make the app spend 100 look-ups).
 */
export function judgeChannel(facts: Pick<PrivateFacts, 'channel' | 'requesterIsMember'>, { appName }: Pick<Context, 'appName'>): FieldErrors | undefined {
  const channel = facts.channel;
  // Slack answers channel_not_found for a private channel the app is not in; it cannot tell the two apart.
  if (!channel) {
    return { channel: `${appName} is not in this channel. Add it first: type /invite @${appName} in the channel, then try again.` };
  }
  if (channel.isIm || channel.isMpim) return { channel: 'Direct messages cannot be used here. Choose a private channel.' };
  if (!channel.isPrivate) {
    return { channel: `#${channel.name} is a public channel: anyone can join it, and people can be added with /invite in the channel. This is for private channels.` };
  }
  // Before anything else about a private channel, so that non-members learn nothing about it.
  if (!facts.requesterIsMember) return { channel: 'You are not a member of this private channel. Only its members can add people to it.' };
  if (channel.isArchived) return { channel: `#${channel.name} is archived. Unarchive it first, or choose another channel.` };
  if (!channel.appIsMember) return { channel: `Add ${appName} to #${channel.name} first: type /invite @${appName} in the channel, then try again.` };
  return undefined;
}

/** The people chosen, by their profiles. */
export function judgePeople(draft: ValidPrivateDraft, people: PrivateFacts['people'], { appName, botUserId }: Context): FieldErrors | undefined {
  const unknown: string[] = [];
  const bots: string[] = [];
  for (const userId of draft.userIds) {
    const person = people.get(userId);
    if (!person || person.deleted) unknown.push(person?.name ?? userId);
    else if (userId === botUserId) bots.push(appName);
    else if (person.isBot) bots.push(person.name);
  }
  const problems: string[] = [];
  if (bots.length > 0) {
    problems.push(`${listOf(bots)} ${bots.length === 1 ? 'is an app or bot' : 'are apps or bots'}: add apps with /invite in the channel instead.`);
  }
  if (unknown.length > 0) {
    problems.push(`Slack cannot find ${listOf(unknown)} (deactivated, or no longer in the workspace).`);
  }
  return problems.length > 0 ? { users: `Remove them from the list. ${problems.join(' ')}` } : undefined;
}

/** "a", "a and b", "a, b and 3 others": short enough for an inline error. */
function listOf(names: readonly string[], shown = 3): string {
  if (names.length === 1) return names[0] as string;
  if (names.length <= shown) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} others`;
}

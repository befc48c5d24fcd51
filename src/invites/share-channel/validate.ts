// What makes a Slack Connect invitation request sendable, in two steps: the form alone (pure, no
// I/O), then the facts Slack gives about the channel and the people (still pure: facts passed in).
import { isEmailAddress, normalizeEmail } from '../email.js';
import type { ChannelFacts, Requester, UserFacts } from '../ports.js';

export type { Requester };

export type ShareField = 'channel' | 'inviteeEmail' | 'inviteeUser';
export type FieldErrors = Partial<Record<ShareField, string>>;

export interface ShareDraft {
  channelId: string | undefined;
  email: string | undefined;
  userId: string | undefined;
  externalLimited: boolean;
}

export type ValidDraft = { channelId: string; externalLimited: boolean } & ({ email: string; userId?: undefined } | { userId: string; email?: undefined });

export type DraftCheck = { ok: true; draft: ValidDraft } | { ok: false; errors: FieldErrors };

export function validateDraft(draft: ShareDraft, requester: Requester): DraftCheck {
  const errors: FieldErrors = {};
  const email = draft.email?.trim() ? normalizeEmail(draft.email) : undefined;
  if (!draft.channelId) errors.channel = 'Choose the channel to share.';
  if (email === undefined && draft.userId === undefined) {
    errors.inviteeEmail = 'Enter their email address, or choose a person below.';
  } else if (email !== undefined && draft.userId !== undefined) {
    errors.inviteeUser = 'Choose one: an email address or a person, not both. Slack sends one invitation at a time.';
  } else if (email !== undefined && !isEmailAddress(email)) {
    errors.inviteeEmail = 'That does not look like an email address. Use the form name@company.com.';
  } else if (draft.userId === requester.userId) {
    errors.inviteeUser = 'You cannot invite yourself. Choose the person you want to invite.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const base = { channelId: draft.channelId as string, externalLimited: draft.externalLimited };
  return { ok: true, draft: email !== undefined ? { ...base, email } : { ...base, userId: draft.userId as string } };
}

export interface ShareFacts {
  /** undefined: Slack says the channel does not exist, or the app cannot see it. */
  channel: ChannelFacts | undefined;
  requesterIsMember: boolean;
  requester: UserFacts | undefined;
  /** For invites by user ID. */
  invitee?: UserFacts | undefined;
  inviteeIsMember?: boolean;
}

export function validateAgainstFacts(draft: ValidDraft, requester: Requester, facts: ShareFacts, appName: string): FieldErrors | undefined {
  const channel = facts.channel;
  if (!channel) {
    return {
      channel: `${appName} cannot see this channel. If it is private, add the app first: type /invite @${appName} in the channel.`,
    };
  }
  const name = channel.isIm || channel.isMpim ? 'this conversation' : `#${channel.name}`;
  if (channel.isIm || channel.isMpim) return { channel: 'Direct messages cannot be shared with other organizations. Choose a channel.' };
  if (channel.isGeneral) return { channel: `${name} is the channel everyone in the workspace is in; Slack does not allow sharing it. Choose another channel.` };
  if (channel.isArchived) return { channel: `${name} is archived. Unarchive it first, or choose another channel.` };
  if (!facts.requesterIsMember) return { channel: `You are not a member of ${name}. Only its members can invite people into it.` };
  if (!channel.appIsMember) return { channel: `Add ${appName} to ${name} first: type /invite @${appName} in the channel, then try again.` };

  if (draft.email !== undefined && facts.requester?.email && normalizeEmail(facts.requester.email) === draft.email) {
    return { inviteeEmail: 'That is your own email address. Enter the address of the person you want to invite.' };
  }
  if (draft.userId !== undefined) {
    const invitee = facts.invitee;
    if (!invitee || invitee.deleted) return { inviteeUser: 'Slack cannot find that person any more. Choose someone else.' };
    if (invitee.teamId !== undefined && invitee.teamId === requester.teamId) {
      return {
        inviteeUser: `${invitee.name} is in your own workspace; Slack Connect is for people in other organizations. Add them to ${name} directly, or with /invite-private for a private channel.`,
      };
    }
    if (facts.inviteeIsMember) return { inviteeUser: `${invitee.name} is already in ${name}.` };
  }
  return undefined;
}

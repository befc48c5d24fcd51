// Finds an invitation of ours in Slack's listing of pending Slack Connect invitations: the same
// channel and the same invitee (an email compared without case, or a user ID).
import type { InviteSharedArgs, PendingInvite } from '../ports.js';

export function findPending(listing: readonly PendingInvite[], args: InviteSharedArgs): PendingInvite | undefined {
  return pendingMatches(listing, args)[0];
}

/** Every match: should Slack hold two pending invitations for the same invitee, each may be another record's. */
export function pendingMatches(listing: readonly PendingInvite[], { channelId, invitee }: InviteSharedArgs): PendingInvite[] {
  const email = 'email' in invitee ? invitee.email.toLowerCase() : undefined;
  return listing.filter((p) => p.channelId === channelId && (email !== undefined ? p.email?.toLowerCase() === email : p.userId === (invitee as { userId: string }).userId));
}

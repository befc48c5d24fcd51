// Finds an invitation of ours in Slack's listing of pending Slack Connect invitations: the same
// channel and the same invitee (an email compared without case, or a user ID).
import type { InviteSharedArgs, PendingInvite } from '../ports.js';

export function findPending(listing: readonly PendingInvite[], { channelId, invitee }: InviteSharedArgs): PendingInvite | undefined {
  const email = 'email' in invitee ? invitee.email.toLowerCase() : undefined;
  return listing.find((p) => p.channelId === channelId && (email !== undefined ? p.email?.toLowerCase() === email : p.userId === (invitee as { userId: string }).userId));
}

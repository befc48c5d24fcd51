// What changing an accepted partner's access needs from Slack and from the database, in the
// app's own words. Slack's side is conversations.externalInvitePermissions.set, implemented at the
// edge by src/slack/gateways/external-access.ts; the database's by src/db/access-repository.ts.
// No Slack types here.
import type { AdminCallResult } from '../approvals/ports.js';
import type { InviteRecord } from '../ports.js';

/** The two accesses an external team can have in a Slack Connect channel. */
export type Access = 'limited' | 'full';

export interface ExternalAccessGateway {
  /**
   * conversations.externalInvitePermissions.set: `targetTeam` (T… or E…, already in the channel)
   * gets `to` in `channelId` (full: Slack's `upgrade`; limited: `downgrade`).
   */
  setAccess(channelId: string, targetTeam: string, to: Access): Promise<AdminCallResult>;
}

export interface AccessChange {
  externalLimited: boolean;
  targetTeamId: string;
  changedByUserId: string;
}

/** The invitation as it is while its lock is held, and the one write allowed under it. */
export interface LockedInvite {
  invite: InviteRecord;
  /** Records the change (the invite's access now, who and the database's now, and a history row) in the lock's transaction. */
  record(change: AccessChange): Promise<InviteRecord>;
}

export interface AccessRepository {
  find(teamId: string, id: string): Promise<InviteRecord | undefined>;
  /**
   * Runs `work` holding the invitation's row lock, so changes of one invitation reach Slack one at
   * a time, each seeing what the one before left (undefined: no such invitation in the team).
   */
  withLock<T>(teamId: string, id: string, work: (locked: LockedInvite | undefined) => Promise<T>): Promise<T>;
}

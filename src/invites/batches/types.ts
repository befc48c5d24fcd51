// Several Slack Connect invitations sent from one form: the batch as the domain sees it, and the
// storage it needs. Each member is an ordinary invitation record (batchId, batchPosition), so the
// history, App Home, the lifecycle events and "Send again" treat it like any other.
import type { LeaseHold } from '../lease.js';
import type { InviteRecord, Requester } from '../ports.js';

export interface BatchRecord extends LeaseHold {
  teamId: string;
  enterpriseId: string | null;
  requesterUserId: string;
  channelId: string;
  channelName: string | null;
  externalLimited: boolean;
  viewId: string | null;
  size: number;
  createdAt: Date;
  finishedAt: Date | null;
  summarySentAt: Date | null;
}

/** One invitee of a batch: exactly one of email and userId. */
export type BatchInvitee = { email: string; name?: string | undefined; userId?: undefined } | { userId: string; email?: undefined; name?: undefined };

export interface NewBatch {
  requester: Requester;
  channelId: string;
  channelName: string | undefined;
  externalLimited: boolean;
  idempotencyKey: string;
  viewId: string | undefined;
  invitees: readonly BatchInvitee[];
}

/** A batch with its members, in the order they were listed. */
export interface BatchView {
  batch: BatchRecord;
  members: readonly InviteRecord[];
}

/** Members of a batch by where they are. */
export interface BatchCounts {
  sent: number;
  failed: number;
  waiting: number;
}

/** What the driver does next: send (or reconcile) this member, wait, or finish. */
export type NextMember = { member: InviteRecord } | { waitMs: number } | { done: true };

export interface BatchRepository {
  /** The batch and its members, in one transaction, under this process's lease; or the batch recorded for the same key. */
  create(batch: NewBatch): Promise<{ batch: BatchRecord; created: boolean }>;
  /** Unfinished batches whose driver died (lease expired), each taken over under a new lease version. */
  claimAbandoned(limit: number): Promise<BatchRecord[]>;
  /** Extends the batch's lease; false once another process took it over (or it is finished). */
  renew(hold: LeaseHold): Promise<boolean>;
  /** Gives the batch up (this process stops): another replica's sweep takes it over at once. */
  release(hold: LeaseHold): Promise<void>;
  /**
   * Claims the batch's next member that no live process holds (in list order), under a new lease
   * version; else how long until one may be (a member waiting out Slack's limit, or another
   * process's send); else done.
   */
  nextMember(hold: LeaseHold & { id: string }): Promise<NextMember>;
  /** Finished, by the holder of the lease; false when another process holds it or finished it first. */
  finish(hold: LeaseHold): Promise<boolean>;
  /** Claims the summary message: true once, for the one process that sends it. */
  claimSummary(batchId: string): Promise<boolean>;
  view(teamId: string, batchId: string): Promise<BatchView | undefined>;
  /** The person's latest batches with their counts (App Home). */
  recentOf(teamId: string, requesterUserId: string, limit: number): Promise<Array<{ batch: BatchRecord; counts: BatchCounts }>>;
}

export interface SendPaceRepository {
  /**
   * Reserves the workspace's next slot for one call, `intervalMs` after the one before (or now,
   * if the last is long past); returns how long until the slot starts. One row per workspace,
   * updated in one statement: every replica's calls share it.
   */
  reserve(teamId: string, intervalMs: number): Promise<number>;
  /** Slack said wait (Retry-After): no slot of the workspace before `seconds` from now. */
  holdBack(teamId: string, seconds: number): Promise<void>;
}

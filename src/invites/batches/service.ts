// Several invitees in one /share-channel form: checked together, recorded as one batch (each
// invitee its own invitation record), then sent one call per invitee at the workspace's pace.
//
// One process drives a batch at a time, under a fenced lease renewed while it works. Each member
// is claimed under its own fenced lease before it is sent, exactly as a single invitation is, so
// a replica killed mid-batch loses nothing and doubles nothing: once its batch lease runs out, a
// sweep on any replica takes the batch over; members it never sent are sent, the one it was
// sending is reconciled with Slack's listing of pending invitations (sent again only if Slack
// does not hold it), finished ones are left as they are. The person sees progress in the modal
// while it is open and gets one summary message at the end, from whichever replica finishes.
import type { Logger } from '../../logger.js';
import { NO_METRICS, type InviteMetrics } from '../metrics.js';
import { keepLease, type LeasePolicy } from '../lease.js';
import type { Clock, InviteRecord, PendingInviteListing, Requester } from '../ports.js';
import type { RecordOptions } from '../steps.js';
import { recordFirst } from '../steps.js';
import type { ShareChannelService, SweepListing } from '../share-channel/service.js';
import { CannotCheckYetError } from '../share-channel/service.js';
import { sharedRun } from '../shared-run.js';
import type { SendPace } from './pace.js';
import type { BatchInvitee, BatchRecord, BatchRepository, BatchView } from './types.js';

export interface BatchNotifier {
  /** The batch's modal, while it is open; false once it cannot be updated (closed). */
  progress(view: BatchView): Promise<boolean>;
  /** The end: the modal (if open), one summary message, App Home. */
  finished(view: BatchView, options: { summary: boolean; modal: boolean }): Promise<void>;
}

export interface BatchServiceDeps {
  repo: BatchRepository;
  pace: SendPace;
  shareChannel: Pick<ShareChannelService, 'send' | 'reconcile'>;
  /** Slack's pending invitations of the workspace, for a member a dead driver was sending. */
  listPendingInvites(): Promise<PendingInviteListing>;
  notifier: BatchNotifier;
  clock: Clock;
  logger: Logger;
  lease: LeasePolicy;
  /** How long an email invitation refused by Slack's per-user limit (`ratelimit`) waits before it is tried again. */
  emailLimitWaitSeconds: number;
  /** The process is stopping: drivers hand their batches over instead of going on. */
  stopping(): boolean;
  /** The modal is updated at most this often (and at the end). */
  progressEveryMs?: number;
  /** How long a member whose send cannot be checked with Slack yet waits before it is looked at again. */
  uncheckedRetrySeconds?: number;
}

export interface BatchDraft {
  channelId: string;
  externalLimited: boolean;
  invitees: readonly BatchInvitee[];
}

export function createBatchService(deps: BatchServiceDeps) {
  const { repo, pace, shareChannel, notifier, clock, logger } = deps;
  const progressEveryMs = deps.progressEveryMs ?? 1500;

  /**
   * Slack's pending invitations, for a member left "sending". A listing must postdate the member's
   * last send to tell whether Slack holds it: one asked during this drive serves every member a
   * previous driver left (their sends ended before this drive took the batch over), so a takeover's
   * several members share one, at Tier 1's one call a minute; a member this drive sent itself is
   * asked about afresh. Failures are not kept: the member waits its lease out and is looked at again.
   */
  function listings(sentHere: ReadonlySet<string>): (member: InviteRecord) => () => Promise<SweepListing> {
    let kept: Promise<SweepListing> | undefined;
    const ask = (): Promise<SweepListing> =>
      deps.listPendingInvites().then((l) =>
        'invites' in l ? l : { unavailable: l.failure.kind === 'slack_error' && l.failure.code === 'missing_scope' ? 'permanently' : 'for now', reason: l.failure.kind === 'slack_error' ? l.failure.code : l.failure.kind },
      );
    return (member) => () => {
      if (sentHere.has(member.id)) return ask();
      if (kept) return kept;
      const listing = ask();
      kept = listing;
      void listing.then((l) => {
        if ('unavailable' in l && kept === listing) kept = undefined;
      });
      return listing;
    };
  }

  async function sendMember(batch: BatchRecord, member: InviteRecord, pendingFor: (member: InviteRecord) => () => Promise<SweepListing>, log: Logger): Promise<InviteRecord> {
    const options = { pace: () => pace.take(batch.teamId), emailLimitWaitSeconds: deps.emailLimitWaitSeconds };
    try {
      // A member left SENDING was being sent by a process that died: Slack's listing decides.
      const final = member.status === 'SENDING' ? await shareChannel.reconcile(member, pendingFor(member), options) : await shareChannel.send(member, options);
      if (final.status === 'RECORDED' && final.errorCode === 'ratelimited' && final.retryAfterSeconds) {
        // Every replica's next call in the workspace waits with it.
        await pace.holdBack(batch.teamId, final.retryAfterSeconds);
      }
      return final;
    } catch (err) {
      if (err instanceof CannotCheckYetError) log.info({ inviteId: member.id, reason: err.message }, 'cannot check with Slack yet whether the invitation was sent; looked at again later');
      else log.error({ err, inviteId: member.id }, 'could not send the batch’s invitation; its lease runs out and it is tried again');
      return member;
    }
  }

  async function current(batch: BatchRecord): Promise<BatchView> {
    return (await repo.view(batch.teamId, batch.id)) ?? { batch, members: [] };
  }

  /** Works the batch through to its end, or until this process loses it or stops. */
  async function drive(batch: BatchRecord): Promise<BatchRecord> {
    const log = logger.child({ batchId: batch.id, leaseVersion: batch.leaseVersion });
    const lease = keepLease(() => repo.renew(batch), deps.lease, log);
    const sentHere = new Set<string>();
    const pendingFor = listings(sentHere);
    let modalOpen = batch.viewId !== null;
    let shownAt = 0;
    const showProgress = async (force: boolean) => {
      if (!modalOpen || (!force && performance.now() - shownAt < progressEveryMs)) return;
      shownAt = performance.now();
      modalOpen = await notifier.progress(await current(batch));
    };
    try {
      for (;;) {
        if (deps.stopping()) {
          log.info('stopping: the batch is handed over to another replica');
          await repo.release(batch);
          return batch;
        }
        if (!lease.mayCallSlack()) {
          log.warn('the batch was taken over by another process; this one stops');
          return batch;
        }
        const next = await repo.nextMember(batch);
        if ('done' in next) break;
        if ('waitMs' in next) {
          await showProgress(false);
          await clock.sleep(next.waitMs);
          continue;
        }
        await sendMember(batch, next.member, pendingFor, log);
        sentHere.add(next.member.id);
        await showProgress(false);
      }
      if (!(await repo.finish(batch))) return batch;
      const view = await current(batch);
      const summary = await repo.claimSummary(batch.id);
      log.info({ size: batch.size, failed: view.members.filter((m) => m.status === 'FAILED').length }, 'batch finished');
      await notifier.finished(view, { summary, modal: modalOpen }).catch((err: unknown) => log.warn({ err }, 'could not tell the person the batch finished'));
      return view.batch;
    } catch (err) {
      // (The database went away mid-batch: the lease runs out and a sweep takes the batch up again.)
      log.error({ err }, 'the batch stopped before its end; it is taken up again once its lease runs out');
      return batch;
    } finally {
      lease.stop();
    }
  }

  return {
    record(draft: BatchDraft, requester: Requester, options: RecordOptions): Promise<{ invite: BatchRecord; created: boolean }> {
      return recordFirst(logger, async () => {
        const { batch, created } = await repo.create({ requester, channelId: draft.channelId, channelName: options.channelName, externalLimited: draft.externalLimited, idempotencyKey: options.idempotencyKey, viewId: options.viewId, invitees: draft.invitees });
        return { invite: batch, created };
      });
    },

    /** Drives a batch this process recorded (it holds its lease). Returns the batch as it ended here. */
    send: drive,

    recentOf: (teamId: string, userId: string, limit: number) => repo.recentOf(teamId, userId, limit),
  };
}

export type BatchService = ReturnType<typeof createBatchService>;

/** Takes over, on any replica, the batches whose driver died, and drives each (in the background). */
export function createBatchSweep({ repo, driverOf, logger, track, metrics = NO_METRICS }: {
  repo: Pick<BatchRepository, 'claimAbandoned' | 'release'>;
  /** The batch's workspace's service; undefined: the app is not installed there any more. */
  driverOf(batch: BatchRecord): Promise<Pick<BatchService, 'send'> | undefined>;
  logger: Logger;
  /** Keeps the process's work tracker aware of each drive. */
  track<T>(work: () => Promise<T>): Promise<T>;
  /** The operator's metrics: takeovers. */
  metrics?: InviteMetrics;
}) {
  return {
    sweep: sharedRun(async () => {
      const claimed = await repo.claimAbandoned(10);
      for (const batch of claimed) {
        const log = logger.child({ batchId: batch.id });
        const driver = await driverOf(batch).catch(() => undefined);
        if (!driver) {
          log.warn('no installation for the batch’s workspace; it waits for a re-install');
          continue;
        }
        log.warn({ leaseVersion: batch.leaseVersion }, 'taking over a batch its process left unfinished');
        metrics.takeover('batch');
        void track(() => driver.send(batch));
      }
      return claimed.length;
    }),
  };
}

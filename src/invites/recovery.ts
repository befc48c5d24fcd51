// Brings invites to a final state when the process that acknowledged them died before finishing
// (a crash, a kill, a lost machine). Each unfinished invite carries a lease; a sweep, at start-up
// and then periodically, takes over those whose lease expired (SKIP LOCKED, so replicas never take
// the same one, and under a new lease version, so the old holder can write nothing more),
// reconciles each with Slack, records the outcome and tells the person.
//
// conversations.listConnectInvites is Tier 1 (about one call a minute), so a sweep asks Slack for
// each workspace's pending invitations once, when its first invitation left "sending" needs them,
// and matches every such invitation of that workspace against that one listing. A workspace whose
// listing failed waits for a later sweep (after Slack's Retry-After, when it gave one); nothing
// loops on Slack within a sweep.
import type { Logger } from '../logger.js';
import { NO_METRICS, type InviteMetrics } from './metrics.js';
import type { InviteRecord, InviteRepository, PendingInviteListing, PrivateInviteRecord, SlackCallFailure } from './ports.js';
import { CannotCheckYetError, type SweepListing } from './share-channel/service.js';
import { sharedRun } from './shared-run.js';

/** One workspace as recovery needs it: its own token behind each of these. */
export interface RecoveryWorkspace {
  shareChannel: { reconcile(invite: InviteRecord, pendingAtSlack: () => Promise<SweepListing>): Promise<InviteRecord> };
  invitePrivate: { send(invite: PrivateInviteRecord): Promise<PrivateInviteRecord> };
  /** Slack's listing of the workspace's pending Slack Connect invitations. */
  listPendingInvites(): Promise<PendingInviteListing>;
  /** Shows the final outcome to the person who asked (their modal if still open, else a DM). */
  notify(invite: InviteRecord | PrivateInviteRecord): Promise<void>;
}

export interface RecoveryDeps {
  repo: Pick<InviteRepository, 'claimAbandoned' | 'renewLease' | 'postpone'>;
  /** The workspace an invitation was made in; undefined: the app is no longer installed there. */
  workspaceOf(invite: PrivateInviteRecord): Promise<RecoveryWorkspace | undefined>;
  logger: Logger;
  batchSize?: number;
  /** Milliseconds now, for Slack's Retry-After. */
  now?: () => number;
  /** The operator's metrics: takeovers. */
  metrics?: InviteMetrics;
}

/** How long an invitation of a workspace without an installation waits before it is looked at again (a re-install picks it up). */
export const UNINSTALLED_RETRY_SECONDS = 3600;

export function createRecoveryService({ repo, workspaceOf, logger, batchSize = 20, now = Date.now, metrics = NO_METRICS }: RecoveryDeps) {
  /** Per workspace: no listing before this time (Slack's Retry-After). */
  const listingNotBefore = new Map<string, number>();

  /** One listing per workspace per sweep, fetched when first needed. */
  function listingsForOneSweep() {
    const listings = new Map<string, Promise<SweepListing>>();
    const fetch = async (teamId: string, workspace: RecoveryWorkspace): Promise<SweepListing> => {
      const notBefore = listingNotBefore.get(teamId) ?? 0;
      if (now() < notBefore) return { unavailable: 'for now', reason: `rate limited by Slack for ${Math.ceil((notBefore - now()) / 1000)} s more` };
      const listing = await workspace.listPendingInvites();
      if ('invites' in listing) {
        listingNotBefore.delete(teamId);
        return listing;
      }
      // Without the scope (logged once by the pending check) there is nothing to wait for.
      const permanently = listing.failure.kind === 'slack_error' && listing.failure.code === 'missing_scope';
      if (!permanently) noteFailure(teamId, listing.failure);
      return { unavailable: permanently ? 'permanently' : 'for now', reason: describe(listing.failure) };
    };
    return (teamId: string, workspace: RecoveryWorkspace) => {
      let listing = listings.get(teamId);
      if (!listing) {
        listing = fetch(teamId, workspace);
        listings.set(teamId, listing);
      }
      return listing;
    };
  }

  function noteFailure(teamId: string, failure: SlackCallFailure) {
    if (failure.kind === 'rate_limited') listingNotBefore.set(teamId, now() + failure.retryAfterSeconds * 1000);
    logger.warn({ team: teamId, failure: describe(failure) }, 'could not list pending invitations with Slack; its unfinished invitations wait for a later sweep');
  }

  async function recoverOne(invite: PrivateInviteRecord, pendingOf: (teamId: string, workspace: RecoveryWorkspace) => Promise<SweepListing>): Promise<boolean> {
    const log = logger.child({ inviteId: invite.id, kind: invite.kind, status: invite.status, attempts: invite.attempts, leaseVersion: invite.leaseVersion });
    try {
      // A claimed batch is worked through one by one; by this one's turn its lease may have run
      // out and another replica taken it over. Renewing (fenced) tells, and keeps it ours meanwhile.
      if (!(await repo.renewLease(invite))) {
        log.info('taken over by another process before its turn; left to it');
        return false;
      }
      const workspace = await workspaceOf(invite);
      if (!workspace) {
        // Uninstalled (or its tokens revoked): nothing can be sent or checked with Slack. It waits,
        // untouched, for a re-install rather than being claimed again on every sweep.
        log.warn({ team: invite.teamId, retryAfterSeconds: UNINSTALLED_RETRY_SECONDS }, 'the app is not installed in the invitation’s workspace any more; it waits for a re-install');
        await repo.postpone(invite, UNINSTALLED_RETRY_SECONDS).catch((err: unknown) => log.warn({ err }, 'could not put the invitation aside'));
        return false;
      }
      if (invite.status === 'RECORDED' && invite.errorCode === 'ratelimited') log.info('sending an invitation that waited for Slack’s rate limit');
      else {
        log.warn('taking over an invitation left unfinished');
        metrics.takeover('invitation');
      }
      const final =
        invite.kind === 'SLACK_CONNECT'
          ? await workspace.shareChannel.reconcile(invite, () => pendingOf(invite.teamId, workspace))
          : await workspace.invitePrivate.send(invite);
      if (final.leaseVersion !== invite.leaseVersion) {
        // Another process took it over meanwhile: its outcome, and telling the person, are its own.
        log.info('taken over by another process meanwhile; it tells the person');
        return false;
      }
      if (final.status === 'RECORDED' || final.status === 'SENDING') {
        log.info({ status: final.status }, 'invitation still unfinished; a later sweep takes it up');
        return false;
      }
      await workspace.notify(final);
      log.info({ status: final.status, errorCode: final.errorCode }, 'unfinished invitation brought to a final state');
      return true;
    } catch (err) {
      // The lease runs out again and a later sweep (here or on another replica) retries.
      if (err instanceof CannotCheckYetError) log.info({ reason: err.message }, 'could not recover the invitation yet');
      else log.error({ err }, 'could not recover the invitation yet');
      return false;
    }
  }

  async function sweepOnce(): Promise<number> {
    const pendingOf = listingsForOneSweep();
    let recovered = 0;
    for (;;) {
      // Claimed invites are leased to this process, so the next batch holds none of them again.
      const claimed = await repo.claimAbandoned(batchSize);
      for (const invite of claimed) if (await recoverOne(invite, pendingOf)) recovered++;
      if (claimed.length < batchSize) return recovered;
    }
  }

  return {
    /** One pass; concurrent calls share the pass in progress. Returns how many were recovered. */
    sweep: sharedRun(sweepOnce),
  };
}

function describe(failure: SlackCallFailure): string {
  return failure.kind === 'slack_error' ? failure.code : failure.kind;
}

export type RecoveryService = ReturnType<typeof createRecoveryService>;

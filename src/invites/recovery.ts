// Brings invites to a final state when the process that acknowledged them died before finishing
// (a crash, a kill, a lost machine). Each unfinished invite carries a lease; a sweep, at start-up
// and then periodically, takes over those whose lease expired (SKIP LOCKED, so replicas never take
// the same one), reconciles each with Slack, records the outcome and tells the person.
import type { Logger } from '../logger.js';
import type { InviteRecord, InviteRepository, PrivateInviteRecord } from './ports.js';

export interface RecoveryDeps {
  repo: Pick<InviteRepository, 'claimAbandoned'>;
  shareChannel: { reconcile(invite: InviteRecord): Promise<InviteRecord> };
  invitePrivate: { send(invite: PrivateInviteRecord): Promise<PrivateInviteRecord> };
  /** Shows the final outcome to the person who asked (their modal if still open, else a DM). */
  notify(invite: InviteRecord | PrivateInviteRecord): Promise<void>;
  logger: Logger;
  batchSize?: number;
}

export function createRecoveryService({ repo, shareChannel, invitePrivate, notify, logger, batchSize = 20 }: RecoveryDeps) {
  let sweeping: Promise<number> | undefined;

  async function recoverOne(invite: PrivateInviteRecord): Promise<boolean> {
    const log = logger.child({ inviteId: invite.id, kind: invite.kind, status: invite.status, attempts: invite.attempts });
    try {
      log.warn('taking over an invitation left unfinished');
      const final = invite.kind === 'SLACK_CONNECT' ? await shareChannel.reconcile(invite) : await invitePrivate.send(invite);
      await notify(final);
      log.info({ status: final.status, errorCode: final.errorCode }, 'unfinished invitation brought to a final state');
      return true;
    } catch (err) {
      // The lease runs out again and a later sweep (here or on another replica) retries.
      log.error({ err }, 'could not recover the invitation yet');
      return false;
    }
  }

  async function sweepOnce(): Promise<number> {
    let recovered = 0;
    for (;;) {
      const claimed = await repo.claimAbandoned(batchSize);
      for (const invite of claimed) if (await recoverOne(invite)) recovered++;
      if (claimed.length < batchSize) return recovered;
    }
  }

  return {
    /** One pass; concurrent calls share the pass in progress. Returns how many were recovered. */
    sweep(): Promise<number> {
      sweeping ??= sweepOnce().finally(() => {
        sweeping = undefined;
      });
      return sweeping;
    },
  };
}

export type RecoveryService = ReturnType<typeof createRecoveryService>;

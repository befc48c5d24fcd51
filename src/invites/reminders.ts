// Expiry care: Slack Connect invitations expire 14 days after they are sent, and Slack sends no
// event when they do. A while before (REMINDER_HOURS_BEFORE_EXPIRY), the person who asked is
// reminded, once per invitation: each is claimed in the database by one replica before its
// message goes, so none is reminded twice (a crash between the two loses that one reminder).
import type { Logger } from '../logger.js';
import type { InviteRecord, InviteRepository } from './ports.js';
import { sharedRun } from './shared-run.js';

export interface ReminderDeps {
  repo: Pick<InviteRepository, 'claimDueReminders'>;
  /** Sends the reminder with the invitation's own workspace; false when the app is not installed there any more. */
  remind(invite: InviteRecord): Promise<boolean>;
  /** The time the reminders are judged by (injected in tests). */
  now(): Date;
  remindBeforeMs: number;
  logger: Logger;
  batchSize?: number;
}

export function createReminderService({ repo, remind, now, remindBeforeMs, logger, batchSize = 50 }: ReminderDeps) {
  async function sweepOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await repo.claimDueReminders(now(), remindBeforeMs, batchSize);
      for (const invite of due) {
        const log = logger.child({ inviteId: invite.id, team: invite.teamId });
        try {
          if (await remind(invite)) sent++;
          else log.info('no installation for the invitation’s workspace; its reminder is dropped');
        } catch (err) {
          log.warn({ err }, 'could not send the expiry reminder');
        }
      }
      if (due.length < batchSize) return sent;
    }
  }
  return {
    /** One pass; concurrent calls share it. Returns how many reminders went. */
    sweep: sharedRun(sweepOnce),
  };
}

// Expiry care: Slack Connect invitations expire 14 days after they are sent, and Slack sends no
// event when they do. A while before (REMINDER_HOURS_BEFORE_EXPIRY), the person who asked is
// reminded, once per invitation; once one has expired, its inviter's App Home is published again
// so it shows it expired (and counts it so) without their opening it. Each is claimed in the
// database by one replica before it is acted on, so none is reminded or noticed twice (a crash
// between the two loses that one message).
import type { Logger } from '../logger.js';
import type { InviteRecord, InviteRepository } from './ports.js';
import { sharedRun } from './shared-run.js';

export interface ReminderDeps {
  repo: Pick<InviteRepository, 'claimDueReminders' | 'claimNewlyExpired'>;
  /** Sends the reminder with the invitation's own workspace; false when the app is not installed there any more. */
  remind(invite: InviteRecord): Promise<boolean>;
  /** Shows the inviter their invitations as they are now (App Home); false when the app is not installed there any more. */
  showExpired(invite: InviteRecord): Promise<boolean>;
  /** The time the reminders are judged by (injected in tests). */
  now(): Date;
  /** 0: no reminders (expiries are still noticed). */
  remindBeforeMs: number;
  logger: Logger;
  batchSize?: number;
}

export function createReminderService({ repo, remind, showExpired, now, remindBeforeMs, logger, batchSize = 50 }: ReminderDeps) {
  /** Claims and acts on each, batch after batch; returns how many were acted on. */
  async function drain(claim: () => Promise<InviteRecord[]>, act: (invite: InviteRecord) => Promise<boolean>, what: string): Promise<number> {
    let done = 0;
    for (;;) {
      const due = await claim();
      for (const invite of due) {
        const log = logger.child({ inviteId: invite.id, team: invite.teamId });
        try {
          if (await act(invite)) done++;
          else log.info(`no installation for the invitation’s workspace; its ${what} is dropped`);
        } catch (err) {
          log.warn({ err }, `could not send the ${what}`);
        }
      }
      if (due.length < batchSize) return done;
    }
  }

  async function sweepOnce(): Promise<number> {
    const reminded = remindBeforeMs > 0 ? await drain(() => repo.claimDueReminders(now(), remindBeforeMs, batchSize), remind, 'expiry reminder') : 0;
    // One Home per inviter and sweep, however many of theirs expired at once.
    const shown = new Set<string>();
    await drain(
      () => repo.claimNewlyExpired(now(), batchSize),
      async (invite) => {
        const key = `${invite.teamId}:${invite.requesterUserId}`;
        if (shown.has(key)) return true;
        shown.add(key);
        return showExpired(invite);
      },
      'expiry notice',
    );
    return reminded;
  }
  return {
    /** One pass; concurrent calls share it. Returns how many reminders went. */
    sweep: sharedRun(sweepOnce),
  };
}

// The steps every invite service takes around its own work: checking the request with Slack
// within Slack's deadline (failing closed), recording it before anything is sent, and saving
// Slack's answer (still showing it when saving fails).
import type { Logger } from '../logger.js';
import { withDeadline } from './deadline.js';
import { keepLease, LeaseLostError, type LeaseHold, type LeaseKeeper, type LeasePolicy } from './lease.js';
import type { InviteRepository, NewInviteRequest, Requester } from './ports.js';

export interface RecordOptions {
  idempotencyKey: string;
  viewId?: string | undefined;
  channelName?: string | undefined;
}

/** Recording failed: nothing was sent to Slack. */
export class RecordingFailedError extends Error {
  override name = 'RecordingFailedError';
}

export const COULD_NOT_CHECK = 'Could not check this channel with Slack just now, so nothing was sent. Try again in a moment.';

/**
 * How long the checks behind one submitted form may take in all. The person is answered within
 * Slack's 3 seconds whatever happens: when the checks take longer, the form's listener
 * acknowledges with "Checking…" and updates the modal once they end
 * (src/slack/listeners/views/invite-submission.ts). This bounds that wait: long enough for 100
 * people's profiles paced within users.info's tier when the cache holds none of them (80 at once,
 * the rest a minute later: src/slack/call-budget.ts), short enough that a stuck check still ends
 * in an answer. No answer by then is a refusal, like any other failed check.
 */
export const CHECK_DEADLINE_MS = 150_000;

interface CheckOptions {
  timeoutMs: number;
  log: Logger;
  channelId: string;
}

/**
 * Gathers Slack's facts and judges the request by them. No answer in time, or an error, is a
 * refusal: membership is an authorization check, so no answer means no invite.
 */
export async function checkWithSlack<Facts extends { channel: { name: string } | undefined }, Errors extends { channel?: string }>(
  gather: () => Promise<Facts>,
  judge: (facts: Facts) => Errors | undefined,
  { timeoutMs, log, channelId }: CheckOptions,
): Promise<{ errors?: Errors; channelName?: string }> {
  let facts: Facts;
  try {
    facts = await withDeadline(gather(), timeoutMs);
  } catch (err) {
    log.warn({ err, channel: channelId }, 'could not check the channel with Slack');
    return { errors: { channel: COULD_NOT_CHECK } as Errors };
  }
  const errors = judge(facts);
  return errors ? { errors } : { channelName: facts.channel?.name };
}

/** What a new invite records about the request itself, rather than the form's content. */
export function newInviteRequest(requester: Requester, channelId: string, options: RecordOptions): NewInviteRequest {
  return {
    teamId: requester.teamId,
    enterpriseId: requester.enterpriseId,
    requesterUserId: requester.userId,
    channelId,
    channelName: options.channelName,
    idempotencyKey: options.idempotencyKey,
    viewId: options.viewId,
  };
}

/** Records a request before it is sent; if that fails, nothing is sent (RecordingFailedError). */
export async function recordFirst<T>(log: Logger, create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (err) {
    log.error({ err }, 'could not record the invite; nothing sent to Slack');
    throw new RecordingFailedError('The invite could not be recorded');
  }
}

/** Saves what Slack said; if that fails, the person is still shown `unsaved()`. */
export async function saveOutcome<T>(log: Logger, outcome: unknown, save: () => Promise<T>, unsaved: () => T): Promise<T> {
  try {
    return await save();
  } catch (err) {
    // Not this process's to record any more: sendUnderLease says so and shows the new owner's.
    if (err instanceof LeaseLostError) throw err;
    // Slack has acted; the record stays SENDING and recovery reconciles it once its lease runs out.
    log.error({ err, outcome }, 'could not record the outcome of a sent invite');
    return unsaved();
  }
}

/**
 * Another process took the invite over: says so, and returns the invite as its new owner has it
 * (or as this process knew it, should the database not answer).
 */
export function takenOver<T>(invite: LeaseHold & T, repo: Pick<InviteRepository, 'reload'>, log: Logger, when: string): Promise<T> {
  log.warn({ leaseVersion: invite.leaseVersion }, `lease taken over by another process ${when}; this process's result was not recorded`);
  return repo.reload(invite.id).then(
    (current) => current as unknown as T,
    () => invite,
  );
}

export interface LeasedSendDeps {
  repo: Pick<InviteRepository, 'markSending' | 'renewLease' | 'reload'>;
  policy: LeasePolicy;
  log: Logger;
}

/**
 * One send of a leased invite: marked sending (fenced), its lease renewed while `work` asks Slack,
 * renewal stopped when it ends. If another process took the invite over, this one stops calling
 * Slack, records nothing, says so, and returns the invite as the new owner has it.
 */
export async function sendUnderLease<T>(
  invite: LeaseHold & T,
  { repo, policy, log }: LeasedSendDeps,
  work: (attempts: number, lease: LeaseKeeper) => Promise<T>,
): Promise<T> {
  const handedOver = (when: string) => takenOver(invite, repo, log, when);
  const since = performance.now();
  let attempts: number;
  try {
    ({ attempts } = await repo.markSending(invite));
  } catch (err) {
    if (err instanceof LeaseLostError) return handedOver('before sending');
    throw err;
  }
  const lease = keepLease(() => repo.renewLease(invite), policy, log, () => performance.now(), since);
  try {
    return await work(attempts, lease);
  } catch (err) {
    if (err instanceof LeaseLostError) return handedOver('while sending');
    throw err;
  } finally {
    lease.stop();
  }
}

// The way every invitation form takes once sent: check who sends it (never from the form: a guest,
// an app, someone of another workspace or organization is refused, whatever the command let
// through), check it (first the form alone, then against Slack's facts), record it, show a
// "sending" view, send it, then show the outcome in the same modal (or a DM if it was closed).
// Each form brings its parts.
//
// Slack wants the acknowledgement within 3 seconds. Checks that end in time are answered in it,
// as inline errors or the "sending" view. Checks that take longer (a big channel, 100 people's
// profiles paced within Slack's rate tiers, a slow Slack) are not cut short: the acknowledgement
// shows "Checking…" and the modal is updated once they end, back to the form with what stops it
// (Slack takes inline errors only in the acknowledgement) or on to record and send. Either way
// nothing is recorded or sent before the checks pass, and checks that fail are a refusal.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { explainError } from '../../../invites/error-catalogue.js';
import type { Requester } from '../../../invites/ports.js';
import { CHECK_DEADLINE_MS, RecordingFailedError, type RecordOptions } from '../../../invites/steps.js';
import type { InviteKind, Refusal } from '../../../invites/who-may-invite/service.js';
import type { Logger } from '../../../logger.js';
import { actorOf, requesterOf } from '../../installation.js';
import { workspaceOf, type Workspace } from '../../workspaces/workspace.js';
import { refusalText } from '../../views/refusal.js';
import { requestLog } from '../context.js';
import { postDirectMessage } from '../../direct-message.js';
import { showOutcome, updateModal } from './show-outcome.js';

type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/**
 * How long a submission waits for its checks before acknowledging with "Checking…": Slack's 3
 * seconds, less the time to record the invitation and answer (and the network both ways).
 */
export const ACK_WITHIN_MS = 1800;

export interface InviteForm<Field extends string, Raw, Draft, Invite> {
  /** Which invitation the form sends: who may send it depends on it. */
  kind: InviteKind;
  /** What the person filled in, as sent (pure). */
  read(view: ViewSubmitAction['view']): Raw;
  /** Checks the form alone. */
  validate(raw: Raw, requester: Requester): { ok: true; draft: Draft } | { ok: false; errors: FieldErrors<Field> };
  /** The block each field's error shows under; `channel` also takes the errors about the request as a whole. */
  blockOf: Record<Field | 'channel', string>;
  /**
   * A step with side effects before Slack's facts are checked (creating the channel the form
   * names), run only once the person may invite and the form itself is valid; idempotent by `key`
   * (the modal's ID, the same however often the form is sent).
   */
  prepare?(draft: Draft, requester: Requester, workspace: Workspace, key: string): Promise<{ draft: Draft } | { errors: FieldErrors<Field> }>;
  /** Whether this draft needs `prepare` (otherwise the checks run beside who may invite, as without it). */
  needsPrepare?(draft: Draft): boolean;
  /** The request's workspace's service for this kind of invitation. */
  serviceOf(workspace: Workspace): {
    /** `draft`: the draft to record instead, when the checks completed it (a batch's uploaded file). */
    check(draft: Draft, requester: Requester): Promise<{ errors?: FieldErrors<Field>; channelName?: string; draft?: Draft }>;
    record(draft: Draft, requester: Requester, options: RecordOptions): Promise<{ invite: Invite; created: boolean }>;
    send(invite: Invite): Promise<Invite>;
  };
  outcomeView(invite: Invite): ModalView;
  /** The service's send shows its own outcome (a batch's progress and summary): nothing is shown after it. */
  showsOwnOutcome?: boolean;
  /** While the checks are still going, after the acknowledgement. */
  checkingView(raw: Raw): ModalView;
  /** The form again as the person filled it, with what stops it above the fields. */
  formView(raw: Raw, problems: readonly string[]): ModalView;
}

export interface InviteSubmissionDeps {
  logger: Logger;
  appName: string;
  /** Defaults: ACK_WITHIN_MS, and CHECK_DEADLINE_MS for who may invite (the services have their own). */
  ackWithinMs?: number;
  checkDeadlineMs?: number;
}

/** What the checks decided: errors by block (in the form's order), or go. */
type Verdict<Draft> = { errors: Record<string, string> } | { draft: Draft; channelName: string | undefined };

export function inviteSubmission<Field extends string, Raw, Draft, Invite extends { id: string }>(form: InviteForm<Field, Raw, Draft, Invite>, deps: InviteSubmissionDeps) {
  const ackWithinMs = deps.ackWithinMs ?? ACK_WITHIN_MS;
  const checkDeadlineMs = deps.checkDeadlineMs ?? CHECK_DEADLINE_MS;
  const blockOrder = Object.values(form.blockOf) as string[];
  const toBlockErrors = (errors: FieldErrors<Field>): Record<string, string> =>
    Object.fromEntries(
      Object.entries(errors)
        .map(([field, message]) => [form.blockOf[field as Field], message as string] as const)
        .sort(([a], [b]) => blockOrder.indexOf(a) - blockOrder.indexOf(b)),
    );
  const recordingFailed = () => {
    const explanation = explainError('database_unavailable', { appName: deps.appName });
    return `${explanation.whatHappened} ${explanation.whatToDo}`;
  };

  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const log = requestLog(context, deps.logger);
    // Who asks comes from Slack's signed request, never from the form; the workspace is the
    // installation's (Bolt's context), not body.team, which may be the other organization's.
    const actor = actorOf(context, body.user);
    const refusalErrors = (refusal: Refusal) => ({ [form.blockOf.channel]: refusalText(refusal, deps.appName) });
    const workspace = workspaceOf(context);
    // (The workspace gate answers requests without one; this keeps the type honest.)
    if (!workspace || !actor.installation) return ack({ response_action: 'errors', errors: refusalErrors({ code: 'requester_other_workspace' }) });
    const service = form.serviceOf(workspace);
    const { whoMayInvite } = workspace;
    // Refused by the request alone (another workspace): nothing is looked up for them either.
    const early = whoMayInvite.refusedByRequest(actor);
    if (early) return ack({ response_action: 'errors', errors: refusalErrors(early) });
    const requester: Requester = requesterOf(actor.installation, actor.userId);

    // Who asks and what they ask for are checked side by side; a refusal of who asks comes first,
    // so nothing about the channel is said to them. Each check fails closed by its own deadline.
    const raw = form.read(view);
    const checkedForm = form.validate(raw, requester);
    const prepares = checkedForm.ok && form.prepare !== undefined && (form.needsPrepare?.(checkedForm.draft) ?? true);
    const checks: Promise<Verdict<Draft>> = Promise.all([
      whoMayInvite.check(form.kind, actor, { fresh: true, timeoutMs: checkDeadlineMs }),
      // Nothing with side effects runs before the person is known to be allowed (prepare waits below).
      checkedForm.ok && !prepares ? service.check(checkedForm.draft, requester) : undefined,
    ]).then(async ([refusal, checked]) => {
      if (refusal) return { errors: refusalErrors(refusal) };
      if (!checkedForm.ok) return { errors: toBlockErrors(checkedForm.errors) };
      let draft = checkedForm.draft;
      if (prepares && form.prepare) {
        const prepared = await form.prepare(draft, requester, workspace, view.id);
        if ('errors' in prepared) return { errors: toBlockErrors(prepared.errors) };
        draft = prepared.draft;
        checked = await service.check(draft, requester);
      }
      if (checked?.errors) return { errors: toBlockErrors(checked.errors) };
      return { draft: checked?.draft ?? draft, channelName: checked?.channelName };
    });

    const inTime = await settledWithin(checks, ackWithinMs);
    if (inTime) {
      if ('errors' in inTime) return ack({ response_action: 'errors', errors: inTime.errors });
      return recordAndSend(inTime, {
        refuse: (problem) => ack({ response_action: 'errors', errors: { [form.blockOf.channel]: problem } }),
        showSending: (sending) => ack({ response_action: 'update', view: sending }),
      });
    }

    // Past what Slack's acknowledgement allows: answer now, finish the checks, then update the modal.
    await ack({ response_action: 'update', view: form.checkingView(raw) });
    log.info({ afterMs: ackWithinMs }, 'checks still going at the acknowledgement; the modal shows "Checking…" until they end');
    const showForm = (problems: string[]) => showFormAgain(client, view.id, requester.userId, form.formView(raw, problems), problems, log);
    let verdict: Verdict<Draft>;
    try {
      verdict = await checks;
    } catch (err) {
      // (Each check fails closed by itself; this is a bug's safety net: still nothing sent, and said.)
      log.error({ err }, 'the checks failed after the acknowledgement; nothing was sent');
      return showForm([explainError('unknown_error', { appName: deps.appName }).whatHappened]);
    }
    if ('errors' in verdict) {
      log.info({ blocks: Object.keys(verdict.errors) }, 'refused after the acknowledgement; the form is shown again with why');
      return showForm(Object.values(verdict.errors));
    }
    return recordAndSend(verdict, {
      refuse: (problem) => showForm([problem]),
      showSending: (sending) => updateModal(client, view.id, sending, log),
    });

    async function recordAndSend(
      { draft, channelName }: { draft: Draft; channelName: string | undefined },
      answer: { refuse(problem: string): Promise<unknown>; showSending(view: ModalView): Promise<unknown> },
    ): Promise<void> {
      let recorded: { invite: Invite; created: boolean };
      try {
        recorded = await service.record(draft, requester, { idempotencyKey: view.id, viewId: view.id, channelName });
      } catch (error) {
        if (!(error instanceof RecordingFailedError)) throw error;
        await answer.refuse(recordingFailed());
        return;
      }
      await answer.showSending(form.outcomeView(recorded.invite));
      if (!recorded.created) {
        // The same submission again (a double click, a repeated delivery): show it, send nothing.
        log.info({ inviteId: recorded.invite.id }, 'repeated submission; already recorded');
        return;
      }
      const final = await service.send(recorded.invite);
      if (form.showsOwnOutcome) return;
      await showOutcome(client, view.id, requester.userId, form.outcomeView(final), log);
    }
  };
}

/** The verdict if it comes within `ms`, else undefined (the checks go on). */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The form again, refused, in the modal; if the modal was closed meanwhile, why nothing was sent as a direct message. */
async function showFormAgain(client: WebClient, viewId: string, userId: string, formView: ModalView, problems: readonly string[], log: Logger): Promise<void> {
  if (await updateModal(client, viewId, formView, log)) return;
  try {
    const text = `Your invitation was not sent. ${problems.join(' ')}`;
    await postDirectMessage(client, { channel: userId, text, blocks: formView.blocks.slice(0, 1) }, log);
  } catch (err) {
    log.error({ err }, 'could not tell the person why nothing was sent');
  }
}

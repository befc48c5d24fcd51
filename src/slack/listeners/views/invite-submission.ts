// The way every invitation form takes once sent: check who sends it (never from the form: a guest,
// an app, someone of another workspace or organization is refused, whatever the command let
// through), check it (inline errors in the form, first the form alone, then against Slack's
// facts), record it, acknowledge with a "sending" view, send it, then show the outcome in the
// same modal (or a DM if it was closed). Each form brings its parts.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { explainError } from '../../../invites/error-catalogue.js';
import type { Requester } from '../../../invites/ports.js';
import { RecordingFailedError, type RecordOptions } from '../../../invites/steps.js';
import type { InviteKind, Refusal, WhoMayInvite } from '../../../invites/who-may-invite/service.js';
import type { Logger } from '../../../logger.js';
import type { BotIdentity } from '../../deps.js';
import { actorOf } from '../../installation.js';
import { refusalText } from '../../views/refusal.js';
import { requestLog } from '../context.js';
import { showOutcome } from './show-outcome.js';

type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

export interface InviteForm<Field extends string, Draft, Invite> {
  /** Which invitation the form sends: who may send it depends on it. */
  kind: InviteKind;
  /** Reads the submitted form and checks it alone. */
  validate(view: ViewSubmitAction['view'], requester: Requester): { ok: true; draft: Draft } | { ok: false; errors: FieldErrors<Field> };
  /** The block each field's error shows under; `channel` also takes the errors about the request as a whole. */
  blockOf: Record<Field | 'channel', string>;
  service: {
    check(draft: Draft, requester: Requester): Promise<{ errors?: FieldErrors<Field>; channelName?: string }>;
    record(draft: Draft, requester: Requester, options: RecordOptions): Promise<{ invite: Invite; created: boolean }>;
    send(invite: Invite): Promise<Invite>;
  };
  outcomeView(invite: Invite): ModalView;
}

export function inviteSubmission<Field extends string, Draft, Invite extends { id: string }>(
  form: InviteForm<Field, Draft, Invite>,
  deps: { logger: Logger; appName: string; bot: Pick<BotIdentity, 'teamId' | 'enterpriseId'>; whoMayInvite: Pick<WhoMayInvite, 'check' | 'refusedByRequest'> },
) {
  const toBlockErrors = (errors: FieldErrors<Field>): Record<string, string> =>
    Object.fromEntries(Object.entries(errors).map(([field, message]) => [form.blockOf[field as Field], message as string]));

  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const log = requestLog(context, deps.logger);
    const { service } = form;
    // Who asks comes from Slack's signed request, never from the form; the workspace is the
    // installation's (Bolt's context), not body.team, which may be the other organization's.
    const actor = actorOf(context, deps.bot, body.user);
    const refuse = (refusal: Refusal) =>
      ack({ response_action: 'errors', errors: { [form.blockOf.channel]: refusalText(refusal, deps.appName) } });
    // Refused by the request alone (another workspace): nothing is looked up for them either.
    const early = deps.whoMayInvite.refusedByRequest(actor);
    if (early || !actor.installation) return refuse(early ?? { code: 'requester_other_workspace' });
    const requester: Requester = { userId: actor.userId, teamId: actor.installation.teamId, enterpriseId: actor.installation.enterpriseId };

    // Who asks and what they ask for are checked side by side (both within Slack's 3 seconds);
    // a refusal of who asks comes first, so nothing about the channel is said to them.
    const checkedForm = form.validate(view, requester);
    const [refusal, checked] = await Promise.all([
      deps.whoMayInvite.check(form.kind, actor, { fresh: true }),
      checkedForm.ok ? service.check(checkedForm.draft, requester) : undefined,
    ]);
    if (refusal) return refuse(refusal);
    if (!checkedForm.ok) return ack({ response_action: 'errors', errors: toBlockErrors(checkedForm.errors) });
    const { draft } = checkedForm;
    if (checked?.errors) return ack({ response_action: 'errors', errors: toBlockErrors(checked.errors) });

    let recorded: { invite: Invite; created: boolean };
    try {
      recorded = await service.record(draft, requester, { idempotencyKey: view.id, viewId: view.id, channelName: checked?.channelName });
    } catch (error) {
      if (!(error instanceof RecordingFailedError)) throw error;
      const explanation = explainError('database_unavailable', { appName: deps.appName });
      return ack({ response_action: 'errors', errors: { [form.blockOf.channel]: `${explanation.whatHappened} ${explanation.whatToDo}` } });
    }
    await ack({ response_action: 'update', view: form.outcomeView(recorded.invite) });
    if (!recorded.created) {
      // The same submission again (a double click, a repeated delivery): show it, send nothing.
      log.info({ inviteId: recorded.invite.id }, 'repeated submission; already recorded');
      return;
    }

    const final = await service.send(recorded.invite);
    await showOutcome(client, view.id, requester.userId, form.outcomeView(final), log);
  };
}

// Opens a command's form with the trigger Slack sent (valid for 3 seconds, so after an immediate
// acknowledgement), and tells the person in words if Slack would not open it.
import type { ModalView } from '@slack/types';
import type { AckFn, Context, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { explainError } from '../../../invites/error-catalogue.js';
import type { Logger } from '../../../logger.js';
import type { InviteKind } from '../../../invites/who-may-invite/service.js';
import type { SlackDeps } from '../../deps.js';
import { encodedView } from '../../encoded-view.js';
import { actorOf } from '../../installation.js';
import { refusalMessage } from '../../views/refusal.js';

export interface OpenFormArgs {
  client: WebClient;
  command: Pick<SlashCommand, 'trigger_id' | 'command'>;
  respond: RespondFn;
  log: Logger;
  appName: string;
}

export async function openForm({ client, command, respond, log, appName }: OpenFormArgs, view: ModalView): Promise<void> {
  try {
    await client.views.open({ trigger_id: command.trigger_id, view: encodedView(view) });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? 'slack_unreachable';
    log.warn({ err: error, code, command: command.command }, 'could not open the form');
    const explanation = explainError(code, { appName });
    await respond({ response_type: 'ephemeral', text: `Could not open the form: ${explanation.whatHappened} ${explanation.whatToDo}` }).catch(
      (err: unknown) => log.warn({ err }, 'could not tell the person either'),
    );
  }
}

/** The channel a command ran in, as a form's default: never a DM, which no invite can target. */
export function defaultChannel(channelId: string): string | undefined {
  return /^[CG]/.test(channelId) ? channelId : undefined;
}

/**
 * Checks, before any form opens, that the person may send this kind of invitation (from Slack's
 * facts, within the lookups' deadline, so the acknowledgement stays inside Slack's 3 seconds). If
 * not, the acknowledgement itself carries the explanation, which only they see, and true is returned.
 * The submission checks again: this one only spares them a form they cannot use.
 */
export async function refusedCommand(
  kind: InviteKind,
  { ack, command, context }: { ack: AckFn<string | RespondArguments>; command: Pick<SlashCommand, 'user_id'>; context: Context },
  deps: Pick<SlackDeps, 'appName' | 'bot' | 'whoMayInvite'>,
): Promise<boolean> {
  const refusal = await deps.whoMayInvite.check(kind, actorOf(context, deps.bot, { id: command.user_id }), { fresh: false });
  if (!refusal) return false;
  await ack(refusalMessage(refusal, deps.appName));
  return true;
}

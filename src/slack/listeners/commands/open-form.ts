// Opens a command's form with the trigger Slack sent (valid for 3 seconds, so after an immediate
// acknowledgement), and if Slack will not open it, tells the person why and what to do, in an
// ephemeral message through the command's response_url: the one place they can still see.
import type { ModalView } from '@slack/types';
import type { AckFn, Context, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../logger.js';
import type { InviteKind } from '../../../invites/who-may-invite/service.js';
import type { SlackDeps } from '../../deps.js';
import { encodedView } from '../../encoded-view.js';
import { explainViewError } from '../../view-errors.js';
import { explanationMessage } from '../../views/explanation.js';
import { actorOf } from '../../installation.js';
import { workspaceOf } from '../../workspaces/workspace.js';
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
    const explanation = explainViewError(error, 'views.open', { appName, retry: { command: command.command } });
    log.warn({ err: error, code: explanation.code, command: command.command }, 'could not open the form');
    await respond({ response_type: 'ephemeral', ...explanationMessage(explanation) }).catch(
      (err: unknown) => log.warn({ err }, 'could not tell the person either'),
    );
  }
}

/** The channel a command ran in, as a form's default: never a DM (D…); a group DM (G…, like private channels) is refused at submission. */
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
  deps: Pick<SlackDeps, 'appName'>,
): Promise<boolean> {
  const workspace = workspaceOf(context);
  const actor = actorOf(context, { id: command.user_id });
  const refusal = workspace ? await workspace.whoMayInvite.check(kind, actor, { fresh: false }) : { code: 'requester_other_workspace' as const };
  if (!refusal) return false;
  await ack(refusalMessage(refusal, deps.appName));
  return true;
}

// Opens a command's form with the trigger Slack sent (valid for 3 seconds, so after an immediate
// acknowledgement), and tells the person in words if Slack would not open it.
import type { ModalView } from '@slack/types';
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { explainError } from '../../../invites/error-catalogue.js';
import type { Logger } from '../../../logger.js';
import { encodedView } from '../../encoded-view.js';

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

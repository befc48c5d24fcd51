// Opens a command's form with the trigger Slack sent (valid for 3 seconds, so after an immediate
// acknowledgement), and if Slack will not open it, tells the person why and what to do, in an
// ephemeral message through the command's response_url: the one place they can still see.
import type { ModalView } from '@slack/types';
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../logger.js';
import { encodedView } from '../../encoded-view.js';
import { explainViewError } from '../../view-errors.js';
import { explanationMessage } from '../../views/explanation.js';

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

/** The channel a command ran in, as a form's default: never a DM, which no invite can target. */
export function defaultChannel(channelId: string): string | undefined {
  return /^[CG]/.test(channelId) ? channelId : undefined;
}

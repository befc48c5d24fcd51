// /share-channel [email | @person]: opens the invitation form, pre-filled from where it was typed.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { explainError } from '../../../invites/error-catalogue.js';
import type { SlackDeps } from '../../deps.js';
import { parseShareCommandText } from '../../parse/share-channel.js';
import { shareChannelModal } from '../../views/share-channel-modal.js';
import { requestLog } from '../context.js';

export function shareChannelCommand(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  return async ({ ack, command, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const log = requestLog(context, deps.logger);
    const prefill = parseShareCommandText(command.text);
    // A DM or group DM cannot be shared, so it is not offered as the default channel.
    const channelId = /^[CG]/.test(command.channel_id) ? command.channel_id : undefined;
    try {
      await client.views.open({ trigger_id: command.trigger_id, view: shareChannelModal({ ...prefill, channelId }) });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error ?? 'slack_unreachable';
      log.warn({ err: error, code }, 'could not open the share-channel form');
      const explanation = explainError(code, { appName: deps.appName });
      await respond({ response_type: 'ephemeral', text: `Could not open the form: ${explanation.whatHappened} ${explanation.whatToDo}` }).catch(
        (err: unknown) => log.warn({ err }, 'could not tell the person either'),
      );
    }
  };
}

// /share-channel [email | @person]: opens the invitation form, pre-filled from where it was typed.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { parseShareCommandText } from '../../parse/share-channel.js';
import { shareChannelModal } from '../../views/share-channel-modal.js';
import { requestLog } from '../context.js';
import { defaultChannel, openForm } from './open-form.js';

export function shareChannelCommand(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  return async ({ ack, command, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const log = requestLog(context, deps.logger);
    const prefill = parseShareCommandText(command.text);
    // A DM or group DM cannot be shared, so it is not offered as the default channel.
    const view = shareChannelModal({ ...prefill, channelId: defaultChannel(command.channel_id) });
    await openForm({ client, command, respond, log, appName: deps.appName }, view);
  };
}

// /share-channel [email | @person]: opens the invitation form, pre-filled from where it was typed,
// unless the person may not send Slack Connect invitations: then the answer (only they see it) says why.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { parseShareCommandText } from '../../parse/share-channel.js';
import { shareChannelModal } from '../../views/share-channel-modal.js';
import { requestLog } from '../context.js';
import { defaultChannel, openForm, refusedCommand } from './open-form.js';

export function shareChannelCommand(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  return async ({ ack, command, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    if (await refusedCommand('slack_connect', { ack, command, context }, deps)) return;
    await ack();
    const log = requestLog(context, deps.logger);
    const prefill = parseShareCommandText(command.text);
    // A DM (D…) is never offered as the default channel. A group DM shares the G prefix of private
    // channels, so it may be offered; the submission's check (conversations.info, mpim:read) refuses it.
    const view = shareChannelModal({ emails: prefill.email, userIds: prefill.userId ? [prefill.userId] : [], channelId: defaultChannel(command.channel_id) });
    await openForm({ client, command, respond, log, appName: deps.appName }, view);
  };
}

// /invite-private [@person ...]: opens the form to add colleagues to a private channel,
// pre-filled with the channel it was typed in and the people mentioned.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { parseInvitePrivateCommandText } from '../../parse/invite-private.js';
import { invitePrivateModal } from '../../views/invite-private-modal.js';
import { requestLog } from '../context.js';
import { defaultChannel, openForm } from './open-form.js';

export function invitePrivateCommand(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  return async ({ ack, command, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const log = requestLog(context, deps.logger);
    // Any channel but a DM: whether it is really private (or a group DM) is checked on submission.
    const view = invitePrivateModal({ channelId: defaultChannel(command.channel_id), userIds: parseInvitePrivateCommandText(command.text) });
    await openForm({ client, command, respond, log, appName: deps.appName }, view);
  };
}

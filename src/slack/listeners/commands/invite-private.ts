// /invite-private [@person ...]: opens the form to add colleagues to a private channel,
// pre-filled with the channel it was typed in and the people mentioned, unless the person may
// not invite anyone through the app: then the answer (only they see it) says why.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { parseInvitePrivateCommandText } from '../../parse/invite-private.js';
import { invitePrivateModal } from '../../views/invite-private-modal.js';
import { requestLog } from '../context.js';
import { defaultChannel, openForm, refusedCommand } from './open-form.js';

export function invitePrivateCommand(deps: Pick<SlackDeps, 'logger' | 'appName'>) {
  return async ({ ack, command, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    if (await refusedCommand('private_channel', { ack, command, context }, deps)) return;
    await ack();
    const log = requestLog(context, deps.logger);
    // Any channel but a DM: whether it is really private (or a group DM) is checked on submission.
    const view = invitePrivateModal({ channelId: defaultChannel(command.channel_id), userIds: parseInvitePrivateCommandText(command.text) });
    await openForm({ client, command, respond, log, appName: deps.appName }, view);
  };
}

// The share-channel form's "Or a whole user group" menu (an external_select): the workspace's
// groups matching what the person types (usergroups.list, cached). Slack wants the options within
// 3 seconds; a look-up that fails answers an empty menu, and the form still works without a group.
import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import { groupOptions } from '../../views/group-options.js';
import { workspaceOf } from '../../workspaces/workspace.js';

export function newChannelGroupOptions(logger: Logger) {
  return async ({ ack, body, context }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs) => {
    const workspace = workspaceOf(context);
    const groups = workspace
      ? await workspace.groupChoices(body.value ?? '').catch((err: unknown) => {
          logger.warn({ err }, 'could not list the user groups for the form’s menu');
          return [];
        })
      : [];
    await ack({ options: groupOptions(groups) });
  };
}

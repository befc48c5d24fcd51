// The App Home menu of user groups (an external_select): Slack asks for its options as an admin
// types (block_suggestion), and gets the workspace's groups matching the text, from
// usergroups.list (cached). Anyone but a workspace admin gets an empty menu.
import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { actorOf } from '../../installation.js';
import { workspaceOf } from '../../workspaces/workspace.js';
import { groupOptions } from '../../views/group-options.js';

export function inviteGroupOptions() {
  return async ({ ack, body, context }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs) => {
    const workspace = workspaceOf(context);
    const groups = workspace ? await workspace.settings.groupOptions(actorOf(context, body.user), body.value ?? '') : [];
    await ack({ options: groupOptions(groups) });
  };
}

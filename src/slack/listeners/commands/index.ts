import type { SlackDeps } from '../../deps.js';
import { COMMANDS } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';
import { shareChannelCommand } from './share-channel.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.command(COMMANDS.shareChannel, shareChannelCommand(deps));
  app.command(COMMANDS.invitePrivate, async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: '/invite-private is not available yet.' });
  });
}

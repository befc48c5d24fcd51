import type { SlackDeps } from '../../deps.js';
import { COMMANDS } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';
import { invitePrivateCommand } from './invite-private.js';
import { shareChannelCommand } from './share-channel.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  app.command(COMMANDS.shareChannel, shareChannelCommand(deps));
  app.command(COMMANDS.invitePrivate, invitePrivateCommand(deps));
}

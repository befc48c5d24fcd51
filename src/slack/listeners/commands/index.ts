import type { SlackDeps } from '../../deps.js';
import { COMMANDS } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';

export function register(app: ListenerRegistry, _deps: SlackDeps): void {
  for (const command of Object.values(COMMANDS)) {
    app.command(command, async ({ ack }) => {
      await ack({ response_type: 'ephemeral', text: `${command} is not available yet.` });
    });
  }
}

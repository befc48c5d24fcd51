import type { SlackDeps } from '../../deps.js';
import { EVENTS } from '../../ids.js';
import type { ListenerRegistry } from '../registry.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  for (const event of Object.values(EVENTS)) {
    app.event(event, async ({ context }) => {
      (context.log as SlackDeps['logger'] | undefined ?? deps.logger).debug({ event }, 'event received');
    });
  }
}

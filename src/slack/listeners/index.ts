import type { SlackDeps } from '../deps.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as options from './options/index.js';
import * as views from './views/index.js';
import type { ListenerRegistry } from './registry.js';

export function registerListeners(app: ListenerRegistry, deps: SlackDeps): void {
  commands.register(app, deps);
  views.register(app, deps);
  actions.register(app, deps);
  events.register(app, deps);
  options.register(app, deps);
}

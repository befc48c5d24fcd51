import type { App } from '@slack/bolt';

/** The part of Bolt's App that listeners register with; tests pass a recorder instead. */
export type ListenerRegistry = Pick<App, 'command' | 'view' | 'action' | 'event' | 'options' | 'shortcut'>;

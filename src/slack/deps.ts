import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId: string;
}

/** What listeners are given; each listener uses only the parts it needs. */
export interface SlackDeps {
  logger: Logger;
  bot: BotIdentity;
  slack: Config['slack'];
}

import type { Logger } from '../../logger.js';

/** The request-scoped logger the global middleware put in the context (see slack/app.ts). */
export function requestLog(context: Record<string, unknown>, fallback: Logger): Logger {
  return (context.log as Logger | undefined) ?? fallback;
}

// Why a view call (views.open, views.push, views.update, views.publish) failed, explained for the
// person it was for: whatever the Web API client threw becomes a catalogue code with its details,
// read as that method's answer (an expired trigger, a view too large, a rate limit, no answer).
import { failureFields } from '../invites/call-failure.js';
import { explainError, type ErrorExplanation, type ExplanationContext, type ViewMethod } from '../invites/error-catalogue.js';
import { classifyCallError } from './gateways/classify.js';

/** Anything else the client threw (a bug, not Slack's answer) is explained by the catalogue's fallback. */
const NOT_FROM_SLACK = 'unknown_error';

export function explainViewError(
  error: unknown,
  method: ViewMethod,
  context: Omit<ExplanationContext, 'method' | 'retryAfterSeconds' | 'neededScope'> = {},
): ErrorExplanation {
  let fields: ReturnType<typeof failureFields>;
  try {
    fields = failureFields(classifyCallError(error));
  } catch {
    fields = { errorCode: NOT_FROM_SLACK };
  }
  return explainError(fields.errorCode, {
    ...context,
    method,
    ...(fields.retryAfterSeconds !== undefined ? { retryAfterSeconds: fields.retryAfterSeconds } : {}),
    ...(fields.errorCode === 'missing_scope' && fields.errorDetail ? { neededScope: fields.errorDetail } : {}),
  });
}

// The error catalogue's public face: plain-language explanations for every error Slack (or the
// app itself) can report. The data is in explanations/catalogue.ts, the wording rules in
// explanations/explain.ts; callers import from here.
export {
  CONNECT_ADMIN_METHODS,
  FILE_METHODS,
  EXTERNAL_ACCESS_METHODS,
  VIEW_METHODS,
  WARNING_CODES,
  type Actor,
  type ChannelMethod,
  type ConnectAdminMethod,
  type FileMethod,
  type ExternalAccessMethod,
  type InviteMethod,
  type SlackMethod,
  type ViewMethod,
} from './explanations/catalogue.js';
export {
  documentedCodes,
  explainError,
  isWarningCode,
  LIMITS,
  type ErrorExplanation,
  type ExplanationContext,
} from './explanations/explain.js';

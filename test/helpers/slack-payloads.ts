// Builds the request bodies Slack sends, in Slack's shapes and encodings, for end-to-end tests.
import { randomBytes } from 'node:crypto';

export const APP_ID = 'A0CONNECT';
const id = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;
export const newTriggerId = () => `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;

export interface EncodedBody {
  body: string;
  contentType: string;
}

export interface CommandFields {
  command: string;
  text?: string;
  userId: string;
  teamId: string;
  channelId: string;
  channelName?: string;
  triggerId?: string;
  /** Where `respond()` posts; tests must only ever reach loopback (port 1 refuses at once). */
  responseUrl?: string;
}

/** A slash command: application/x-www-form-urlencoded fields. */
export function slashCommand(f: CommandFields): EncodedBody {
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: f.teamId,
    team_domain: 'acme',
    channel_id: f.channelId,
    channel_name: f.channelName ?? 'channel',
    user_id: f.userId,
    user_name: f.userId.toLowerCase(),
    command: f.command,
    text: f.text ?? '',
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: f.responseUrl ?? `http://127.0.0.1:1/commands/${f.teamId}/${id('')}/${randomBytes(12).toString('hex')}`,
    trigger_id: f.triggerId ?? newTriggerId(),
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** Interactivity: a JSON payload in a `payload` form field. */
export function interactive(payload: object): EncodedBody {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

// The `state.values` entries Slack sends for each input element type.
export const stateValue = {
  email: (value: string | null) => ({ type: 'email_text_input', value }),
  text: (value: string | null) => ({ type: 'plain_text_input', value }),
  user: (selected_user: string | null) => ({ type: 'users_select', selected_user }),
  users: (selected_users: string[]) => ({ type: 'multi_users_select', selected_users }),
  conversation: (selected_conversation: string | null) => ({ type: 'conversations_select', selected_conversation }),
  checkboxes: (values: string[]) => ({
    type: 'checkboxes',
    selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
  }),
};

export type StateValues = Record<string, Record<string, object>>;

/** The /share-channel form as a person fills it (block and action IDs as in src/slack/ids.ts). */
export function shareChannelValues(f: { channel?: string | null; email?: string | null; user?: string | null; users?: string[]; files?: object[]; limited?: boolean }): StateValues {
  return {
    'share_channel.channel': { channel: stateValue.conversation(f.channel ?? null) },
    // The email box is a multi-line plain_text_input (one address or a list); people, a multi_users_select.
    'share_channel.email': { email: stateValue.text(f.email ?? null) },
    'share_channel.user': { user: stateValue.users(f.users ?? (f.user ? [f.user] : [])) },
    'share_channel.file': { file: { type: 'file_input', files: f.files ?? [] } },
    'share_channel.limited': { limited: stateValue.checkboxes(f.limited === false ? [] : ['limited']) },
  };
}

export interface OpenedView {
  id: string;
  hash: string;
  view: Record<string, unknown>;
}

/** The submission of a modal the app opened (as the fake Slack recorded it), with the person's input. */
export function viewSubmission(opened: OpenedView, values: StateValues, user: { id: string; teamId: string }): EncodedBody {
  return interactive({
    type: 'view_submission',
    team: { id: user.teamId, domain: 'acme' },
    user: { id: user.id, username: user.id.toLowerCase(), name: user.id.toLowerCase(), team_id: user.teamId },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: newTriggerId(),
    view: {
      ...opened.view,
      id: opened.id,
      hash: opened.hash,
      team_id: user.teamId,
      app_id: APP_ID,
      bot_id: 'B0BOT',
      state: { values },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

export interface BlockActionFields {
  actionId: string;
  blockId?: string;
  value?: string;
  user: { id: string; teamId: string };
  view?: OpenedView & { type?: 'modal' | 'home' };
  selectedOption?: { value: string; text?: string };
  /** A conversations_select's choice. */
  selectedConversation?: string;
  /** The element's type as Slack reports it (default: static_select with an option, conversations_select with a conversation, else button). */
  elementType?: string;
}

export function blockAction(f: BlockActionFields): EncodedBody {
  const action: Record<string, unknown> = {
    action_id: f.actionId,
    block_id: f.blockId ?? 'block',
    type: f.elementType ?? (f.selectedOption ? 'static_select' : f.selectedConversation ? 'conversations_select' : 'button'),
    action_ts: `${Date.now() / 1000}`,
  };
  if (f.value !== undefined) action.value = f.value;
  if (f.selectedConversation) action.selected_conversation = f.selectedConversation;
  if (f.selectedOption) action.selected_option = { text: { type: 'plain_text', text: f.selectedOption.text ?? f.selectedOption.value }, value: f.selectedOption.value };
  return interactive({
    type: 'block_actions',
    team: { id: f.user.teamId, domain: 'acme' },
    user: { id: f.user.id, username: f.user.id.toLowerCase(), name: f.user.id.toLowerCase(), team_id: f.user.teamId },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: newTriggerId(),
    container: f.view ? { type: 'view', view_id: f.view.id } : { type: 'message' },
    view: f.view ? { ...f.view.view, id: f.view.id, hash: f.view.hash, type: f.view.type ?? 'modal', state: { values: {} } } : undefined,
    actions: [action],
  });
}

/** An external_select asking for its options as the person types (interactivity's options load URL). */
export function blockSuggestion(f: { actionId: string; blockId: string; value: string; user: { id: string; teamId: string }; view?: OpenedView & { type?: 'modal' | 'home' } }): EncodedBody {
  return interactive({
    type: 'block_suggestion',
    user: { id: f.user.id, username: f.user.id.toLowerCase(), name: f.user.id.toLowerCase(), team_id: f.user.teamId },
    container: f.view ? { type: 'view', view_id: f.view.id } : { type: 'message' },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    action_id: f.actionId,
    block_id: f.blockId,
    value: f.value,
    team: { id: f.user.teamId, domain: 'acme' },
    view: f.view ? { ...f.view.view, id: f.view.id, hash: f.view.hash, type: f.view.type ?? 'home', state: { values: {} } } : undefined,
  });
}

/** An Events API delivery: JSON `event_callback`. */
export function eventCallback(event: Record<string, unknown>, teamId: string, eventId = id('Ev')): EncodedBody & { eventId: string } {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: APP_ID,
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
  return { body, contentType: 'application/json', eventId };
}

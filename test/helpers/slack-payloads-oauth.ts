// The requests Slack sends a distributed app, for end-to-end tests: org-wide installs' slash
// commands, view submissions, block actions and app_home_opened, and a Slack Connect other-side
// view submission, each built FROM Slack's recorded payload in docs/slack-samples/ (copied
// unedited, see SOURCES.md there) with the IDs substituted, so every other key stays as Slack
// sends it; and the app_uninstalled / tokens_revoked events, for which no recorded payload exists:
// their envelope is the reference's (connect-admin-and-oauth.md 4.7), an org-wide one's taken
// from the org-wide app_home_opened recording.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ID, interactive, newTriggerId, type EncodedBody, type OpenedView, type StateValues } from './slack-payloads.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../docs/slack-samples');

type Json = Record<string, any>;

/** A fresh copy of a recorded JSON payload (`events/…`, `interactive/…`). */
export function sampleJson(file: string): Json {
  return JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as Json;
}

/** A fresh copy of a recorded form body (`commands/…`). */
export function sampleForm(file: string): URLSearchParams {
  return new URLSearchParams(readFileSync(path.join(SAMPLES, file), 'utf8').trim());
}

const nowSeconds = () => `${Date.now() / 1000}`;
const newEventId = () => `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
/** respond() must only ever reach loopback in tests (port 1 refuses at once); the samples' own are hooks.slack.com. */
const loopbackHook = (kind: 'commands' | 'actions', id: string) => `http://127.0.0.1:1/${kind}/${id}/${randomBytes(4).readUInt32BE()}/${randomBytes(12).toString('hex')}`;

/** Someone acting in a workspace of an organization where the app is installed org-wide. */
export interface OrgUser {
  /** W… in an organization. */
  id: string;
  /** Their workspace. */
  teamId: string;
  enterpriseId: string;
  enterpriseName?: string;
  /** username; default the ID in lower case, as slack-payloads.ts does. */
  name?: string;
}

const userObject = (sample: Json, u: OrgUser) => ({ ...sample, id: u.id, username: u.name ?? u.id.toLowerCase(), name: u.name ?? u.id.toLowerCase(), team_id: u.teamId });

// ---------------------------------------------------------------- commands

export interface OrgCommandFields {
  command: string;
  text?: string;
  user: OrgUser;
  channelId: string;
  channelName?: string;
  triggerId?: string;
  responseUrl?: string;
}

/** A slash command to an org-wide install (commands/slash_command_body.org_level_app.txt: is_enterprise_install=true). */
export function orgSlashCommand(f: OrgCommandFields): EncodedBody {
  const form = sampleForm('commands/slash_command_body.org_level_app.txt');
  form.set('team_id', f.user.teamId);
  form.set('channel_id', f.channelId);
  if (f.channelName !== undefined) form.set('channel_name', f.channelName);
  form.set('user_id', f.user.id);
  form.set('user_name', f.user.name ?? f.user.id.toLowerCase());
  form.set('command', f.command);
  form.set('text', f.text ?? '');
  form.set('api_app_id', APP_ID);
  form.set('enterprise_id', f.user.enterpriseId);
  if (f.user.enterpriseName !== undefined) form.set('enterprise_name', f.user.enterpriseName);
  form.set('response_url', f.responseUrl ?? loopbackHook('commands', f.user.teamId));
  form.set('trigger_id', f.triggerId ?? newTriggerId());
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

// ---------------------------------------------------------------- view submissions

/**
 * The submission of a modal the app opened with an org-wide token (interactive/
 * view_submission_org_app.json: team null, enterprise, is_enterprise_install true; view.team_id
 * the person's workspace, view.app_installed_team_id the organization).
 */
export function orgViewSubmission(opened: OpenedView, values: StateValues, user: OrgUser): EncodedBody {
  const sample = sampleJson('interactive/view_submission_org_app.json');
  sample.user = userObject(sample.user, user);
  sample.api_app_id = APP_ID;
  sample.trigger_id = newTriggerId();
  sample.view = {
    ...sample.view,
    ...opened.view,
    id: opened.id,
    hash: opened.hash,
    team_id: user.teamId,
    app_id: APP_ID,
    app_installed_team_id: user.enterpriseId,
    state: { values },
  };
  sample.enterprise = { id: user.enterpriseId, name: user.enterpriseName ?? sample.enterprise.name };
  return interactive(sample);
}

export interface OtherSideFields {
  /** The installation the modal belongs to (view.app_installed_team_id): the app's workspace. */
  installedTeamId: string;
  /** The other organization's person; default the sample's (W111 of T-other-side, E-other-side). */
  user?: OrgUser;
}

/**
 * A modal submitted by a person of the OTHER organization of a Slack Connect channel
 * (interactive/view_submission_slack_connect_other_side.json): team, user and view.team_id are the
 * other side's, view.app_installed_team_id the installation's; no is_enterprise_install. The
 * view carries the app's form (callback_id, blocks, private_metadata) and the person's input.
 */
export function otherSideViewSubmission(opened: OpenedView, values: StateValues, f: OtherSideFields): EncodedBody {
  const sample = sampleJson('interactive/view_submission_slack_connect_other_side.json');
  if (f.user) {
    const u = f.user;
    sample.team = { ...sample.team, id: u.teamId, enterprise_id: u.enterpriseId, ...(u.enterpriseName !== undefined ? { enterprise_name: u.enterpriseName } : {}) };
    sample.user = userObject(sample.user, u);
    sample.view.team_id = u.teamId;
    sample.enterprise = { id: u.enterpriseId, name: u.enterpriseName ?? sample.enterprise.name };
  }
  sample.api_app_id = APP_ID;
  sample.trigger_id = newTriggerId();
  const v = opened.view;
  sample.view = {
    ...sample.view,
    id: opened.id,
    hash: opened.hash,
    callback_id: v.callback_id,
    blocks: v.blocks,
    private_metadata: v.private_metadata ?? '',
    state: { values },
    app_id: APP_ID,
    bot_id: v.bot_id ?? sample.view.bot_id,
    app_installed_team_id: f.installedTeamId,
  };
  return interactive(sample);
}

// ---------------------------------------------------------------- block actions

export interface OrgBlockActionFields {
  actionId: string;
  blockId?: string;
  value?: string;
  user: OrgUser;
  /** From a view (a modal or the Home tab); else from a message in `channelId`. */
  view?: OpenedView & { type?: 'modal' | 'home' };
  channelId?: string;
  selectedOption?: { value: string; text?: string };
  elementType?: string;
}

/**
 * A block action in an org-wide install (interactive/block_actions_message_org_install.json:
 * team null, enterprise, is_enterprise_install true). From a view it has what Slack's Home-tab
 * recording has instead of the message's channel, response_url and state: container {type
 * 'view'} and the view.
 */
export function orgBlockAction(f: OrgBlockActionFields): EncodedBody {
  const sample = sampleJson('interactive/block_actions_message_org_install.json');
  const type = f.elementType ?? (f.selectedOption ? 'static_select' : 'button');
  const { text, value: _value, ...template } = sample.actions[0] as Json;
  const action: Json = { ...template, action_id: f.actionId, block_id: f.blockId ?? 'block', type, action_ts: nowSeconds() };
  if (type === 'button') action.text = text;
  if (f.value !== undefined) action.value = f.value;
  if (f.selectedOption) action.selected_option = { text: { type: 'plain_text', text: f.selectedOption.text ?? f.selectedOption.value }, value: f.selectedOption.value };
  sample.actions = [action];
  sample.user = userObject(sample.user, f.user);
  sample.api_app_id = APP_ID;
  sample.trigger_id = newTriggerId();
  sample.enterprise = { id: f.user.enterpriseId, name: f.user.enterpriseName ?? sample.enterprise.name };
  if (f.view) {
    sample.container = { type: 'view', view_id: f.view.id };
    sample.view = { ...f.view.view, id: f.view.id, hash: f.view.hash, type: f.view.type ?? 'modal', state: { values: {} } };
    delete sample.channel;
    delete sample.response_url;
    delete sample.state;
  } else {
    const channel = f.channelId ?? sample.channel.id;
    sample.container = { ...sample.container, channel_id: channel, message_ts: nowSeconds() };
    sample.channel = { ...sample.channel, id: channel };
    sample.response_url = loopbackHook('actions', f.user.enterpriseId);
  }
  return interactive(sample);
}

// ---------------------------------------------------------------- events

export interface OrgHomeOpenedFields {
  user: OrgUser;
  /** The org-wide install's bot user (authorizations[0].user_id). */
  botUserId: string;
  /** The app's DM with the person; default the sample's. */
  channel?: string;
  /** Default 'home' (the sample's is 'messages'): the Home tab is what the app draws. */
  tab?: 'home' | 'messages';
  view?: Record<string, unknown>;
  eventId?: string;
}

/** app_home_opened for an org-wide install (events/app_home_opened.org_app_envelope.json: authorizations[0].team_id null). */
export function orgAppHomeOpened(f: OrgHomeOpenedFields): EncodedBody & { eventId: string } {
  const eventId = f.eventId ?? newEventId();
  const sample = sampleJson('events/app_home_opened.org_app_envelope.json');
  sample.team_id = f.user.teamId;
  sample.enterprise_id = f.user.enterpriseId;
  sample.api_app_id = APP_ID;
  sample.event = { ...sample.event, user: f.user.id, channel: f.channel ?? sample.event.channel, tab: f.tab ?? 'home', event_ts: nowSeconds() };
  if (f.view) sample.event.view = f.view;
  sample.event_id = eventId;
  sample.event_time = Math.floor(Date.now() / 1000);
  sample.authorizations = [{ ...sample.authorizations[0], enterprise_id: f.user.enterpriseId, user_id: f.botUserId }];
  return { body: JSON.stringify(sample), contentType: 'application/json', eventId };
}

/** Which installation an event is for: FakeInstallation (fake.installation(id), read before uninstalling) fits. */
export interface InstallationRef {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  botUserId: string;
}

/**
 * An event_callback envelope for `inst`. A workspace install: the reference's (team_id,
 * api_app_id, authorizations, event_id, event_time). An org-wide one: the org-wide recording's
 * (enterprise_id beside team_id, authorizations[0].team_id null); its team_id is `teamId`, or
 * the organization when the event concerns no workspace (not documented; read so).
 */
export function eventEnvelope(inst: InstallationRef, event: Json, eventId: string, teamId?: string): EncodedBody & { eventId: string } {
  const eventTime = Math.floor(Date.now() / 1000);
  let body: Json;
  if (inst.isEnterpriseInstall) {
    body = sampleJson('events/app_home_opened.org_app_envelope.json');
    Object.assign(body, { team_id: teamId ?? inst.enterpriseId, enterprise_id: inst.enterpriseId, api_app_id: APP_ID, event, event_id: eventId, event_time: eventTime });
    body.authorizations = [{ ...body.authorizations[0], enterprise_id: inst.enterpriseId, user_id: inst.botUserId }];
  } else {
    body = {
      token: 'legacy-verification-token',
      team_id: inst.teamId,
      api_app_id: APP_ID,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: eventTime,
      authorizations: [{ enterprise_id: inst.enterpriseId ?? null, team_id: inst.teamId, user_id: inst.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
  }
  return { body: JSON.stringify(body), contentType: 'application/json', eventId };
}

/** app_uninstalled (REF 4.7): the app was removed completely; may arrive before or after tokens_revoked. */
export function appUninstalled(inst: InstallationRef, eventId = newEventId()): EncodedBody & { eventId: string } {
  return eventEnvelope(inst, { type: 'app_uninstalled' }, eventId);
}

/**
 * tokens_revoked (REF 4.7): user IDs, not tokens; `oauth` for user tokens, `bot` for bot tokens,
 * either key absent when not given. Default: the installation's bot user's bot token.
 */
export function tokensRevoked(inst: InstallationRef, tokens: { oauth?: string[]; bot?: string[] } = { bot: [inst.botUserId] }, eventId = newEventId()): EncodedBody & { eventId: string } {
  const t: Json = {};
  if (tokens.oauth) t.oauth = tokens.oauth;
  if (tokens.bot) t.bot = tokens.bot;
  return eventEnvelope(inst, { type: 'tokens_revoked', tokens: t }, eventId);
}

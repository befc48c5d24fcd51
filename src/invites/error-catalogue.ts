// Plain-language explanations for every error Slack (or the app itself) can report
// while sending an invitation. The contract is docs/slack-api/: every code listed
// there must have an entry here, and test/invites/error-catalogue.test.ts parses
// those files to hold us to it.
//
// Pure data plus a few helpers: nothing here talks to Slack, so the texts can be
// shown in any surface (ephemeral message, App Home, logs) and tested in isolation.

export type Actor = 'requester' | 'workspace_admin' | 'app_operator';
export type SlackMethod = 'conversations.inviteShared' | 'conversations.invite' | 'groups.invite';

export interface ExplanationContext {
  method?: SlackMethod;
  retryAfterSeconds?: number;
  neededScope?: string;
  appName?: string;
  now?: Date;
}

export interface ErrorExplanation {
  code: string;
  documented: boolean;
  title: string;
  whatHappened: string;
  whatToDo: string;
  whoActs: Actor;
  retryable: boolean;
}

export const LIMITS = { title: 60, whatHappened: 300, whatToDo: 300 } as const;

// Warnings ride along on successful responses; they are worth logging but mean
// nothing to the person who asked for the invite.
export const WARNING_CODES: readonly string[] = Object.freeze(['missing_charset', 'superfluous_charset']);

export function isWarningCode(code: string): boolean {
  return WARNING_CODES.includes(code);
}

const DEFAULT_APP_NAME = 'Connect Invites';

// Texts are templates so one entry serves every installation:
//   {app}   the app's display name, e.g. in `/invite @{app}`
//   {when}  when to try again (from Retry-After when known, else the entry's `wait`)
//   {scope} the missing OAuth scope(s) Slack named, or a general phrase
interface Entry {
  title: string;
  whatHappened: string;
  whatToDo: string;
  whoActs: Actor;
  retryable: boolean;
  wait?: string;
}

const TELL_OPERATOR = 'Please tell whoever runs {app}. The details have been logged for them.';

const requester = (title: string, whatHappened: string, whatToDo: string): Entry =>
  ({ title, whatHappened, whatToDo, whoActs: 'requester', retryable: false });
const tryLater = (title: string, whatHappened: string, whatToDo: string, wait = 'in a few minutes'): Entry =>
  ({ title, whatHappened, whatToDo, whoActs: 'requester', retryable: true, wait });
const admin = (title: string, whatHappened: string, whatToDo: string): Entry =>
  ({ title, whatHappened, whatToDo, whoActs: 'workspace_admin', retryable: false });
const operator = (title: string, whatHappened: string, whatToDo: string = TELL_OPERATOR): Entry =>
  ({ title, whatHappened, whatToDo, whoActs: 'app_operator', retryable: false });

// The app built these requests, so a format complaint from Slack is always our bug.
const MALFORMED = operator(
  'The app sent Slack a request it could not read',
  "{app} sent Slack a badly formed request, so Slack did nothing with it. This is a problem in the app, not something you did.",
  'Please tell whoever runs {app}. The request has been logged for them, and trying again will not help until the app is fixed.',
);
const SIGN_IN_FAILED = operator(
  'The app could not sign in to Slack',
  'Slack did not accept the access token {app} signs in with (it is missing or no longer valid), so nothing was sent.',
  "Please tell whoever runs {app}: they need to check the app's Slack token or reinstall the app to this workspace.",
);
const ACCESS_REMOVED = operator(
  "The app's access to Slack was removed",
  'Slack says the access of {app} was revoked: the app may have been uninstalled, or the account it was installed with was deactivated. Nothing was sent.',
  'Please tell whoever runs {app}: the app needs to be reinstalled to this workspace.',
);
const ARCHIVED = requester(
  'The channel is archived',
  'The channel has been archived, and people cannot be invited to an archived channel.',
  'Unarchive the channel first (or ask a channel manager to), or pick another channel.',
);
const RETIRED = operator(
  'Slack retired the way the app did this',
  '{app} asked Slack to do this in a way Slack has since retired, so nothing was sent.',
  'Please tell whoever runs {app}: the app needs an update to use the current Slack method.',
);
const MIGRATING_TO_ORG = tryLater(
  'Your workspace is moving to an Enterprise organization',
  'Your Slack workspace is being moved into an Enterprise organization, and Slack pauses actions like this one until the move is finished. Nothing was sent.',
  'Please try again {when}. If it still fails after the move is finished, ask a workspace admin.',
  'in an hour or so',
);
const GUEST_CALLER = admin(
  'Guest accounts cannot send invitations',
  'The Slack account sending this invitation is a guest account, and Slack does not let guests invite people to channels.',
  'Ask a workspace admin, or a full member of the channel, to send the invitation instead.',
);
const RATE_LIMITED_WHAT_TO_DO = 'Nothing is wrong with the invitation itself. Please try again {when}.';
const SWITCH_TO_CONVERSATIONS_INVITE =
  'Please tell whoever runs {app}: they should switch the app to conversations.invite mode, the current way to add people to private channels.';
const GROUPS_RETIRED: Partial<Entry> = {
  whatHappened: "{app} is set to use Slack's old way of adding people to private channels, which Slack retired in 2021. Nothing was sent.",
  whatToDo: SWITCH_TO_CONVERSATIONS_INVITE,
};
const PRIVATE_CHANNEL_NOT_FOUND: Partial<Entry> = {
  whatHappened: 'Slack could not find the private channel. For private channels this almost always means {app} has not been added to it yet.',
};

const CATALOGUE: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  // --- The channel ---
  ['channel_not_found', requester(
    'Channel not found',
    'Slack could not find the channel, or {app} cannot see it. For a private channel this usually means the app has not been added to it.',
    'Open the channel and add the app with `/invite @{app}`, then try again. If the channel was deleted, pick another one.',
  )],
  ['not_in_channel', requester(
    "The app isn't in this channel yet",
    '{app} has to be a member of the channel before it can invite people to it, and it has not been added yet.',
    'Add it by typing `/invite @{app}` in the channel, then try again.',
  )],
  ['no_permission', requester(
    "The app can't do this in this channel",
    'Slack says {app} does not have permission to do this in the channel. Usually that means the app has not been added to the channel.',
    'Add the app with `/invite @{app}` in the channel and try again. If it is already there, please tell whoever runs {app}.',
  )],
  ['channel_archived', ARCHIVED],
  ['is_archived', ARCHIVED],
  ['cannot_share_cross_workspace_channel', requester(
    "This channel can't be shared outside",
    'This channel is shared across several workspaces in your organization, and Slack does not allow such channels to be shared with other organizations.',
    'Create a channel that belongs to just one workspace and share that one instead.',
  )],
  ['cannot_share_mandatory_channel', requester(
    "Required channels can't be shared",
    'Slack does not allow #general, or any channel everyone in the workspace must be in, to be shared with other organizations.',
    'Create a separate channel for working with this partner and share that one instead.',
  )],
  ['invalid_channel_type', requester(
    "Direct messages can't be shared",
    'Slack Connect invitations only work for channels, not for direct messages or group direct messages.',
    'Create a channel for this conversation and share that one instead.',
  )],
  ['method_not_supported_for_channel_type', requester(
    "People can't be added to this conversation",
    'Slack does not let people be added this way to this kind of conversation (for example a direct message).',
    'Pick a channel instead, or create a channel for the conversation and invite people to it.',
  )],
  ['not_supported', requester(
    "This channel can't be shared",
    'Slack does not allow this channel to be shared with other organizations.',
    'Pick or create another channel to share. A workspace admin can tell you why this one is excluded.',
  )],
  ['not_owner', requester(
    'Only the host organization can invite to this channel',
    'This channel was created by another organization, and only the organization that hosts a channel can invite new organizations to it.',
    'Ask your contact at the organization that hosts the channel to send the invitation.',
  )],
  ['connection_limit_exceeded', requester(
    'This channel is connected to too many organizations',
    'The channel is already connected to the most outside organizations Slack allows.',
    'Create a new channel for this partner and share that one, or ask a workspace admin whether an organization can be removed from this channel.',
  )],
  ['connection_limit_exceeded_pending', requester(
    'An invitation to this channel is already pending',
    'This channel already has an invitation waiting for an answer, and Slack allows only one at a time.',
    'Wait until the pending invitation is accepted or expires (after 14 days), or cancel it, then send this one.',
  )],
  ['legacy_connection_limit_exceeded', requester(
    'This older shared channel is already full',
    'This channel was shared with Slack\'s older shared-channel feature, which can only connect two organizations.',
    'Create a new channel for this partner and share that one instead.',
  )],
  ['member_limit_exceeded', requester(
    'The channel is full',
    'The channel already has the most members Slack allows.',
    'Remove people who no longer need to be in it, or use another channel.',
  )],
  ['external_channel_migrating', tryLater(
    'This shared channel is being updated',
    'Slack is in the middle of updating this shared channel, so nobody can be added right now. Nothing was sent.',
    'Please try again {when}.',
    'in about an hour',
  )],

  // --- The person being invited ---
  ['already_in_channel', requester(
    'Already in the channel',
    'The person is already a member of this channel.',
    'Nothing to do: they can already see the channel.',
  )],
  ['user_not_found', requester(
    'Person not found',
    'Slack could not find the person picked for this invitation. Their account may have been deactivated.',
    'Check that the right person was picked and that their account is still active, then try again.',
  )],
  ['cant_invite', admin(
    "This person can't be invited",
    'Slack does not allow this person to be added to this channel, for example because of their account type or a workspace rule.',
    'Ask a workspace admin whether they can be added, or invite someone else.',
  )],
  ['cant_invite_self', requester(
    "This account can't invite itself",
    "The person picked is the account that sends the invitation (the app itself, or you), and Slack doesn't let an account invite itself.",
    'Pick someone else to invite. To add {app} to a channel, type `/invite @{app}` in that channel.',
  )],
  ['invitee_cant_see_channel', admin(
    "This person can't see this channel",
    'The channel is not part of any workspace this person belongs to in your organization.',
    "Ask a workspace admin to add the channel to one of the person's workspaces, or to add the person to the channel's workspace.",
  )],
  ['org_user_not_in_team', admin(
    'Not a member of this workspace',
    'The person is in your organization but not in the workspace this channel belongs to.',
    'Ask a workspace admin to add them to this workspace, then try again.',
  )],
  ['ura_max_channels', admin(
    'This guest is already in their one channel',
    'The person is a single-channel guest, and they are already in the one channel that account type allows.',
    'Ask a workspace admin to make them a multi-channel guest or a full member, then try again.',
  )],
  // Listed by some references without a description: either the invitee is another
  // app's bot or this app itself, and in both cases a workspace rule keeps it out.
  ['app_cannot_join_channel', admin(
    "An app can't join this channel",
    'Slack does not allow the app involved in this invitation to join this channel, usually because of a workspace rule about apps in private or shared channels.',
    'Ask a workspace admin whether apps can be added to this channel.',
  )],
  ['user_is_restricted', GUEST_CALLER],
  ['user_is_ultra_restricted', GUEST_CALLER],
  ['user_is_bot', operator(
    "Slack doesn't let apps do this",
    'Slack does not allow an app (bot account) to do this, so nothing was sent.',
    'Please tell whoever runs {app}: the app needs to be set up differently for this kind of invitation.',
  )],
  ['invalid_email', requester(
    "That email address didn't work",
    'Slack says the email address is not valid.',
    'Check the address for typos and send the invitation again.',
  )],
  ['too_many_emails', requester(
    'Only one email address per invitation',
    'Slack accepts only one email address per Slack Connect invitation, and more than one was sent.',
    'Send a separate invitation for each address. If you entered only one, please tell whoever runs {app}.',
  )],
  ['too_many_users', requester(
    'Too many people at once',
    'Slack limits how many people can be added to a channel in one go, and this request went over it.',
    'Invite fewer people at a time (at most 100) and try again.',
  )],
  ['no_user', operator(
    'Nobody to invite was included',
    "{app} did not tell Slack who to invite, so nothing happened. This is a problem in the app, not something you did.",
  )],
  ['recipients_not_specified', operator(
    'Nobody to invite was included',
    "{app} did not tell Slack who should receive the invitation, so nothing was sent. This is a problem in the app, not something you did.",
  )],
  // The documented arguments have no message field; only a note typed by the
  // requester could trigger these, so they act first and the operator second.
  ['message_too_long', requester(
    'The invitation note is too long',
    'Slack allows at most 560 characters in the note sent with an invitation, and this one was longer. Nothing was sent.',
    'Shorten the note and send the invitation again. If you did not add a note, please tell whoever runs {app}.',
  )],
  ['url_in_message', requester(
    "Links aren't allowed in the invitation note",
    'Slack does not allow links in the note sent with an invitation. Nothing was sent.',
    'Remove the link from the note and send the invitation again. If you did not add a note, please tell whoever runs {app}.',
  )],

  // --- Workspace settings and plans ---
  ['restricted_action', admin(
    'A workspace setting blocks this invitation',
    'Your workspace admins have limited who can send this kind of invitation, in the setting "Manage permissions for inviting people to channels".',
    'Ask a workspace admin to allow it in "Manage permissions for inviting people to channels", or to send the invitation for you.',
  )],
  ['no_external_invite_permission', admin(
    "You don't have permission to invite outside people",
    'Your Slack account is not allowed to invite people from other organizations to channels.',
    'Ask a workspace admin to give you that permission, or ask a colleague who has it to send the invitation.',
  )],
  ['not_paid', admin(
    'This needs a paid Slack plan',
    'Slack Connect invitations are only available on paid Slack plans, and this workspace is not on one.',
    'Ask a workspace admin about upgrading the workspace to a paid plan.',
  )],
  ['not_allowed_for_grid_workspace', admin(
    "Slack Connect isn't turned on here",
    'Slack Connect is not enabled for this workspace, so it cannot invite people from other organizations.',
    'Ask a workspace admin to turn on Slack Connect for this workspace.',
  )],
  ['access_denied', admin(
    'Slack denied access',
    'Slack refused access to something this invitation needs, such as the channel or the workspace.',
    'Ask a workspace admin to check that {app} is allowed to use this channel and workspace.',
  )],
  ['ekm_access_denied', admin(
    'Access suspended by your admins',
    'Your organization\'s admins have suspended access to this content (Enterprise Key Management), so Slack cannot act on it right now.',
    'Please ask a workspace admin. This cannot be fixed from {app}.',
  )],
  ['enterprise_is_restricted', admin(
    "This can't be done at organization level",
    '{app} is installed for your whole Enterprise organization, and Slack does not allow this action from there.',
    'Ask a workspace admin to install {app} on this workspace as well, not only on the organization.',
  )],
  ['team_access_not_granted', admin(
    "The app hasn't been added to this workspace",
    '{app} has not been given access to this workspace in your organization.',
    'Ask a workspace admin to add {app} to this workspace.',
  )],

  // --- The app's installation and credentials ---
  ['missing_scope', operator(
    'The app is missing a Slack permission',
    '{app} does not have a Slack permission this action needs, so nothing was sent.',
    'Please tell whoever runs {app}: they need to reinstall it to the workspace with {scope}.',
  )],
  ['invalid_auth', SIGN_IN_FAILED],
  ['not_authed', SIGN_IN_FAILED],
  ['token_revoked', ACCESS_REMOVED],
  ['account_inactive', ACCESS_REMOVED],
  ['token_expired', operator(
    "The app's Slack sign-in has expired",
    'The access token {app} signs in with has expired, so nothing was sent.',
    "Please tell whoever runs {app}: they need to refresh the app's token or reinstall it.",
  )],
  ['not_allowed_token_type', operator(
    'The app used the wrong kind of Slack token',
    'Slack does not accept the kind of token {app} used for this action, so nothing was sent.',
    "Please tell whoever runs {app}: the app's token settings need fixing.",
  )],
  ['two_factor_setup_required', operator(
    'Two-factor sign-in must be set up',
    'This workspace requires two-factor authentication, and the Slack account {app} acts through has not set it up.',
    'Please tell whoever runs {app}: the account that installed the app needs to turn on two-factor authentication.',
  )],
  ['accesslimited', operator(
    "Slack doesn't accept requests from the app's network",
    'Slack only allows this from certain networks, and {app} is running on one that is not allowed. Nothing was sent.',
    "Please tell whoever runs {app}: they may need a workspace admin to allow the app's network (IP address).",
  )],
  ['method_deprecated', RETIRED],
  ['deprecated_endpoint', RETIRED],

  // --- Requests the app built badly ---
  ['invalid_arg_name', MALFORMED],
  ['invalid_array_arg', MALFORMED],
  ['invalid_arguments', MALFORMED],
  ['invalid_charset', MALFORMED],
  ['invalid_form_data', MALFORMED],
  ['invalid_post_type', MALFORMED],
  ['missing_post_type', MALFORMED],
  ['invalid_json', MALFORMED],
  ['json_not_object', MALFORMED],

  // --- Slack having a bad moment ---
  // Despite its name Slack documents this as "POST data missing or truncated": the
  // request arrived cut off, which is a network blip rather than a bug, so retry.
  ['request_timeout', tryLater(
    'Slack received an incomplete request',
    'The request from {app} reached Slack cut off, so Slack did nothing with it. This is usually a brief network problem.',
    'Please try again {when}. If it keeps happening, please tell whoever runs {app}.',
  )],
  ['internal_error', tryLater(
    'Slack had a temporary problem',
    'Slack ran into a problem on its side while handling the invitation. Part of it may still have gone through.',
    'Check whether the invitation arrived before sending it again. If it did not, try again {when}.',
  )],
  ['fatal_error', tryLater(
    'Slack hit a serious error',
    'Slack hit a serious error on its side while handling the invitation, and part of it may already have gone through.',
    'Please check whether the person was invited or the invitation is pending before trying again. If nothing happened, try again {when}.',
  )],
  ['service_unavailable', tryLater(
    'Slack is temporarily unavailable',
    'Slack is temporarily unavailable and did not handle the invitation.',
    'Please try again {when}. If it keeps happening, status.slack.com shows whether Slack is having an outage.',
  )],
  ['invite_lookup_error', tryLater(
    "Slack couldn't check existing invitations",
    'Slack ran into a problem while checking this channel\'s existing invitations, so it did not send a new one.',
    'Please try again {when}.',
  )],
  // Documented only as "An error occurred while inviting users", so treat it as a
  // Slack-side failure of unknown extent.
  ['invite_not_found', tryLater(
    "Slack couldn't create the invitation",
    'Slack ran into an error while creating the invitation, so it may not have been sent.',
    'Check whether the invitation shows as pending. If not, try again {when}. If it keeps failing, please tell whoever runs {app}.',
  )],
  ['team_added_to_org', MIGRATING_TO_ORG],
  ['org_login_required', MIGRATING_TO_ORG],
  ['ratelimited', tryLater(
    'Too many invitations in a short time',
    'Slack limits how many invitations an app can send in a short time, and that limit was reached. This invitation was not sent.',
    RATE_LIMITED_WHAT_TO_DO,
    'in a minute',
  )],
  ['ratelimit', tryLater(
    'Too many email invitations in a short time',
    'Slack limits how many email invitations each person can send in a short time, and that limit was reached. This invitation was not sent.',
    RATE_LIMITED_WHAT_TO_DO,
    'in a minute',
  )],

  // --- Failures the app reports about itself (never sent by Slack) ---
  // A timeout leaves the outcome unknown; retrying blindly could double-invite,
  // so the app reconciles it and the person is told not to resend.
  ['slack_timeout', requester(
    "Slack didn't answer in time",
    "Slack did not reply in time, so we don't know yet whether the invitation was sent. {app} has recorded the request.",
    "No need to send it again: {app} will check with Slack and let you know. If you don't hear back, look for it among the channel's pending invitations first.",
  )],
  ['slack_unreachable', tryLater(
    "Couldn't reach Slack",
    '{app} could not connect to Slack because of a network problem, so the invitation was most likely not sent.',
    'Please try again {when}. If it keeps happening, please tell whoever runs {app}.',
  )],
  ['slack_http_error', tryLater(
    'Slack reported a server error',
    'Slack had a problem on its side and did not confirm the invitation.',
    'Check whether the invitation arrived. If it did not, try again {when}.',
  )],
  ['database_unavailable', tryLater(
    "Couldn't save your request",
    '{app} could not record your request, so nothing was sent to Slack.',
    'Please try again {when}. If it keeps happening, please tell whoever runs {app}.',
  )],
  // Who may send invitations through the app (src/invites/who-may-invite/): the app calls Slack
  // with its own token, so these stand in for Slack's own rules about who may invite.
  ['requester_is_guest', requester(
    'Guests cannot send invitations with the app',
    'Your account is a guest account in this workspace. {app} sends invitations with its own permissions, so it sends them only for full members. Nothing was sent.',
    'Ask a full member of the channel to send the invitation for you.',
  )],
  ['requester_is_bot', requester(
    'Apps cannot send invitations with the app',
    'This request came from an app or bot account. {app} sends invitations only when a person of the workspace asks, so nothing was sent.',
    "Have a person of the workspace send the invitation, with the command or from the app's Home tab.",
  )],
  ['requester_deactivated', admin(
    'This account is deactivated',
    'Slack says the account asking for this invitation is deactivated, so {app} sent nothing.',
    'If the account should still be active, ask a workspace admin to reactivate it.',
  )],
  ['requester_other_workspace', requester(
    'The app only works for its own workspace',
    'This request came from someone of another workspace or organization, for example through a Slack Connect channel. {app} sends invitations only for people of the workspace it is installed in, so nothing was sent or recorded.',
    "Ask someone of the channel's own workspace to send the invitation, or use an app installed in your own workspace.",
  )],
  ['requester_not_in_invite_group', admin(
    'Only a chosen group can send these invitations',
    'Your workspace admins allow only the members of one user group to send Slack Connect invitations with {app}, and you are not in it. Nothing was sent.',
    'Ask a member of that group to send the invitation for you, or ask a workspace admin to add you to the group.',
  )],
  ['invite_group_unavailable', admin(
    'The group allowed to invite is gone',
    'Your workspace admins allow only the members of one user group to send Slack Connect invitations with {app}, and Slack no longer has that group (it was deleted or disabled). Nothing was sent.',
    "Ask a workspace admin to choose another group, or to let every member send them again, on the app's Home tab.",
  )],
  ['requester_check_failed', tryLater(
    "Couldn't check who is asking",
    '{app} could not confirm with Slack that your account may send invitations, so nothing was sent.',
    'Please try again {when}. If it keeps happening, please tell whoever runs {app}.',
    'in a minute',
  )],
  ['not_workspace_admin', requester(
    'Only workspace admins can change this',
    'Only workspace admins and owners can change who may send Slack Connect invitations with {app}, and Slack does not list you as one. Nothing changed.',
    'Ask a workspace admin or owner to make the change.',
  )],
  ['usergroup_not_found', requester(
    'That user group is not available',
    'Slack no longer lists the chosen user group (it may have been deleted or disabled), so the setting did not change.',
    'Choose another group from the menu.',
  )],
  ['unknown_method', operator(
    'The app tried an action it does not support',
    '{app} tried to use a Slack method it does not support, so nothing was sent. This is a setup problem in the app, not something you did.',
  )],
]);

// Same code, different meaning depending on which method answered.
const OVERRIDES: Readonly<Record<SlackMethod, Readonly<Record<string, Partial<Entry>>>>> = {
  'conversations.inviteShared': {
    restricted_action: {
      whatToDo: 'Try a limited invitation instead (the person can only send messages), or ask a workspace admin to allow this kind of invitation in "Manage permissions for inviting people to channels".',
    },
  },
  'conversations.invite': {
    not_in_channel: {
      whatHappened: '{app} has to be a member of this private channel before it can add people to it, and it has not been added yet.',
    },
    channel_not_found: PRIVATE_CHANNEL_NOT_FOUND,
  },
  'groups.invite': {
    channel_not_found: PRIVATE_CHANNEL_NOT_FOUND,
    cant_invite_self: {
      whatHappened: "The account {app} sends invitations from was picked as the person to invite, and Slack doesn't let an account invite itself.",
    },
    user_is_bot: {
      whatHappened: "{app} is set to use Slack's old way of adding people to private channels, which Slack does not allow apps (bot accounts) to use.",
      whatToDo: SWITCH_TO_CONVERSATIONS_INVITE,
    },
    method_deprecated: GROUPS_RETIRED,
    deprecated_endpoint: GROUPS_RETIRED,
  },
};

const WARNING_ENTRY: Entry = {
  title: 'Slack added a technical note',
  whatHappened: 'Slack handled the request and added a technical note about its format. It does not affect the invitation.',
  whatToDo: 'Nothing to do.',
  whoActs: 'app_operator',
  retryable: false,
};

const FALLBACK: Entry = operator(
  "Slack couldn't complete the invitation",
  'Slack turned down the request with a reason {app} does not recognise{code}.',
  'Please tell whoever runs {app}, and mention the reason shown here. Trying again is unlikely to help.',
);

/** Every error code the catalogue explains (warnings excluded: see WARNING_CODES). */
export function documentedCodes(): readonly string[] {
  return [...CATALOGUE.keys()].sort();
}

/**
 * Explains an error code in words a Slack user understands. Never throws: unknown
 * codes get a fallback with `documented: false`. Warning codes get a harmless
 * "nothing to do" text, though callers should log rather than show them.
 */
export function explainError(code: string, context: ExplanationContext = {}): ErrorExplanation {
  const base = CATALOGUE.get(code);
  const entry: Entry = base
    ? { ...base, ...overrideFor(context.method, code) }
    : isWarningCode(code) ? WARNING_ENTRY : FALLBACK;

  const shownCode = safeCode(code);
  const values: Record<string, string> = {
    app: safeAppName(context.appName),
    when: retryWhen(context, entry.wait ?? 'in a few minutes'),
    scope: scopePhrase(context.neededScope),
    code: shownCode ? `: "${shownCode}"` : '',
  };
  // One pass with a callback, so substituted values are never themselves expanded.
  const render = (template: string, limit: number) =>
    fit(template.replace(/\{(app|when|scope|code)\}/g, (_, key: string) => values[key] ?? ''), limit);

  return {
    code,
    documented: base !== undefined || isWarningCode(code),
    title: render(entry.title, LIMITS.title),
    whatHappened: render(entry.whatHappened, LIMITS.whatHappened),
    whatToDo: render(entry.whatToDo, LIMITS.whatToDo),
    whoActs: entry.whoActs,
    retryable: entry.retryable,
  };
}

function overrideFor(method: SlackMethod | undefined, code: string): Partial<Entry> | undefined {
  // Object.hasOwn: method and code may come from untyped callers ("__proto__", ...).
  if (method === undefined || !Object.hasOwn(OVERRIDES, method)) return undefined;
  const forMethod = OVERRIDES[method];
  return Object.hasOwn(forMethod, code) ? forMethod[code] : undefined;
}

// Codes come from the network: show only what a Slack error code could contain,
// so nothing in it can be read as mrkdwn, a mention or a link.
function safeCode(code: string): string {
  return String(code).replace(/[^a-z0-9_.-]/g, '').slice(0, 80);
}

function safeAppName(name: string | undefined): string {
  const cleaned = (name ?? '').replace(/[^\p{L}\p{N} .'()-]/gu, '').replace(/\s+/g, ' ').trim().slice(0, 40).trim();
  return cleaned || DEFAULT_APP_NAME;
}

function scopePhrase(needed: string | undefined): string {
  const scopes = (needed ?? '').split(',').map((s) => s.replace(/[^a-z0-9_.:-]/gi, '').slice(0, 60)).filter(Boolean).slice(0, 3);
  if (scopes.length === 0) return 'all the permissions (scopes) it asks for';
  const quoted = scopes.map((s) => `"${s}"`).join(', ');
  return scopes.length === 1 ? `the ${quoted} permission (scope)` : `the ${quoted} permissions (scopes)`;
}

function retryWhen(context: ExplanationContext, fallback: string): string {
  const seconds = context.retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return fallback;

  let phrase: string;
  if (seconds < 60) phrase = plural(Math.ceil(seconds), 'second');
  else if (seconds < 2 * 3600) phrase = plural(Math.ceil(seconds / 60), 'minute');
  else phrase = plural(Math.ceil(seconds / 3600), 'hour');

  // A bare HH:MM is only unambiguous within the next day.
  const now = context.now instanceof Date ? context.now.getTime() : Date.now();
  if (seconds >= 24 * 3600 || !Number.isFinite(now)) return `in about ${phrase}`;
  // Round up to the next whole minute so the clock time is never too early.
  const at = new Date(Math.ceil((now + seconds * 1000) / 60_000) * 60_000);
  if (Number.isNaN(at.getTime())) return `in about ${phrase}`;
  const hhmm = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return `in about ${phrase} (from ${hhmm} UTC)`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

// Safety net only: entries are written to fit even with the longest app name.
function fit(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

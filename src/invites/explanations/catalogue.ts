// The data behind every explanation: for each error code Slack (or the app itself) can report,
// what happened, and what to do by whom. explain.ts turns an entry into the words people read.
// The contract is docs/slack-api/ and, for the Slack Connect admin methods, §1 and §0.1 of the
// shared reference connect-admin-and-oauth.md: every code listed there must have an entry here,
// and test/invites/error-catalogue.test.ts holds us to it.
//
// One voice: every text is written to the person reading it (the one who asked), refers to the
// app by name ({app}, never "we") and to the invitee as "the person". Who puts it right is data
// (`fix.by`), and what they do is written so explain.ts can address the reader with it:
//   by 'requester'        `todo`: sentences to the reader ("Pick another channel.")
//   by 'workspace_admin'  `ask`: what the admin does, completing "Ask a workspace admin or owner to …"
//   by 'app_operator'     `ask`: what the operator does, completing "Ask whoever runs {app} to …"
// with `then`, an optional sentence to the reader after the ask ("Then try again.").
//
// Texts are templates so one entry serves every installation and surface:
//   {app}    the app's display name, e.g. in `/invite @{app}`
//   {when}   when to try again (from Retry-After when known, else the entry's `wait`)
//   {scope}  the missing OAuth scope(s) Slack named, or a general phrase
//   {again}  how to try again where the person is: "run `/share-channel` again", …
//   {code}   an unknown code, quoted (the fallback only)
//
// Pure data: nothing here talks to Slack.

export type Actor = 'requester' | 'workspace_admin' | 'app_operator';
export type InviteMethod = 'conversations.inviteShared' | 'conversations.invite' | 'groups.invite';
/** The methods that show things to people: forms (modals) and the Home tab. */
export type ViewMethod = 'views.open' | 'views.push' | 'views.update' | 'views.publish';
/** The admin side of Slack Connect (src/invites/approvals/): deciding on invitations and invite requests. */
export type ConnectAdminMethod =
  | 'conversations.approveSharedInvite'
  | 'conversations.declineSharedInvite'
  | 'conversations.acceptSharedInvite'
  | 'conversations.listConnectInvites'
  | 'conversations.requestSharedInvite.approve'
  | 'conversations.requestSharedInvite.deny'
  | 'conversations.requestSharedInvite.list';
/** Creating a channel for the invitations (src/invites/channel-creation/). */
export type ChannelMethod = 'conversations.create';
/** Reading a file someone uploaded in a form (a CSV of invitees): src/slack/gateways/files.ts. */
export type FileMethod = 'files.info';
/** After acceptance, a partner's access between limited and full (src/invites/access/). */
export type ExternalAccessMethod = 'conversations.externalInvitePermissions.set';
export type SlackMethod = InviteMethod | ViewMethod | ConnectAdminMethod | ChannelMethod | FileMethod | ExternalAccessMethod;

export const VIEW_METHODS: readonly ViewMethod[] = Object.freeze(['views.open', 'views.push', 'views.update', 'views.publish']);
export const CONNECT_ADMIN_METHODS: readonly ConnectAdminMethod[] = Object.freeze([
  'conversations.approveSharedInvite',
  'conversations.declineSharedInvite',
  'conversations.acceptSharedInvite',
  'conversations.listConnectInvites',
  'conversations.requestSharedInvite.approve',
  'conversations.requestSharedInvite.deny',
  'conversations.requestSharedInvite.list',
]);

export const FILE_METHODS: readonly FileMethod[] = Object.freeze(['files.info']);
export const EXTERNAL_ACCESS_METHODS: readonly ExternalAccessMethod[] = Object.freeze(['conversations.externalInvitePermissions.set']);

export type Fix =
  | { by: 'requester'; todo: string }
  | { by: 'workspace_admin' | 'app_operator'; ask: string; then?: string };

export interface Entry {
  title: string;
  whatHappened: string;
  fix: Fix;
  retryable: boolean;
  wait?: string;
}

/** A method's own reading of a code: only what differs (a new `fix` replaces the whole fix). */
export type Override = Partial<Entry>;

// Warnings ride along on successful responses; they are worth logging but mean
// nothing to the person who asked for the invite.
export const WARNING_CODES: readonly string[] = Object.freeze(['missing_charset', 'superfluous_charset']);

const you = (title: string, whatHappened: string, todo: string): Entry =>
  ({ title, whatHappened, fix: { by: 'requester', todo }, retryable: false });
const tryLater = (title: string, whatHappened: string, todo: string, wait = 'in a few minutes'): Entry =>
  ({ title, whatHappened, fix: { by: 'requester', todo }, retryable: true, wait });
const admin = (title: string, whatHappened: string, ask: string, then?: string): Entry =>
  ({ title, whatHappened, fix: { by: 'workspace_admin', ask, ...(then ? { then } : {}) }, retryable: false });
const operator = (title: string, whatHappened: string, ask: string = LOOK_INTO_IT, then?: string): Entry =>
  ({ title, whatHappened, fix: { by: 'app_operator', ask, ...(then ? { then } : {}) }, retryable: false });

/** The operator's task when the app itself is at fault. */
const LOOK_INTO_IT = 'look into it (the details have been logged)';
const IF_IT_KEEPS_HAPPENING = 'If it keeps happening, ask whoever runs {app} to look into it.';

// The app built these requests, so a format complaint from Slack is always our bug.
const MALFORMED = operator(
  'The app sent Slack a request it could not read',
  '{app} sent Slack a badly formed request, so Slack did nothing with it. This is a problem in the app, not something you did.',
  LOOK_INTO_IT,
  'Trying again will not help until the app is fixed.',
);
const SIGN_IN_FAILED = operator(
  'The app could not sign in to Slack',
  'Slack did not accept the access token {app} signs in with (it is missing or no longer valid), so nothing was sent.',
  "check the app's Slack token or reinstall the app to this workspace",
);
const ACCESS_REMOVED = operator(
  "The app's access to Slack was removed",
  'Slack says the access of {app} was revoked: the app may have been uninstalled, or the account it was installed with was deactivated. Nothing was sent.',
  'reinstall the app to this workspace',
);
const ARCHIVED = you(
  'The channel is archived',
  'The channel has been archived, and people cannot be invited to an archived channel.',
  'Unarchive the channel first (or ask a channel manager to), or pick another channel.',
);
const RETIRED = operator(
  'Slack retired the way the app did this',
  '{app} asked Slack to do this in a way Slack has since retired, so nothing was sent.',
  'update the app to the current Slack method',
);
const MIGRATING_TO_ORG = tryLater(
  'Your workspace is moving to an Enterprise organization',
  'Your Slack workspace is being moved into an Enterprise organization, and Slack pauses actions like this one until the move is finished. Nothing was sent.',
  'Try again {when}. If it still fails after the move is finished, ask a workspace admin or owner.',
  'in an hour or so',
);
const GUEST_CALLER = admin(
  'Guest accounts cannot send invitations',
  'Slack treats the account sending this invitation as a guest account, and Slack does not let guests invite people to channels.',
  'send the invitation for you',
  'Or ask a full member of the channel to send it.',
);
const RATE_LIMITED_TODO = 'Nothing is wrong with the invitation itself. Try again {when}.';
const SWITCH_TO_CONVERSATIONS_INVITE: Fix = {
  by: 'app_operator',
  ask: 'switch the app to conversations.invite mode, the current way to add people to private channels',
};
const GROUPS_RETIRED: Override = {
  whatHappened: "{app} is set to use Slack's old way of adding people to private channels, which Slack retired in 2021. Nothing was sent.",
  fix: SWITCH_TO_CONVERSATIONS_INVITE,
};
const PRIVATE_CHANNEL_NOT_FOUND: Override = {
  whatHappened: 'Slack could not find the private channel. For private channels this almost always means {app} has not been added to it yet.',
};

// Slack gives an app 3 seconds from a command or click to open a form, and each trigger opens one.
const TRIGGER_EXPIRED = tryLater(
  'The form took too long to open',
  'Slack allows an app 3 seconds to open a form after you ask for it, and {app} took longer, so Slack did not open it. Nothing else happened.',
  'Nothing is wrong on your side: {again}. ' + IF_IT_KEEPS_HAPPENING,
);
const TRIGGER_USED = you(
  'This form was already opened',
  'Slack lets each command or click open one form, and this one had already been used (by a double click, for example). Nothing else happened.',
  'Look for the form that is already open. If there is none, {again}.',
);

// Slack's answers that mean the invitation (or request) was already settled in Slack: said as the
// outcome, so a card can show them instead of an error (src/invites/approvals/already-decided.ts).
const SLACK_HAS_IT = 'Nothing to do: Slack already has the decision.';
const ASK_AGAIN = 'Nothing to do. If the invitation is still wanted, the person can ask for it again.';
// The channel name an admin gives when accepting an invitation (acceptSharedInvite's channel_name).
const nameProblem = (title: string, whatHappened: string): Entry =>
  you(title, whatHappened, 'Pick another name (lower-case letters, numbers, hyphens and underscores, at most 80 characters) and try again.');

export const CATALOGUE: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  // --- The channel ---
  ['channel_not_found', you(
    'Channel not found',
    'Slack could not find the channel, or {app} cannot see it. For a private channel this usually means the app has not been added to it.',
    'Open the channel and add the app with `/invite @{app}`, then try again. If the channel was deleted, pick another one.',
  )],
  ['not_in_channel', you(
    "The app isn't in this channel yet",
    '{app} has to be a member of the channel before it can invite people to it, and it has not been added yet.',
    'Add it by typing `/invite @{app}` in the channel, then try again.',
  )],
  ['no_permission', you(
    "The app can't do this in this channel",
    'Slack says {app} does not have permission to do this in the channel. Usually that means the app has not been added to the channel.',
    'Add the app with `/invite @{app}` in the channel and try again. If it is already there, ask whoever runs {app} to check its permissions.',
  )],
  ['channel_archived', ARCHIVED],
  ['is_archived', ARCHIVED],
  ['cannot_share_cross_workspace_channel', you(
    "This channel can't be shared outside",
    'This channel is shared across several workspaces in your organization, and Slack does not allow such channels to be shared with other organizations.',
    'Create a channel that belongs to just one workspace and share that one instead.',
  )],
  ['cannot_share_mandatory_channel', you(
    "Required channels can't be shared",
    'Slack does not allow #general, or any channel everyone in the workspace must be in, to be shared with other organizations.',
    'Create a separate channel for working with this partner and share that one instead.',
  )],
  ['invalid_channel_type', you(
    "Direct messages can't be shared",
    'Slack Connect invitations only work for channels, not for direct messages or group direct messages.',
    'Create a channel for this conversation and share that one instead.',
  )],
  ['method_not_supported_for_channel_type', you(
    "People can't be added to this conversation",
    'Slack does not let people be added this way to this kind of conversation (for example a direct message).',
    'Pick a channel instead, or create a channel for the conversation and invite people to it.',
  )],
  ['not_supported', you(
    "This channel can't be shared",
    'Slack does not allow this channel to be shared with other organizations.',
    'Pick or create another channel to share. To learn why this one is excluded, ask a workspace admin or owner.',
  )],
  ['not_owner', you(
    'Only the host organization can invite to this channel',
    'This channel was created by another organization, and only the organization that hosts a channel can invite new organizations to it.',
    'Ask your contact at the organization that hosts the channel to send the invitation.',
  )],
  ['connection_limit_exceeded', you(
    'This channel is connected to too many organizations',
    'The channel is already connected to the most outside organizations Slack allows.',
    'Create a new channel for this partner and share that one, or ask a workspace admin or owner whether an organization can be removed from this channel.',
  )],
  // Slack's own words are "This channel already has a pending invite": whether that counts per
  // channel or per channel and invitee is not documented, so this text is true under both.
  ['connection_limit_exceeded_pending', you(
    'An invitation is already pending',
    'This channel already has a Slack Connect invitation waiting for an answer (to this person, or possibly to someone else), and Slack will not send this one while it is pending.',
    'If this person is already invited, there is nothing more to do. Otherwise wait until the pending invitation is accepted, declined or expired (after 14 days), or cancelled, then send this one again.',
  )],
  ['legacy_connection_limit_exceeded', you(
    'This older shared channel is already full',
    'This channel was shared with Slack\'s older shared-channel feature, which can only connect two organizations.',
    'Create a new channel for this partner and share that one instead.',
  )],
  ['member_limit_exceeded', you(
    'The channel is full',
    'The channel already has the most members Slack allows.',
    'Remove people who no longer need to be in it, or use another channel.',
  )],
  ['external_channel_migrating', tryLater(
    'This shared channel is being updated',
    'Slack is in the middle of updating this shared channel, so nobody can be added right now. Nothing was sent.',
    'Try again {when}.',
    'in about an hour',
  )],

  // --- The person being invited ---
  ['already_in_channel', you(
    'Already in the channel',
    'The person is already a member of this channel.',
    'Nothing to do: they can already see the channel.',
  )],
  ['user_not_found', you(
    'Person not found',
    'Slack could not find the person picked for this invitation. Their account may have been deactivated.',
    'Check that the right person was picked and that their account is still active, then try again.',
  )],
  ['cant_invite', admin(
    "This person can't be invited",
    'Slack does not allow this person to be added to this channel, for example because of their account type or a workspace rule.',
    'check whether this person can be added to the channel',
    'Or invite someone else.',
  )],
  ['cant_invite_self', you(
    "This account can't invite itself",
    "The person picked is the account that sends the invitation (the app itself, or you), and Slack doesn't let an account invite itself.",
    'Pick someone else to invite. To add {app} to a channel, type `/invite @{app}` in that channel.',
  )],
  ['invitee_cant_see_channel', admin(
    "This person can't see this channel",
    'The channel is not part of any workspace this person belongs to in your organization.',
    "add the channel to one of the person's workspaces, or the person to the channel's workspace",
    'Then try again.',
  )],
  ['org_user_not_in_team', admin(
    'Not a member of this workspace',
    'The person is in your organization but not in the workspace this channel belongs to.',
    'add them to this workspace',
    'Then try again.',
  )],
  ['ura_max_channels', admin(
    'This guest is already in their one channel',
    'The person is a single-channel guest, and they are already in the one channel that account type allows.',
    'make them a multi-channel guest or a full member',
    'Then try again.',
  )],
  // Listed by some references without a description: either the invitee is another
  // app's bot or this app itself, and in both cases a workspace rule keeps it out.
  ['app_cannot_join_channel', admin(
    "An app can't join this channel",
    'Slack does not allow the app involved in this invitation to join this channel, usually because of a workspace rule about apps in private or shared channels.',
    'check whether apps may be added to this channel',
  )],
  ['user_is_restricted', GUEST_CALLER],
  ['user_is_ultra_restricted', GUEST_CALLER],
  ['user_is_bot', operator(
    "Slack doesn't let apps do this",
    'Slack does not allow an app (bot account) to do this, so nothing was sent.',
    'change how the app sends this kind of invitation',
  )],
  ['invalid_email', you(
    "That email address didn't work",
    'Slack says the email address is not valid.',
    'Check the address for typos and send the invitation again.',
  )],
  ['too_many_emails', you(
    'Only one email address per invitation',
    'Slack accepts only one email address per Slack Connect invitation, and more than one was sent.',
    'Send a separate invitation for each address. If you entered only one, ask whoever runs {app} to look into it.',
  )],
  ['too_many_users', you(
    'Too many people at once',
    'Slack limits how many people can be added to a channel in one go, and this request went over it.',
    'Invite fewer people at a time (at most 100) and try again.',
  )],
  ['no_user', operator(
    'Nobody to invite was included',
    '{app} did not tell Slack who to invite, so nothing happened. This is a problem in the app, not something you did.',
  )],
  ['recipients_not_specified', operator(
    'Nobody to invite was included',
    '{app} did not tell Slack who should receive the invitation, so nothing was sent. This is a problem in the app, not something you did.',
  )],
  // The documented arguments have no message field; only a note typed by the
  // requester could trigger these, so they act first and the operator second.
  ['message_too_long', you(
    'The invitation note is too long',
    'Slack allows at most 560 characters in the note sent with an invitation, and this one was longer. Nothing was sent.',
    'Shorten the note and send the invitation again. If you did not add a note, ask whoever runs {app} to look into it.',
  )],
  ['url_in_message', you(
    "Links aren't allowed in the invitation note",
    'Slack does not allow links in the note sent with an invitation. Nothing was sent.',
    'Remove the link from the note and send the invitation again. If you did not add a note, ask whoever runs {app} to look into it.',
  )],

  // --- Workspace settings and plans ---
  // Slack applies these to the token that calls, which is the app's own: "this authorization".
  ['restricted_action', admin(
    'A workspace setting blocks this invitation',
    'Your workspace admins have limited who can send this kind of invitation, in the setting "Manage permissions for inviting people to channels", and {app} is not allowed to.',
    'allow {app} to send it in "Manage permissions for inviting people to channels", or to send the invitation for you',
  )],
  ['no_external_invite_permission', admin(
    "The app can't invite people from outside",
    'Slack says the account {app} sends invitations with is not allowed to invite people from other organizations to channels.',
    'give {app} permission to invite people from other organizations, or to send the invitation for you',
  )],
  ['not_paid', admin(
    'This needs a paid Slack plan',
    'Slack Connect invitations are only available on paid Slack plans, and this workspace is not on one.',
    'upgrade the workspace to a paid plan',
  )],
  ['not_allowed_for_grid_workspace', admin(
    "Slack Connect isn't turned on here",
    'Slack Connect is not enabled for this workspace, so it cannot invite people from other organizations.',
    'turn on Slack Connect for this workspace',
  )],
  ['access_denied', admin(
    'Slack denied access',
    'Slack refused access to something this invitation needs, such as the channel or the workspace.',
    'check that {app} is allowed to use this channel and workspace',
  )],
  ['ekm_access_denied', admin(
    'Access suspended by your admins',
    'Your organization\'s admins have suspended access to this content (Enterprise Key Management), so Slack cannot act on it right now.',
    'look into it: only they can restore access',
    'This cannot be fixed from {app}.',
  )],
  ['enterprise_is_restricted', admin(
    "This can't be done at organization level",
    '{app} is installed for your whole Enterprise organization, and Slack does not allow this action from there.',
    'install {app} on this workspace as well, not only on the organization',
  )],
  ['team_access_not_granted', admin(
    "The app hasn't been added to this workspace",
    '{app} has not been given access to this workspace in your organization.',
    'add {app} to this workspace',
  )],

  // --- The app's installation and credentials ---
  ['missing_scope', operator(
    'The app is missing a Slack permission',
    '{app} does not have a Slack permission this action needs, so nothing was sent.',
    'reinstall the app to the workspace with {scope}',
  )],
  ['invalid_auth', SIGN_IN_FAILED],
  ['not_authed', SIGN_IN_FAILED],
  ['token_revoked', ACCESS_REMOVED],
  ['account_inactive', ACCESS_REMOVED],
  ['token_expired', operator(
    "The app's Slack sign-in has expired",
    'The access token {app} signs in with has expired, so nothing was sent.',
    "refresh the app's token or reinstall it",
  )],
  ['not_allowed_token_type', operator(
    'The app used the wrong kind of Slack token',
    'Slack does not accept the kind of token {app} used for this action, so nothing was sent.',
    "fix the app's token settings",
  )],
  ['two_factor_setup_required', operator(
    'Two-factor sign-in must be set up',
    'This workspace requires two-factor authentication, and the Slack account {app} acts through has not set it up.',
    'have the account that installed the app turn on two-factor authentication',
  )],
  ['accesslimited', operator(
    "Slack doesn't accept requests from the app's network",
    'Slack only allows this from certain networks, and {app} is running on one that is not allowed. Nothing was sent.',
    "run the app from an allowed network, or have a workspace admin allow the app's network (IP address)",
  )],
  ['method_deprecated', RETIRED],
  ['deprecated_endpoint', RETIRED],
  ['upgrade_required', RETIRED],
  ['is_bot', operator(
    "Slack doesn't let this kind of app do this",
    'Slack does not let an older kind of bot account do this, and {app} is installed as one, so nothing was done.',
    'reinstall {app} as a current Slack app',
  )],

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
    'Try again {when}. ' + IF_IT_KEEPS_HAPPENING,
  )],
  ['internal_error', tryLater(
    'Slack had a temporary problem',
    'Slack ran into a problem on its side while handling the invitation. Part of it may still have gone through.',
    'Check whether the invitation arrived before sending it again. If it did not, try again {when}.',
  )],
  ['fatal_error', tryLater(
    'Slack hit a serious error',
    'Slack hit a serious error on its side while handling the invitation, and part of it may already have gone through.',
    'Check whether the person was invited or the invitation is pending before trying again. If nothing happened, try again {when}.',
  )],
  ['service_unavailable', tryLater(
    'Slack is temporarily unavailable',
    'Slack is temporarily unavailable and did not handle the invitation.',
    'Try again {when}. If it keeps happening, status.slack.com shows whether Slack is having an outage.',
  )],
  ['invite_lookup_error', tryLater(
    "Slack couldn't check existing invitations",
    'Slack ran into a problem while checking this channel\'s existing invitations, so it did not send a new one.',
    'Try again {when}.',
  )],
  // Documented only as "An error occurred while inviting users", so treat it as a
  // Slack-side failure of unknown extent.
  ['invite_not_found', tryLater(
    "Slack couldn't create the invitation",
    'Slack ran into an error while creating the invitation, so it may not have been sent.',
    'Check whether the invitation shows as pending. If not, try again {when}. If it keeps failing, ask whoever runs {app} to look into it.',
  )],
  ['team_added_to_org', MIGRATING_TO_ORG],
  ['org_login_required', MIGRATING_TO_ORG],
  ['ratelimited', tryLater(
    'Too many invitations in a short time',
    'Slack limits how many invitations {app} can send in a short time, for everyone in the workspace together, and that limit was reached. This invitation was not sent.',
    RATE_LIMITED_TODO,
    'in a minute',
  )],
  // Slack applies this limit "per user" when inviting by email, and the user here is the app's
  // own account: every invitation by email, whoever asks for it, counts towards the same limit.
  ['ratelimit', tryLater(
    'Too many email invitations in a short time',
    'Slack limits how many email invitations one account can send in a short time. {app} sends every invitation from its own account, so everyone using it shares that limit, and it was reached. This invitation was not sent.',
    'Try again {when}. Inviting someone you are already connected with (by picking them, not by email) does not count towards this limit.',
    'in a minute',
  )],

  // --- Forms and the Home tab (views.open, views.push, views.update, views.publish) ---
  ['expired_trigger_id', TRIGGER_EXPIRED],
  ['trigger_expired', TRIGGER_EXPIRED],
  ['exchanged_trigger_id', TRIGGER_USED],
  ['trigger_exchanged', TRIGGER_USED],
  ['invalid_trigger_id', tryLater(
    "Slack wouldn't open the form",
    'Slack did not accept the request from {app} to open the form, so nothing opened. Nothing else happened.',
    'Nothing is lost: {again}. ' + IF_IT_KEEPS_HAPPENING,
  )],
  ['view_too_large', operator(
    'There was too much to show',
    'What {app} tried to show was larger than Slack allows (250 KB), so Slack did not show it. Your invitations are not affected.',
    LOOK_INTO_IT,
  )],
  ['not_found', you(
    'The form was already closed',
    '{app} tried to update a form or tab that Slack could no longer find, most likely because it had been closed.',
    'Nothing to do: {app} sends anything you need to know as a direct message instead.',
  )],
  ['hash_conflict', you(
    'Two updates crossed',
    'Two updates to the same form or Home tab arrived at once, and Slack kept only one of them. Nothing is lost.',
    'If what you see looks out of date, close it and open it again.',
  )],
  ['duplicate_external_id', you(
    'This form is already open',
    'Slack says this form is already open somewhere, for example in another window or from before Slack was reloaded.',
    'Close the form if it is open elsewhere, then {again}.',
  )],
  ['push_limit_reached', you(
    'Too many forms on top of each other',
    'Slack allows at most three forms stacked on top of each other, and this would have been one more.',
    'Close one of the open forms, then {again}.',
  )],

  // --- Slack Connect approvals: approving, declining and accepting invitations, invite requests ---
  // Already settled in Slack (by someone there, or by time): the outcome, not a failure.
  ['already_approved', you(
    'Already approved',
    'Your side already approved this invitation in Slack (someone may have got there first), so there was nothing left to approve.',
    SLACK_HAS_IT,
  )],
  // approveSharedInvite's "action no longer valid (e.g. already approved)".
  ['invalid_action', you(
    'Already decided in Slack',
    'Slack says this invitation can no longer be approved: it was already approved or declined in Slack, or it expired.',
    SLACK_HAS_IT,
  )],
  ['approval_inactive', you(
    'No longer waiting for a decision',
    'This invitation no longer waits for a decision: it was already approved or declined in Slack, or it expired. Nothing changed.',
    SLACK_HAS_IT,
  )],
  ['inactive_invite', you(
    'This invitation is no longer active',
    'The invitation is no longer active: it expired or was cancelled in Slack, so there is nothing left to decline.',
    'Nothing to do: nobody can join the channel with it.',
  )],
  ['invite_used', you(
    'Already accepted',
    'This invitation was already accepted in Slack, so there is nothing left to accept.',
    'Nothing to do: look for the channel in Slack (it may still wait for an approval).',
  )],
  ['invite_already_approved', you(
    'Already approved',
    'Someone already approved this invitation request in Slack, so the invitation went ahead and the request can no longer be approved or denied.',
    SLACK_HAS_IT,
  )],
  ['invite_already_denied', you(
    'Already denied',
    'Someone already denied this invitation request in Slack, so it can no longer be approved or denied.',
    ASK_AGAIN,
  )],
  ['invite_expired', you(
    'This request expired',
    'This invitation request waited too long and expired in Slack, so it can no longer be approved or denied.',
    ASK_AGAIN,
  )],
  ['approval_not_found', you(
    'No approval waiting',
    'Slack has no approval waiting for this invitation, so nothing changed. It may have been settled already.',
    'Check the invitation in Slack: if it is settled there, there is nothing more to do. ' + IF_IT_KEEPS_HAPPENING,
  )],
  ['channel_conversion_in_progress', tryLater(
    'The channel is being converted',
    'Slack is in the middle of converting this channel, and it cannot be approved or accepted until that is done. Nothing changed.',
    'Try again {when}.',
  )],
  ['invalid_link', you(
    'The invitation link is not valid',
    'Slack says the link of this invitation is not valid (any more), so nothing changed.',
    'If the channel should still be shared, a new invitation is needed: send one, or ask your contact at the other organization for one.',
  )],
  // Slack needs the accepting party when the inviting side approves: the app's to send.
  ['missing_target_team', operator(
    'The app left out the other organization',
    'When the side that sent an invitation approves it, Slack needs to know which organization accepted it, and {app} did not say. Nothing changed.',
  )],
  ['email_does_not_match', you(
    'This invitation is for another email address',
    'The invitation was sent to an email address other than the one of the account accepting it, so Slack did not accept it.',
    'Ask your contact at the other organization to send it to the right address, or accept it in Slack with the account it was sent to.',
  )],
  ['failed_to_start_trial', admin(
    "Slack couldn't start the free trial",
    'Accepting this invitation needs a Slack Connect trial or a paid plan, and Slack could not start the trial for this workspace. Nothing was accepted.',
    "check the workspace's plan, or upgrade it to a paid plan",
    'Then try again.',
  )],
  ['has_already_connected_to_org', you(
    'Your organization is already in this channel',
    'Another workspace of your organization is already in this channel, so Slack does not add this one as well. Nothing was accepted.',
    'Nothing to do: the channel is already shared with your organization through that workspace.',
  )],
  ['is_pending_connected_to_org', you(
    'Your organization is already invited',
    'Another workspace of your organization already has a pending invitation to this channel, so Slack did not accept this one.',
    'Nothing to do now: the channel comes to your organization through that invitation, once it is settled.',
  )],
  ['invite_from_same_org', you(
    'This invitation comes from your own organization',
    'Slack Connect connects different organizations, and this invitation comes from your own, so it cannot be accepted.',
    'Nothing to accept here. To join a channel of your own organization, ask one of its members to add you.',
  )],
  ['invalid_host_team', you(
    'The inviting workspace is not valid',
    'Slack says the workspace that sent this invitation is not valid (any more), so the invitation cannot be accepted.',
    'If the channel is still wanted, ask your contact at the other organization for a new invitation.',
  )],
  ['invalid_recipient_team', you(
    'This invitation is for another workspace',
    'This invitation was sent to another workspace or organization, so this one cannot accept it.',
    'Nothing to do here: only the workspace it was sent to can accept it.',
  )],
  ['invalid_target_team', operator(
    "Slack didn't accept the workspace named",
    'Slack did not accept the workspace or organization {app} named for this, so nothing changed.',
  )],
  ['invalid_privacy', MALFORMED],
  ['legacy_connection_invalid_org', you(
    'This older shared channel is closed to newcomers',
    "This channel was shared with Slack's older shared-channel feature, which only admits the organizations that were in it before.",
    'Ask your contact at the other organization to share a new channel instead.',
  )],
  ['invalid_name', nameProblem(
    "Slack didn't accept the channel name",
    'Slack did not accept the name given for the channel on your side, so nothing was accepted.',
  )],
  ['invalid_name_maxlength', nameProblem(
    'The channel name is too long',
    'The name given for the channel is longer than the 80 characters Slack allows, so nothing was accepted.',
  )],
  ['invalid_name_punctuation', nameProblem(
    'The channel name needs a letter or a number',
    'The name given for the channel has only punctuation, and Slack needs at least one letter or number. Nothing was accepted.',
  )],
  ['invalid_name_required', nameProblem(
    'The channel needs a name',
    'Slack needs a name for the channel on your side, and none was given, so nothing was accepted.',
  )],
  ['invalid_name_specials', nameProblem(
    "The channel name has characters Slack doesn't allow",
    'The name given for the channel has characters Slack does not allow in channel names (upper-case letters count too), so nothing was accepted.',
  )],
  ['invalid_emoji_not_allowed', nameProblem(
    "Channel names can't contain emoji",
    'The name given for the channel contains an emoji, which Slack does not allow in channel names. Nothing was accepted.',
  )],
  ['name_taken', you(
    'That channel name is taken',
    'A channel with this name already exists in your workspace, so nothing was accepted.',
    'Pick another name for the channel and try again.',
  )],
  // requestSharedInvite.approve and .deny: the workspace of the member who asked.
  ['team_not_found', you(
    "Slack couldn't find the asking workspace",
    'Slack could not find the workspace of the person who asked for this invitation. It may have been removed from your organization. Nothing changed.',
    'Nothing to do unless that workspace should still exist: then ask a workspace admin or owner to check it.',
  )],
  // conversations.create (reference §2.1): the app creates the channel the invitations go to.
  ['cannot_create_channel', you(
    "Slack couldn't create the channel",
    'Slack did not create the channel and gave no more detail, so nothing was created and no one was invited.',
    'Try another name, or create the channel in Slack and choose it instead. ' + IF_IT_KEEPS_HAPPENING,
  )],
  ['no_channel', nameProblem(
    'The channel needs a name',
    'Slack needs a name for the new channel, and none was given, so nothing was created.',
  )],
  ['missing_argument', MALFORMED],
  ['canvas_disabled_user_team', admin(
    "Slack couldn't set up the new channel",
    'Slack could not create the channel because canvases are turned off for your workspace, and new channels come with one. Nothing was created.',
    'turn canvases on for the workspace, or create the channel in Slack',
    'Then choose it instead of naming a new one.',
  )],
  ['user_cannot_create_channel', admin(
    "The app can't create channels here",
    'Accepting creates the channel in this workspace, and a workspace setting does not let {app} create channels. Nothing was accepted.',
    'let {app} create channels, or accept the invitation in Slack',
  )],
  ['user_required_to_accept_as_private_but_cannot', admin(
    'This channel can only be accepted as private',
    'This invitation must be accepted as a private channel, and a workspace setting does not let {app} create private channels. Nothing was accepted.',
    'let {app} create private channels, or accept the invitation in Slack',
  )],
  // requestSharedInvite.list's cursor comes from Slack's previous page: starting over fixes it.
  ['invalid_cursor', tryLater(
    'Slack lost its place in the list',
    'Slack did not accept the bookmark {app} used to read the next part of a list, so the list is incomplete for now.',
    'Try again {when}. ' + IF_IT_KEEPS_HAPPENING,
  )],
  // Documented by Slack with the text "TODO: remove me".
  ['not_implemented', operator(
    "Slack doesn't offer this here",
    'Slack says this is not available for this workspace (yet), so nothing was done.',
  )],

  // --- Files uploaded in a form (files.info, docs.slack.dev) ---
  ['file_not_found', you(
    "Slack couldn't find that file",
    'Slack could not find the uploaded file, or {app} cannot see it, so it was not read.',
    'Upload the file again, or paste the addresses in the form instead.',
  )],
  ['file_deleted', you(
    'That file was deleted',
    'The uploaded file was deleted in Slack before {app} could read it.',
    'Upload the file again, or paste the addresses in the form instead.',
  )],
  // Canvases are files too: files.info answers these for a canvas where canvases are turned off.
  ['canvas_disabled_file_team', you(
    'Canvases are turned off',
    "The file is a canvas, and canvases are turned off in the file's workspace, so {app} could not read it.",
    'Upload the addresses as a CSV file, or paste them in the form instead.',
  )],
  ['canvas_disabled_user_team', you(
    'Canvases are turned off',
    'The file is a canvas, and canvases are turned off in your workspace for connected channels, so {app} could not read it.',
    'Upload the addresses as a CSV file, or paste them in the form instead.',
  )],
  ['canvas_globally_disabled', you(
    'Canvases are turned off',
    'The file is a canvas, and canvases are turned off for this workspace, so {app} could not read it.',
    'Upload the addresses as a CSV file, or paste them in the form instead.',
  )],

  // --- Failures the app reports about itself (never sent by Slack) ---
  // A timeout leaves the outcome unknown; retrying blindly could double-invite,
  // so the app reconciles it and the person is told not to resend.
  ['slack_timeout', you(
    "Slack didn't answer in time",
    "Slack did not reply in time, so {app} doesn't know yet whether the invitation was sent. It has recorded the request.",
    "No need to send it again: {app} will check with Slack and let you know. If you don't hear back, look for it among the channel's pending invitations first.",
  )],
  // Who may send invitations through the app (src/invites/who-may-invite/): the app calls Slack
  // with its own token, so these stand in for Slack's own rules about who may invite.
  ['requester_is_guest', you(
    'Guests cannot send invitations with the app',
    'Your account is a guest account in this workspace. {app} sends invitations with its own permissions, so it sends them only for full members. Nothing was sent.',
    'Ask a full member of the channel to send the invitation for you.',
  )],
  ['requester_is_bot', you(
    'Apps cannot send invitations with the app',
    'This request came from an app or bot account. {app} sends invitations only when a person of the workspace asks, so nothing was sent.',
    "Have a person of the workspace send the invitation, with the command or from the app's Home tab.",
  )],
  ['requester_deactivated', admin(
    'This account is deactivated',
    'Slack says the account asking for this invitation is deactivated, so {app} sent nothing.',
    'reactivate the account, if it should still be active',
  )],
  ['requester_other_workspace', you(
    'The app only works for its own workspace',
    'This request came from someone of another workspace or organization, for example through a Slack Connect channel. {app} sends invitations only for people of the workspace it is installed in, so nothing was sent or recorded.',
    "Ask someone of the channel's own workspace to send the invitation, or use an app installed in your own workspace.",
  )],
  ['app_not_installed', admin(
    'The app is not installed here',
    '{app} is not installed in this workspace (or was removed from it), so it cannot act here. Nothing was sent or recorded.',
    "install {app} in the workspace from the app's install page (the README says where it is), then try again",
  )],
  ['requester_not_in_invite_group', admin(
    'Only a chosen group can send these invitations',
    'Your workspace admins allow only the members of one user group to send Slack Connect invitations with {app}, and you are not in it. Nothing was sent.',
    'add you to the group, or ask a member of that group to send the invitation for you',
  )],
  ['invite_group_unavailable', admin(
    'The group allowed to invite is gone',
    'Your workspace admins allow only the members of one user group to send Slack Connect invitations with {app}, and Slack no longer has that group (it was deleted or disabled). Nothing was sent.',
    "choose another group, or let every member send them again, on the app's Home tab",
  )],
  ['requester_check_failed', tryLater(
    "Couldn't check who is asking",
    '{app} could not confirm with Slack that your account may send invitations, so nothing was sent.',
    'Try again {when}. ' + IF_IT_KEEPS_HAPPENING,
    'in a minute',
  )],
  // The approvals' own refusals (src/invites/approvals/service.ts).
  ['not_approver', admin(
    'Only workspace admins can decide this',
    'Only workspace admins and owners can approve, decline or accept Slack Connect invitations with {app}, and Slack does not list you as one. Nothing was decided.',
    'decide it, or make you an admin if you should be one',
  )],
  ['approvals_unavailable', admin(
    "The app can't approve invitations here",
    '{app} does not have the Slack permission to approve Slack Connect invitations (conversations.connect:manage) in this workspace, so nothing was decided.',
    "reinstall {app} with that permission (the README's \"Approvals\" section says how; only an owner or admin can), or decide it in Slack's own Slack Connect settings",
  )],
  ['approval_not_found_here', you(
    'This request is not here any more',
    '{app} has no such request to decide for this workspace. Nothing was decided.',
    "Open the app's Home tab to see what still waits for a decision.",
  )],
  ['approval_already_decided', you(
    'Already decided',
    'Nothing more is needed from you.',
    'The card shows the decision.',
  )],
  ['not_workspace_admin', admin(
    'Only workspace admins can change this',
    'Only workspace admins and owners can change who may send Slack Connect invitations with {app}, and Slack does not list you as one. Nothing changed.',
    'make the change',
  )],
  ['usergroup_not_found', you(
    'That user group is not available',
    'Slack no longer lists the chosen user group (it may have been deleted or disabled), so the setting did not change.',
    'Choose another group from the menu.',
  )],
  // Changing an accepted partner's access (src/invites/access/service.ts).
  ['access_change_unavailable', admin(
    "The app can't change partner access here",
    '{app} does not have the Slack permission to change what a partner organization may do in a channel (conversations.connect:manage) in this workspace, so nothing changed.',
    "reinstall {app} with that permission (the README's \"Approvals\" section says how), or change it in the channel's settings in Slack",
  )],
  ['access_invite_not_found', you(
    'This invitation is not here',
    '{app} has no such invitation for this workspace, so nothing changed.',
    "Open the app's Home tab to see the invitations there.",
  )],
  ['access_not_changeable', you(
    "This invitation's access can't be changed yet",
    'Access can be changed only after the invitation was accepted (and approved where needed) and Slack said which organization accepted it. Nothing changed.',
    'Wait until the Home tab shows it as accepted, then try again.',
  )],
  ['not_access_changer', admin(
    'Only the inviter or an admin can change this',
    'Only the person who sent this invitation, and workspace admins and owners, can change what the partner may do in the channel with {app}. Nothing changed.',
    'change it for you, or ask the person who sent the invitation',
  )],
  // An earlier try got no answer and Slack cannot be asked whether it arrived (no
  // conversations.connect:manage scope): never re-sent on the app's own; the person decides.
  ['slack_unconfirmed', you(
    "Slack hasn't confirmed this invitation",
    "An earlier try got no answer from Slack, and {app} cannot ask Slack whether it arrived, so it has not sent the invitation again on its own: the invitee may already have it.",
    "Ask the invitee whether an invitation arrived, or look among the channel's pending invitations. If it is not there, choose Send again.",
  )],
  ['slack_unreachable', tryLater(
    "Couldn't reach Slack",
    '{app} could not connect to Slack because of a network problem, so the invitation was most likely not sent.',
    'Try again {when}. ' + IF_IT_KEEPS_HAPPENING,
  )],
  ['slack_http_error', tryLater(
    'Slack reported a server error',
    'Slack had a problem on its side and did not confirm the invitation.',
    'Check whether the invitation arrived. If it did not, try again {when}.',
  )],
  ['database_unavailable', tryLater(
    "Couldn't save your request",
    '{app} could not record your request, so nothing was sent to Slack.',
    'Try again {when}. ' + IF_IT_KEEPS_HAPPENING,
  )],
  ['unknown_method', operator(
    'The app tried an action it does not support',
    '{app} tried to use a Slack method it does not support, so nothing was sent. This is a setup problem in the app, not something you did.',
  )],
]);

// What a generic code means when it answers a form or the Home tab rather than an invitation.
const VIEW_SLACK_TROUBLE: Override = {
  title: 'Slack had a temporary problem',
  whatHappened: 'Slack ran into a problem on its side and did not show this. Nothing else happened.',
  fix: { by: 'requester', todo: 'Wait a minute, then {again}. If it keeps happening, status.slack.com shows whether Slack is having an outage.' },
  retryable: true,
};
const FOR_VIEWS: Readonly<Record<string, Override>> = {
  ratelimited: {
    title: 'Slack is holding the app back',
    whatHappened: 'Slack limits how often {app} can open forms and update the Home tab, for everyone in the workspace together, and that limit was reached for the moment. Nothing else happened.',
    fix: { by: 'requester', todo: 'Nothing is wrong on your side: {again} {when}.' },
  },
  slack_timeout: {
    whatHappened: 'Slack did not answer in time when {app} asked it to show this, so it may not have appeared. Nothing else happened.',
    fix: { by: 'requester', todo: 'If nothing appeared, {again}. ' + IF_IT_KEEPS_HAPPENING },
    retryable: true,
  },
  slack_unreachable: {
    whatHappened: '{app} could not connect to Slack because of a network problem, so this did not appear. Nothing else happened.',
    fix: { by: 'requester', todo: 'Wait a minute, then {again}. ' + IF_IT_KEEPS_HAPPENING },
  },
  slack_http_error: VIEW_SLACK_TROUBLE,
  internal_error: VIEW_SLACK_TROUBLE,
  fatal_error: VIEW_SLACK_TROUBLE,
  service_unavailable: VIEW_SLACK_TROUBLE,
  no_permission: {
    title: "Slack wouldn't let the app show this",
    whatHappened: 'Slack says {app} does not have permission to show this to you.',
    fix: { by: 'app_operator', ask: "check the app's installation and permissions" },
  },
};

// A decision sent to Slack (approve, decline, accept, approve or deny a request): whether Slack
// took it in is what the person needs to know, never whether "the invitation was sent".
const DECISION_TROUBLE: Override = {
  title: 'Slack had a temporary problem',
  whatHappened: 'Slack ran into a problem on its side, and may or may not have taken this in.',
  fix: { by: 'requester', todo: 'Check in Slack whether it still waits for an answer. If it does, try again {when}.' },
  retryable: true,
};
const FOR_DECISIONS: Readonly<Record<string, Override>> = {
  ratelimited: {
    title: 'Slack is holding the app back',
    whatHappened: 'Slack limits how often {app} can do this, for everyone in the workspace together, and that limit was reached for the moment. Nothing changed.',
    fix: { by: 'requester', todo: 'Nothing is wrong on your side: {again} {when}.' },
  },
  internal_error: DECISION_TROUBLE,
  fatal_error: DECISION_TROUBLE,
  slack_http_error: DECISION_TROUBLE,
  // Deciding twice is safe (Slack answers that it was already decided), so this may be retried.
  slack_timeout: {
    whatHappened: "Slack did not reply in time, so {app} doesn't know whether it took this in.",
    fix: { by: 'requester', todo: 'Check in Slack whether it still waits for an answer. If it does, {again}.' },
    retryable: true,
  },
  slack_unreachable: {
    whatHappened: '{app} could not connect to Slack because of a network problem, so nothing changed.',
  },
  service_unavailable: {
    whatHappened: 'Slack is temporarily unavailable, so nothing changed.',
  },
};
// Reading a list (pending approvals, invite requests): nothing changes either way.
const LIST_TROUBLE: Override = {
  title: 'Slack had a temporary problem',
  whatHappened: 'Slack ran into a problem on its side and did not give the list. Nothing else happened.',
  fix: { by: 'requester', todo: 'Try again {when}. If it keeps happening, status.slack.com shows whether Slack is having an outage.' },
  retryable: true,
};
const FOR_LISTINGS: Readonly<Record<string, Override>> = {
  ratelimited: {
    title: 'Slack is holding the app back',
    whatHappened: 'Slack lets {app} read this list only so often, and that limit was reached for the moment. Nothing else happened.',
    fix: { by: 'requester', todo: 'Nothing is wrong on your side: {again} {when}.' },
  },
  internal_error: LIST_TROUBLE,
  fatal_error: LIST_TROUBLE,
  slack_http_error: LIST_TROUBLE,
  service_unavailable: LIST_TROUBLE,
  slack_timeout: {
    whatHappened: 'Slack did not answer in time with the list. Nothing else happened.',
    fix: { by: 'requester', todo: 'Try again {when}. ' + IF_IT_KEEPS_HAPPENING },
    retryable: true,
  },
  slack_unreachable: {
    whatHappened: '{app} could not connect to Slack because of a network problem, so the list could not be read. Nothing else happened.',
  },
};
// conversations.connect:manage, which these methods need, only a workspace owner or admin can grant.
const NEEDS_MANAGE: Readonly<Record<string, Override>> = {
  missing_scope: {
    whatHappened: '{app} does not have the Slack permission this needs, so nothing changed.',
    fix: { by: 'app_operator', ask: 'have a workspace owner or admin reinstall it with {scope}. Only they can let an app approve Slack Connect invitations' },
  },
};
const blockedBy = (whatHappened: string, instead: string): Override => ({
  title: 'A workspace setting blocks this',
  whatHappened,
  fix: { by: 'workspace_admin', ask: `${instead}, or change the setting that keeps {app} from it` },
});
const INVITE_GONE: Override = {
  title: "Slack doesn't have this invitation",
  whatHappened: 'Slack could not find this invitation: it may have been cancelled, or it expired and was removed. Nothing changed.',
  fix: { by: 'requester', todo: 'Nothing to do here. If the channel should still be shared, a new invitation is needed.' },
  retryable: false,
};
const REQUEST_GONE: Override = {
  title: "Slack doesn't have this request",
  whatHappened: 'Slack could not find this invitation request, so nothing changed.',
  fix: { by: 'requester', todo: ASK_AGAIN },
  retryable: false,
};
const FOR_REQUESTS: Readonly<Record<string, Override>> = {
  ...FOR_DECISIONS,
  ...NEEDS_MANAGE,
  invite_not_found: REQUEST_GONE,
  channel_not_found: {
    whatHappened: 'The channel of this request no longer exists, or the person who asked can no longer see it, so nothing changed.',
    fix: { by: 'requester', todo: 'Nothing more to do here. If the invitation is still wanted, the person can ask again for a channel they can see.' },
  },
  user_not_found: {
    title: "Slack couldn't find who asked",
    whatHappened: 'Slack could not find the person who asked for this invitation: their account may have been deactivated. Nothing changed.',
    fix: { by: 'requester', todo: 'Nothing to do unless their account should be active: then ask a workspace admin or owner to check it.' },
  },
};

// conversations.create: the app names the channel it creates, so a refused name is the
// person's to change; nothing was created, and no one was invited.
const createName = (whatHappened: string): Override => ({
  whatHappened,
  fix: { by: 'requester', todo: 'Pick another name (lower-case letters, numbers, hyphens and underscores, at most 80 characters) and try again.' },
});
const FOR_CREATE: Readonly<Record<string, Override>> = {
  invalid_name: createName('Slack did not accept the name for the new channel, so nothing was created.'),
  invalid_name_maxlength: createName('The name for the new channel is longer than the 80 characters Slack allows, so nothing was created.'),
  invalid_name_punctuation: createName('The name for the new channel has only punctuation, and Slack needs at least one letter or number. Nothing was created.'),
  invalid_name_required: createName('Slack needs a name for the new channel, and none was given, so nothing was created.'),
  invalid_name_specials: createName('The name for the new channel has characters Slack does not allow in channel names (upper-case letters count too), so nothing was created.'),
  invalid_emoji_not_allowed: createName('The name for the new channel contains an emoji, which Slack does not allow in channel names. Nothing was created.'),
  // Said the same whether or not the reader can see that channel: nothing more is given away.
  name_taken: {
    whatHappened: 'A channel with this name already exists in your workspace (it may be one you cannot see), so nothing was created.',
    fix: { by: 'requester', todo: 'Pick another name for the new channel and try again.' },
  },
  restricted_action: {
    title: 'A workspace setting blocks new channels',
    whatHappened: 'A setting of your workspace does not let {app} create channels, so nothing was created and no one was invited.',
    fix: { by: 'workspace_admin', ask: 'let {app} create channels, or create the channel for you', then: 'Then choose it instead of naming a new one.' },
  },
  user_is_restricted: {
    title: "The app's account can't create channels",
    whatHappened: 'Slack treats the account {app} creates channels with as a guest account, and guests cannot create channels. Nothing was created.',
    fix: { by: 'app_operator', ask: LOOK_INTO_IT },
  },
  user_is_bot: {
    title: "Slack doesn't let the app create channels",
    whatHappened: 'Slack does not let the account {app} uses create channels this way, so nothing was created.',
    fix: { by: 'app_operator', ask: LOOK_INTO_IT },
  },
  method_not_supported_for_channel_type: {
    whatHappened: 'Slack cannot create this kind of conversation this way, so nothing was created.',
    fix: { by: 'app_operator', ask: LOOK_INTO_IT },
  },
  missing_scope: {
    whatHappened: '{app} does not have the Slack permission to create channels of this kind, so nothing was created.',
  },
  slack_timeout: {
    whatHappened: "Slack did not reply in time, so {app} doesn't know yet whether the channel was created. It has recorded the request.",
    fix: { by: 'requester', todo: 'Submit the form again: {app} will use the channel if Slack created it, and never creates it twice.' },
  },
  slack_unreachable: {
    whatHappened: '{app} could not connect to Slack because of a network problem, so the channel was most likely not created.',
  },
  slack_http_error: {
    whatHappened: 'Slack had a problem on its side and did not confirm the new channel.',
    fix: { by: 'requester', todo: 'Submit the form again {when}: {app} will use the channel if Slack created it, and never creates it twice.' },
  },
};

// files.info: nothing is sent when a file cannot be read; the form stays open to paste instead.
const FILE_SLACK_TROUBLE: Override = {
  title: 'Slack had a temporary problem',
  whatHappened: 'Slack could not give {app} the uploaded file just now, so it was not read and nothing was sent.',
  fix: { by: 'requester', todo: 'Try again in a minute, or paste the addresses in the form instead.' },
  retryable: true,
};
const FOR_FILES: Readonly<Record<string, Override>> = {
  // Slack's own description: "Unable to access the file (slack connect)".
  access_denied: {
    title: "The app can't open that file",
    whatHappened: 'Slack does not let {app} open the uploaded file (it may come from another organization through Slack Connect), so it was not read.',
    fix: { by: 'requester', todo: 'Upload a copy of the file yourself, or paste the addresses in the form instead.' },
  },
  missing_scope: {
    whatHappened: '{app} does not have the Slack permission to read uploaded files, so the file was not read. Pasted addresses still work.',
  },
  ratelimited: {
    title: 'Too many files in a short time',
    whatHappened: 'Slack limits how often {app} can look up uploaded files, and that limit was reached, so the file was not read.',
    fix: { by: 'requester', todo: 'Try again {when}, or paste the addresses in the form instead.' },
    retryable: true,
  },
  internal_error: FILE_SLACK_TROUBLE,
  fatal_error: FILE_SLACK_TROUBLE,
  service_unavailable: FILE_SLACK_TROUBLE,
  request_timeout: FILE_SLACK_TROUBLE,
  slack_timeout: FILE_SLACK_TROUBLE,
  slack_unreachable: FILE_SLACK_TROUBLE,
  slack_http_error: FILE_SLACK_TROUBLE,
};

// conversations.externalInvitePermissions.set: one partner's access to a channel. Whether Slack
// changed it is what the person needs to know; no invitation is sent or decided.
const ACCESS_TROUBLE: Override = {
  title: 'Slack had a temporary problem',
  whatHappened: 'Slack ran into a problem on its side and may or may not have changed the access. {app} recorded no change.',
  fix: { by: 'requester', todo: "Look at the channel's details in Slack: if the access did not change, try again {when}." },
  retryable: true,
};
const FOR_ACCESS: Readonly<Record<string, Override>> = {
  ratelimited: {
    title: 'Slack is holding the app back',
    whatHappened: 'Slack limits how often {app} can change access in channels, for everyone in the workspace together, and that limit was reached for the moment. Nothing changed.',
    fix: { by: 'requester', todo: 'Nothing is wrong on your side: {again} {when}.' },
  },
  internal_error: ACCESS_TROUBLE,
  fatal_error: ACCESS_TROUBLE,
  slack_http_error: ACCESS_TROUBLE,
  service_unavailable: { ...ACCESS_TROUBLE, whatHappened: 'Slack is temporarily unavailable, so nothing changed.' },
  slack_timeout: {
    whatHappened: "Slack did not reply in time, so {app} doesn't know whether the access changed, and recorded no change.",
    fix: { by: 'requester', todo: "Look at the channel's details in Slack: if the access did not change, {again}." },
    retryable: true,
  },
  slack_unreachable: {
    whatHappened: '{app} could not connect to Slack because of a network problem, so the access did not change.',
  },
  missing_scope: {
    whatHappened: '{app} does not have the Slack permission this needs, so the access did not change.',
    fix: { by: 'app_operator', ask: 'have a workspace owner or admin reinstall it with {scope}. Only they can let an app manage Slack Connect channels' },
  },
  channel_not_found: {
    title: 'Channel not found',
    whatHappened: 'Slack could not find the channel of this invitation, or {app} can no longer see it (it may have been deleted, or the app removed from it). Nothing changed.',
    fix: { by: 'requester', todo: 'If the channel still exists, add the app with `/invite @{app}` in it and try again.' },
  },
  not_supported: {
    title: "This channel's access can't be changed",
    whatHappened: "Slack says a partner's access to this channel cannot be changed. Slack offers this only on Enterprise Grid, and not for every channel. Nothing changed.",
    fix: { by: 'workspace_admin', ask: "change the partner's access in the channel's settings in Slack, if your plan allows it" },
  },
  restricted_action: blockedBy("A setting of your workspace or organization does not let {app} change a partner's access to channels, so nothing changed.", "change it in the channel's settings in Slack"),
  invalid_target_team: {
    title: 'The partner is not in the channel',
    whatHappened: 'Slack says the organization that accepted this invitation is not in the channel (any more), so its access could not change.',
    fix: { by: 'requester', todo: "Check in the channel's details whether the organization is still in it. If it is, ask whoever runs {app} to look into it." },
  },
  // Here Slack's "not upgrade or downgrade": the app built the request, so this is its bug.
  invalid_action: MALFORMED,
};

// Same code, different meaning depending on which method answered.
export const OVERRIDES: Readonly<Record<SlackMethod, Readonly<Record<string, Override>>>> = {
  'conversations.inviteShared': {
    restricted_action: {
      fix: {
        by: 'workspace_admin',
        ask: 'allow this kind of invitation in "Manage permissions for inviting people to channels"',
        then: 'If it was a full-access invitation, a limited invitation (the person can only post messages) may be allowed: try that.',
      },
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
      fix: SWITCH_TO_CONVERSATIONS_INVITE,
    },
    method_deprecated: GROUPS_RETIRED,
    deprecated_endpoint: GROUPS_RETIRED,
  },
  'conversations.approveSharedInvite': {
    ...FOR_DECISIONS,
    ...NEEDS_MANAGE,
    invite_not_found: INVITE_GONE,
    channel_not_found: {
      whatHappened: 'Slack could not find the channel of this invitation (it may have been deleted), so nothing changed.',
      fix: { by: 'requester', todo: 'Nothing to do here. If the channel should still be shared, a new invitation is needed.' },
    },
    restricted_action: blockedBy('A setting of your workspace or organization does not let {app} approve Slack Connect invitations, so nothing changed.', 'approve it in Slack'),
  },
  'conversations.declineSharedInvite': {
    ...FOR_DECISIONS,
    ...NEEDS_MANAGE,
    invite_not_found: INVITE_GONE,
    restricted_action: blockedBy('A setting of your workspace or organization does not let {app} decline Slack Connect invitations, so nothing changed.', 'decline it in Slack'),
  },
  'conversations.acceptSharedInvite': {
    ...FOR_DECISIONS,
    invite_not_found: INVITE_GONE,
    restricted_action: blockedBy('A setting of your workspace or organization does not let {app} accept Slack Connect invitations, so nothing was accepted.', 'accept it in Slack'),
    connection_limit_exceeded: {
      whatHappened: 'The channel is already connected to the most outside organizations Slack allows, so nothing was accepted.',
      fix: { by: 'requester', todo: 'Ask your contact at the other organization whether another organization can leave the channel, or to share a new channel.' },
    },
    legacy_connection_limit_exceeded: {
      fix: { by: 'requester', todo: 'Ask your contact at the other organization to share a new channel instead.' },
    },
    // With the app's bot token, the account that accepts is the app's own.
    user_not_found: {
      title: "Slack couldn't find the accepting account",
      whatHappened: 'Slack could not find the account accepting this invitation in the workspace, so nothing was accepted.',
      fix: { by: 'app_operator', ask: LOOK_INTO_IT },
    },
    user_is_restricted: {
      title: "Guest accounts can't accept invitations",
      whatHappened: 'Slack treats the account accepting this invitation as a guest account, and guests cannot accept Slack Connect invitations. Nothing was accepted.',
      fix: { by: 'workspace_admin', ask: 'accept the invitation in Slack instead' },
    },
    // The app never names a workspace (team_id): Slack not finding one is for the operator.
    team_not_found: {
      title: "Slack couldn't find the workspace",
      whatHappened: 'Slack could not find the workspace {app} accepts this invitation into, so nothing was accepted.',
      fix: { by: 'app_operator', ask: LOOK_INTO_IT },
    },
  },
  'conversations.listConnectInvites': {
    ...FOR_LISTINGS,
    ...NEEDS_MANAGE,
    restricted_action: blockedBy('A setting of your workspace or organization does not let {app} see the Slack Connect invitations waiting for approval.', 'look at them in Slack'),
  },
  'conversations.requestSharedInvite.approve': {
    ...FOR_REQUESTS,
    restricted_action: blockedBy('A setting of your organization does not let {app} approve invitation requests, so nothing changed.', 'approve or deny the request in Slack'),
    no_external_invite_permission: {
      title: 'This channel is closed to outside invitations',
      whatHappened: 'A channel manager has turned off invitations to people outside the organization for this channel, so Slack did not send this one.',
      fix: { by: 'requester', todo: 'Ask a channel manager to allow outside invitations in the channel, or deny the request.' },
    },
    // The app sends no note of its own when approving: a note too long is not the approver's doing.
    message_too_long: {
      whatHappened: 'Slack says the note sent with this invitation is longer than the 560 characters it allows, so nothing was sent.',
      fix: { by: 'app_operator', ask: LOOK_INTO_IT },
    },
  },
  'conversations.requestSharedInvite.deny': {
    ...FOR_REQUESTS,
    restricted_action: blockedBy('A setting of your organization does not let {app} deny invitation requests, so nothing changed.', 'deny the request in Slack'),
    message_too_long: {
      title: 'The reason is too long',
      whatHappened: 'Slack allows at most 560 characters in the reason sent to the person who asked, and this one was longer. Nothing was sent.',
      fix: { by: 'requester', todo: 'Shorten the reason and try again.' },
    },
  },
  'conversations.requestSharedInvite.list': {
    ...FOR_LISTINGS,
    ...NEEDS_MANAGE,
    restricted_action: blockedBy('A setting of your organization does not let {app} see the invitation requests waiting for approval.', 'look at them in Slack'),
  },
  'conversations.create': FOR_CREATE,
  'files.info': FOR_FILES,
  'conversations.externalInvitePermissions.set': FOR_ACCESS,
  'views.open': FOR_VIEWS,
  'views.push': FOR_VIEWS,
  'views.update': FOR_VIEWS,
  'views.publish': {
    ...FOR_VIEWS,
    not_found: {
      title: "Slack couldn't find your account",
      whatHappened: 'Slack could not find the account whose Home tab {app} tried to show.',
      fix: { by: 'requester', todo: 'If your account is active, open the Home tab again.' },
    },
  },
};

export const WARNING_ENTRY: Entry = {
  title: 'Slack added a technical note',
  whatHappened: 'Slack handled the request and added a technical note about its format. It does not affect the invitation.',
  fix: { by: 'requester', todo: 'Nothing to do.' },
  retryable: false,
};

export const FALLBACK: Entry = operator(
  "Slack couldn't complete this",
  'Slack turned down the request with a reason {app} does not recognise{code}.',
  'look into it, mentioning the reason shown here',
  'Trying again is unlikely to help.',
);

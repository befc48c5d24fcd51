// Every slash command, callback_id, block_id and action_id the app uses, defined once.
// manifest.json declares the same commands and events; test/slack/manifest.test.ts keeps them in step.

export const COMMANDS = {
  shareChannel: '/share-channel',
  invitePrivate: '/invite-private',
} as const;

export const EVENTS = {
  appHomeOpened: 'app_home_opened',
  sharedChannelInviteAccepted: 'shared_channel_invite_accepted',
  sharedChannelInviteApproved: 'shared_channel_invite_approved',
  sharedChannelInviteDeclined: 'shared_channel_invite_declined',
  sharedChannelInviteReceived: 'shared_channel_invite_received',
  sharedChannelInviteRequested: 'shared_channel_invite_requested',
  appUninstalled: 'app_uninstalled',
  tokensRevoked: 'tokens_revoked',
} as const;

/** The app's own record IDs (UUIDs), as buttons carry them: anything else in a value is not one. */
export const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /share-channel's modal: one callback, and a block/action pair per input. */
export const SHARE_CHANNEL = {
  callbackId: 'share_channel',
  blocks: {
    channel: 'share_channel.channel',
    email: 'share_channel.email',
    user: 'share_channel.user',
    file: 'share_channel.file',
    limited: 'share_channel.limited',
    /** Or a new channel: its name, whether private, and who else is added to it. */
    newChannel: 'share_channel.new_channel',
    newChannelPrivate: 'share_channel.new_channel_private',
    newChannelMembers: 'share_channel.new_channel_members',
    newChannelGroup: 'share_channel.new_channel_group',
  },
  actions: {
    channel: 'channel',
    email: 'email',
    user: 'user',
    file: 'file',
    limited: 'limited',
    newChannel: 'name',
    newChannelPrivate: 'private',
    newChannelMembers: 'members',
    /** An external_select: its options come from usergroups.list as the person types (unique app-wide). */
    newChannelGroup: 'share_channel.new_channel_group',
  },
  privateOption: 'private',
  limitedOption: 'limited',
} as const;

/** The outcome of a /share-channel invitation, in its modal or a direct message. */
export const SHARE_CHANNEL_OUTCOME = {
  actions: {
    /** An invitation the app could not confirm; the value is the invite's ID. */
    sendAgain: 'share_channel.send_again',
    /** A full-access invitation refused by the workspace's setting, sent as limited instead. */
    sendAsLimited: 'share_channel.send_as_limited',
    /** An invitation that ended without reaching the person (failed, declined, expired): opens RESEND's modal. */
    resend: 'share_channel.resend',
  },
} as const;

/** "Send again" as a new invitation, optionally to a corrected email; private_metadata: the old invite's ID. */
export const RESEND = {
  callbackId: 'share_channel.resend',
  blocks: { email: 'share_channel.resend.email' },
  inputs: { email: 'email' },
} as const;

/** /invite-private's modal: one callback, and a block/action pair per input. */
export const INVITE_PRIVATE = {
  callbackId: 'invite_private',
  blocks: {
    channel: 'invite_private.channel',
    users: 'invite_private.users',
  },
  actions: {
    channel: 'channel',
    users: 'users',
  },
} as const;

/** The App Home dashboard. Button values carry the view state (see parse/home.ts). */
export const HOME = {
  blocks: {
    controls: 'home.controls',
    paging: 'home.paging',
    inviteGroup: 'home.invite_group',
    inviteGroupClear: 'home.invite_group_clear',
  },
  actions: {
    filter: 'home.filter',
    scope: 'home.scope',
    pageNewer: 'home.page_newer',
    pageOlder: 'home.page_older',
    refresh: 'home.refresh',
    openShareChannel: 'home.open_share_channel',
    openInvitePrivate: 'home.open_invite_private',
    /** Admins: the user group whose members may send Slack Connect invitations (an external_select fed by usergroups.list). */
    inviteGroup: 'home.invite_group',
    /** Admins: back to everyone who may invite. */
    clearInviteGroup: 'home.invite_group_clear',
    /**
     * An accepted Slack Connect invitation's row: its partner gets full access, or back to posting
     * only (conversations.externalInvitePermissions.set). The value is only the invite's UUID.
     */
    giveFullAccess: 'home.give_full_access',
    limitAccess: 'home.limit_access',
  },
} as const;

/**
 * The admin side of Slack Connect: approval cards (messages to approvers), their modals and the
 * App Home section. Every button's value is only the approval's UUID (untrust: the partner's
 * org ID), never trusted for authorization: the server re-checks who clicked and the approval.
 */
export const APPROVALS = {
  actions: {
    approve: 'approvals.approve',
    /** Opens the reason modal (kind 'decline'; for an invite request, 'deny'). */
    decline: 'approvals.decline',
    /** Opens the accept modal (an invitation to the app itself). */
    accept: 'approvals.accept',
    ignore: 'approvals.ignore',
    /** Approve (or accept) this one, and from now on every one from its organization. */
    trust: 'approvals.trust',
    /**
     * Remove a trusted organization; the value is its org ID (T… or E…). App Home shows many in
     * one block, where action_ids must differ: each is this plus ":<n>" (match actionPatterns.untrust).
     */
    untrust: 'approvals.untrust',
    /** Opens the add-a-trusted-organization modal. */
    addTrusted: 'approvals.add_trusted',
    /** App Home: where approval cards go (conversations_select). */
    approverChannel: 'approvals.approver_channel',
    /** App Home: no approver channel, each admin gets a direct message (a select cannot be emptied). */
    clearApproverChannel: 'approvals.approver_channel_clear',
  },
  callbacks: {
    /**
     * Decline (ACCEPTED_INVITE) or deny (INVITE_REQUEST) with an optional reason: one callback,
     * private_metadata `{"approvalId":"…","kind":"decline"|"deny"}` says which.
     */
    declineReason: 'approvals.decline_reason',
    /** private_metadata `{"approvalId":"…"}`. */
    acceptInvite: 'approvals.accept_invite',
    addTrusted: 'approvals.add_trusted',
  },
  /** The modals' inputs (block_id) and the App Home section's blocks. */
  blocks: {
    reason: 'approvals.reason',
    channelName: 'approvals.channel_name',
    privacy: 'approvals.privacy',
    trustedTeamId: 'approvals.trusted_team_id',
    approverChannel: 'approvals.approver_channel',
  },
  /** The action_id of each modal input's element, inside its block. */
  inputs: {
    reason: 'reason',
    channelName: 'channel_name',
    privacy: 'privacy',
    trustedTeamId: 'team_id',
  },
  privacyOptions: { public: 'public', private: 'private' },
  actionPatterns: {
    untrust: /^approvals\.untrust(?::\d+)?$/,
  },
} as const;

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
  appUninstalled: 'app_uninstalled',
  tokensRevoked: 'tokens_revoked',
} as const;

/** /share-channel's modal: one callback, and a block/action pair per input. */
export const SHARE_CHANNEL = {
  callbackId: 'share_channel',
  blocks: {
    channel: 'share_channel.channel',
    email: 'share_channel.email',
    user: 'share_channel.user',
    limited: 'share_channel.limited',
  },
  actions: {
    channel: 'channel',
    email: 'email',
    user: 'user',
    limited: 'limited',
  },
  limitedOption: 'limited',
} as const;

/** The outcome of a /share-channel invitation, in its modal or a direct message. */
export const SHARE_CHANNEL_OUTCOME = {
  actions: {
    /** An invitation the app could not confirm; the value is the invite's ID. */
    sendAgain: 'share_channel.send_again',
  },
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
  },
} as const;

// The bot scopes the app asks for when a workspace installs it through OAuth: the ones
// manifest.json lists (test/slack/manifest.test.ts keeps the two equal). The optional
// conversations.connect:manage (see invites/share-channel/pending-check.ts) is not asked for
// here: only owners and admins could install an app that asks for it.
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'users:read',
  'users:read.email',
  'channels:read',
  'groups:read',
  'im:read',
  'mpim:read',
  'groups:write',
  'channels:manage',
  'conversations.connect:write',
  'conversations.connect:read',
  'usergroups:read',
  'files:read',
] as const;

// One workspace as the app serves it: the installation, its bot, and the services built over
// its own token, its own clients and its own caches, so no look-up of one workspace can answer
// another's. A request finds its workspace in Bolt's context (see resolver.ts); the recovery
// sweep finds an invitation's by its team and organization.
import type { WebClient } from '@slack/web-api';
import type { DashboardService } from '../../invites/dashboard/service.js';
import type { InviteRecord, PendingInviteListing, PrivateInviteRecord } from '../../invites/ports.js';
import type { PrivateChannelService } from '../../invites/private-channel/service.js';
import type { SettingsService } from '../../invites/settings/service.js';
import type { ShareChannelService } from '../../invites/share-channel/service.js';
import type { Installation } from '../../invites/who-may-invite/rules.js';
import type { WhoMayInvite } from '../../invites/who-may-invite/service.js';
import type { ApprovalService } from '../../invites/approvals/service.js';
import type { ChannelCreationService } from '../../invites/channel-creation/service.js';
import type { AccessService } from '../../invites/access/service.js';
import type { BotIdentity } from '../deps.js';
import type { BatchService } from '../../invites/batches/service.js';
import type { BatchErrors, SourcedDraft } from '../../invites/batches/check.js';
import type { Requester, UserGroup } from '../../invites/ports.js';

export interface Workspace {
  installation: Installation;
  bot: BotIdentity;
  /** Views and messages outside a request (recovery's notices): the installation's own client. */
  client: WebClient;
  shareChannel: ShareChannelService;
  /** Several invitees from one form: checked together, sent at the workspace's pace. */
  batches: BatchService;
  /** The batch form's checks: the list, the uploaded file, Slack's facts. */
  checkBatch(draft: SourcedDraft, requester: Requester): Promise<{ errors?: BatchErrors; channelName?: string; draft?: SourcedDraft }>;
  invitePrivate: PrivateChannelService;
  dashboard: DashboardService;
  whoMayInvite: WhoMayInvite;
  settings: SettingsService;
  /** Slack Connect approvals, incoming invitations and Enterprise invite requests (admins). */
  approvals: ApprovalService;
  /** The workspace's user groups matching what someone types, for a form's menu (anyone in the workspace may choose one). */
  groupChoices(query: string): Promise<UserGroup[]>;
  /** Creates a new channel for invitations, once per submission, with the requester and the people they chose in it. */
  channelCreation: ChannelCreationService;
  /** After acceptance, a partner's access between limited and full (the inviter, and admins). */
  access: AccessService;
  /** Slack's pending Slack Connect invitations of this workspace (recovery's one listing per sweep). */
  listPendingInvites(): Promise<PendingInviteListing>;
  /** Shows a recovered invitation's outcome to the person who asked. */
  notify(invite: InviteRecord | PrivateInviteRecord): Promise<void>;
  /** Publishes a person's App Home again (their invitations changed without their doing: one expired). */
  republishHome(target: { teamId: string; userId: string; enterpriseId?: string | undefined }): Promise<boolean>;
  /** Reminds the person who asked that nobody has accepted the invitation, before it expires. */
  remind(invite: InviteRecord): Promise<void>;
}

/** Where Bolt's middleware leaves the request's workspace in the context. */
export const WORKSPACE_CONTEXT_KEY = 'workspace';

/** Set instead when the installation could not be looked up (the database is down): the request is answered, not dropped. */
export const WORKSPACE_UNAVAILABLE_KEY = 'workspaceUnavailable';

export function workspaceOf(context: Record<string, unknown>): Workspace | undefined {
  return context[WORKSPACE_CONTEXT_KEY] as Workspace | undefined;
}

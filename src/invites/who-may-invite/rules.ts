// Who may send invitations through the app. The app calls Slack with its own token, so Slack's
// rules about who may invite see the app, not the person: these rules stand in for them, judged
// on the server from Slack's facts (the signed request and users.info), never from a form.
// Pure: facts in, a verdict out.
import type { UserFacts } from '../ports.js';

/**
 * The installation a request is for, as it acts in one workspace. In single-workspace mode there
 * is one: the token's workspace, with the organization auth.test names for it on Enterprise Grid.
 * In OAuth mode, each workspace's own installation, or an organization's org-wide one (`orgWide`),
 * which serves every workspace of the org: `teamId` is then the workspace the request is in.
 */
export interface Installation {
  teamId: string;
  enterpriseId?: string | undefined;
  /** An Enterprise Grid org-wide installation: the whole organization is the installation's. */
  orgWide?: boolean | undefined;
}

/** Who acts, as Slack's signed request says (never the form). */
export interface Actor {
  userId: string;
  /** The installation the request is for; undefined: a workspace this app is not installed in. */
  installation: Installation | undefined;
  /** The acting person's own workspace as the request states it (body.user.team_id); slash commands carry none. */
  claimedTeamId?: string | undefined;
}

/** Each code has an entry in the error catalogue (what happened, what to do, who does it). */
export type RefusalCode =
  | 'requester_other_workspace'
  | 'app_not_installed'
  | 'requester_deactivated'
  | 'requester_is_bot'
  | 'requester_is_guest'
  | 'requester_not_in_invite_group'
  | 'invite_group_unavailable'
  | 'requester_check_failed'
  | 'missing_scope'
  | 'database_unavailable';

export interface Refusal {
  code: RefusalCode;
  /** For missing_scope: the scope Slack named. */
  neededScope?: string | undefined;
  /** For the user-group codes: the group the admins chose. */
  group?: { id: string; handle: string; name: string } | undefined;
}

/**
 * Whether a person is of the installation's workspace. Their own workspace (users.info team_id)
 * counts; on Enterprise Grid, so does being a member of the installed workspace while homed in
 * another of the same organization (enterprise_user.teams). A person of a sibling workspace who
 * is not a member of this one is refused: a workspace installation acts with that workspace's
 * authority only. An org-wide installation acts for the whole organization: anyone of the org.
 */
export function belongsToWorkspace(user: Pick<UserFacts, 'teamId' | 'enterpriseId' | 'workspaceIds'>, installation: Installation): boolean {
  if (installation.orgWide) return installation.enterpriseId !== undefined && user.enterpriseId === installation.enterpriseId;
  if (user.teamId !== undefined && user.teamId === installation.teamId) return true;
  return (
    installation.enterpriseId !== undefined &&
    user.enterpriseId === installation.enterpriseId &&
    (user.workspaceIds ?? []).includes(installation.teamId)
  );
}

/**
 * What the request alone shows, before asking Slack anything: a request for a workspace the app is
 * not installed in, or (outside Enterprise Grid, where a person can act in a workspace other than
 * their home one) by a person who says they are of another workspace, as someone of the other
 * organization in a Slack Connect channel does.
 */
export function refuseByRequest(actor: Actor): Refusal | undefined {
  const installation = actor.installation;
  if (!installation) return { code: 'requester_other_workspace' };
  if (actor.claimedTeamId && actor.claimedTeamId !== installation.teamId && installation.enterpriseId === undefined) {
    return { code: 'requester_other_workspace' };
  }
  return undefined;
}

/** Whether Slack's account facts allow this person to invite at all (either kind of invitation). */
export function refuseAccount(user: UserFacts | undefined, installation: Installation): RefusalCode | undefined {
  // users.info answers user_not_found for someone the app cannot see: not a person of this workspace.
  if (!user) return 'requester_other_workspace';
  if (user.deleted) return 'requester_deactivated';
  if (user.isBot) return 'requester_is_bot';
  if (!belongsToWorkspace(user, installation)) return 'requester_other_workspace';
  if (user.isRestricted || user.isUltraRestricted) return 'requester_is_guest';
  return undefined;
}

/** A workspace admin or owner of the installation's workspace (who may change the app's settings). */
export function isWorkspaceAdmin(user: UserFacts | undefined, installation: Installation): boolean {
  return !!user && refuseAccount(user, installation) === undefined && (user.isAdmin || user.isOwner);
}

/** Whether someone is a workspace admin or owner of the installation, asked of Slack now. */
export type AdminVerdict = 'admin' | 'not_admin' | 'other_workspace' | 'check_failed';

/**
 * The check behind every admin-only action (a setting, an approval): the request first (another
 * workspace is refused without asking), then Slack's facts now (`userNow`, never cached: an
 * authorization check); a look-up that fails is 'check_failed', never a yes.
 */
export async function adminNow(
  actor: Actor,
  userNow: (userId: string) => Promise<UserFacts | undefined>,
  onLookupError?: (err: unknown) => void,
): Promise<AdminVerdict> {
  if (refuseByRequest(actor) || !actor.installation) return 'other_workspace';
  let user: UserFacts | undefined;
  try {
    user = await userNow(actor.userId);
  } catch (err) {
    onLookupError?.(err);
    return 'check_failed';
  }
  return isWorkspaceAdmin(user, actor.installation) ? 'admin' : 'not_admin';
}

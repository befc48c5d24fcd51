// Which installation a request is for, and who acts, from what Slack signed: Bolt's context
// (which Bolt derives from the event's authorizations, a view's app_installed_team_id, a command's
// team_id), never body.team, which for a view sent from the other side of a Slack Connect channel
// is the other organization (../shared/reference/slack-samples/interactive/
// view_submission_slack_connect_other_side.json).
//
// Single-workspace mode: the bot token's workspace (auth.test) is the only installation, so a
// request whose context names another workspace is for no installation of this app. Its Grid
// organization is auth.test's too: Bolt's context.enterpriseId comes from body.enterprise, which
// on that same sample is the other side's organization. An OAuth, multi-workspace or org-wide
// installation (a later issue) replaces this one function: look the context's team or enterprise
// up in the installation store.
import type { Actor, Installation } from '../invites/who-may-invite/rules.js';
import type { BotIdentity } from './deps.js';

export type { Actor, Installation };

interface BoltContext {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
}

export function installationOf(context: BoltContext, bot: Pick<BotIdentity, 'teamId' | 'enterpriseId'>): Installation | undefined {
  if (!context.teamId || context.teamId !== bot.teamId) return undefined;
  return { teamId: bot.teamId, enterpriseId: bot.enterpriseId };
}

/** Who acts: the signed user, the installation the request is for, and the workspace Slack says the user is of (views and actions carry it). */
export function actorOf(context: BoltContext, bot: Pick<BotIdentity, 'teamId' | 'enterpriseId'>, user: { id: string; team_id?: string | undefined }): Actor {
  return { userId: user.id, installation: installationOf(context, bot), claimedTeamId: user.team_id || undefined };
}

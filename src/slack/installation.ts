// Which installation a request is for, and who acts, from what Slack signed: the workspace the
// app's authorize found for Bolt's context (see workspaces/resolver.ts), never body.team, which
// for a view sent from the other side of a Slack Connect channel is the other organization
// (docs/slack-samples/interactive/view_submission_slack_connect_other_side.json).
import type { Requester } from '../invites/ports.js';
import type { Actor, Installation } from '../invites/who-may-invite/rules.js';
import { workspaceOf } from './workspaces/workspace.js';

export type { Actor, Installation };

export function installationOf(context: Record<string, unknown>): Installation | undefined {
  return workspaceOf(context)?.installation;
}

/** Who acts: the signed user, the installation the request is for, and the workspace Slack says the user is of (views and actions carry it). */
export function actorOf(context: Record<string, unknown>, user: { id: string; team_id?: string | undefined }): Actor {
  return { userId: user.id, installation: installationOf(context), claimedTeamId: user.team_id || undefined };
}

/** A person of the installation's workspace, as the services and the Home tab name them. */
export function requesterOf(installation: Installation, userId: string): Requester {
  return { teamId: installation.teamId, enterpriseId: installation.enterpriseId, userId };
}

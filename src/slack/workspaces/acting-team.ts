// The workspace a request happens in, from the signed body. For an org-wide installation this
// is not the installation (the organization) but one of its workspaces, which an org token must
// name as team_id. Pure: never throws, whatever the body holds.
import { obj, str } from '../parse/loose.js';

/** A workspace ID (T…), never an organization's (E…), which a view of an org app carries as app_installed_team_id. */
const workspace = (id: string | undefined): string | undefined => (id && !id.startsWith('E') ? id : undefined);

export function actingTeamOf(body: unknown): string | undefined {
  const b = obj(body) ?? {};
  const view = obj(b.view);
  const user = obj(b.user);
  const team = obj(b.team);
  // Commands and event envelopes name it at the top; views their own team; actions and menus the team or the person's.
  return (
    workspace(str(b.team_id)) ??
    workspace(str(view?.team_id)) ??
    workspace(str(team?.id)) ??
    workspace(str(user?.team_id)) ??
    workspace(str(obj(b.event)?.team))
  );
}

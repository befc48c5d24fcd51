// Which invitations' access can be changed, and what that change is: pure, so the Home tab (which
// offers the button) and the service (which decides) read the same rule.
import type { InviteRecord } from '../ports.js';
import type { Access } from './ports.js';

/** An accepted Slack Connect invitation whose accepting team Slack named: the team whose access can change. */
export function accessChangeable(invite: Pick<InviteRecord, 'kind' | 'status' | 'acceptedByTeamId'>): boolean {
  return invite.kind === 'SLACK_CONNECT' && invite.status === 'ACCEPTED' && !!invite.acceptedByTeamId;
}

/** The access the invitation's team has now, as the app recorded it (no record: limited, Slack's default). */
export function accessOf(invite: Pick<InviteRecord, 'externalLimited'>): Access {
  return invite.externalLimited === false ? 'full' : 'limited';
}

/** The change a button offers: the other access. */
export function otherAccess(access: Access): Access {
  return access === 'full' ? 'limited' : 'full';
}

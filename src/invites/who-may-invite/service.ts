// Whether the person asking may send invitations through the app, checked on the server from
// Slack's facts before anything is sent: when the command is typed (so no form opens for someone
// who cannot use it) and again when the form is sent (the form is never trusted). Guests, apps and
// deactivated accounts never may; people of another workspace or organization (someone on the
// other side of a Slack Connect channel) never may; for Slack Connect invitations, when admins
// chose a user group, only its members (and admins and owners) may. No answer from Slack in time,
// or an error, is a refusal: this is an authorization check. Knows nothing of Slack's SDK.
import type { Logger } from '../../logger.js';
import { withDeadline } from '../deadline.js';
import { LookupFailedError, type UserGroupDirectory, type WorkspaceDirectory } from '../ports.js';
import type { SettingsReader } from '../settings/service.js';
import { refuseAccount, refuseByRequest, type Actor, type Refusal } from './rules.js';

export type { Actor, Refusal };

/** Which invitation is asked for: the user-group setting applies to Slack Connect invitations only. */
export type InviteKind = 'slack_connect' | 'private_channel';

export interface WhoMayInviteDeps {
  directory: Pick<WorkspaceDirectory, 'user'>;
  groups: UserGroupDirectory;
  settings: Pick<SettingsReader, 'get'>;
  logger: Logger;
  /** Inside Slack's 3-second window, beside the form's own checks. */
  lookupTimeoutMs?: number;
}

export interface CheckOptions {
  /** Read the settings from the database rather than the few seconds' cache (the submission, which decides). */
  fresh: boolean;
  /** How long the look-ups may take; by default the lookups' own deadline (inside Slack's 3 seconds, for the command). */
  timeoutMs?: number;
}

export type WhoMayInvite = ReturnType<typeof createWhoMayInvite>;

export function createWhoMayInvite({ directory, groups, settings, logger, lookupTimeoutMs = 1500 }: WhoMayInviteDeps) {
  async function judge(kind: InviteKind, actor: Actor & { installation: NonNullable<Actor['installation']> }, options: CheckOptions): Promise<Refusal | undefined> {
    const { installation, userId } = actor;
    const user = directory.user(userId);
    user.catch(() => undefined); // awaited below; a failure meanwhile must not go unhandled
    const setting =
      kind === 'slack_connect'
        ? settings.get(installation.teamId, options).catch((err: unknown) => {
            throw new SettingsUnavailableError(err);
          })
        : undefined;
    // The group's members are asked for at once, beside the profile; unused if the profile refuses.
    const group = (await setting)?.inviteGroup;
    const members = group ? groups.members(group.id) : undefined;
    members?.catch(() => undefined);

    const facts = await user;
    const code = refuseAccount(facts, installation);
    if (code) return { code };
    // Admins and owners may always (they can change the setting anyway), as in Slack's own setting.
    if (!group || !members || facts?.isAdmin || facts?.isOwner) return undefined;
    const inGroup = await members;
    if (!inGroup) return { code: 'invite_group_unavailable', group };
    return inGroup.has(userId) ? undefined : { code: 'requester_not_in_invite_group', group };
  }

  return {
    /** What the request alone refuses (no Slack call): the caller need not look anything up for them. */
    refusedByRequest(actor: Actor): Refusal | undefined {
      return refuseByRequest(actor);
    },

    /** undefined: the person may send this kind of invitation; otherwise why not. */
    async check(kind: InviteKind, actor: Actor, options: CheckOptions): Promise<Refusal | undefined> {
      const early = refuseByRequest(actor);
      const installation = actor.installation;
      let refusal: Refusal | undefined;
      if (early || !installation) {
        refusal = early ?? { code: 'requester_other_workspace' };
      } else {
        try {
          refusal = await withDeadline(judge(kind, { ...actor, installation }, options), options.timeoutMs ?? lookupTimeoutMs);
        } catch (err) {
          logger.warn({ err, userId: actor.userId }, 'could not check with Slack who is asking; refused');
          refusal = failedLookup(err);
        }
      }
      if (refusal) logger.info({ userId: actor.userId, kind, refusal: refusal.code, groupId: refusal.group?.id }, 'invitation refused: who is asking may not send it');
      return refusal;
    },
  };
}

/** The workspace's settings could not be read (the database): said as such, not as Slack's silence. */
class SettingsUnavailableError extends Error {
  override name = 'SettingsUnavailableError';
  constructor(override readonly cause: unknown) {
    super('the workspace settings could not be read');
  }
}

function failedLookup(err: unknown): Refusal {
  if (err instanceof SettingsUnavailableError) return { code: 'database_unavailable' };
  if (err instanceof LookupFailedError && err.failure.kind === 'slack_error' && err.failure.code === 'missing_scope') {
    return { code: 'missing_scope', neededScope: err.failure.neededScope ?? 'usergroups:read' };
  }
  return { code: 'requester_check_failed' };
}

// After acceptance, changing the accepting team's access to a Slack Connect channel between
// limited (post only) and full (conversations.externalInvitePermissions.set). Who may: the
// invitation's inviter while they still may send Slack Connect invitations (who-may-invite
// decides, from Slack's facts now), and workspace admins and owners (asked of Slack at the click);
// never taken from the button. Changes of one invitation go to Slack one at a time under its row
// lock, and each is recorded only after Slack said ok, so the last record is what Slack last
// applied. Knows nothing of Slack's SDK.
import type { Logger } from '../../logger.js';
import { failureFields } from '../call-failure.js';
import type { ExternalAccessMethod } from '../explanations/catalogue.js';
import type { InviteRecord, UserFacts } from '../ports.js';
import { adminNow, refuseByRequest, type Actor, type Refusal } from '../who-may-invite/rules.js';
import type { WhoMayInvite } from '../who-may-invite/service.js';
import type { Access, AccessRepository, ExternalAccessGateway } from './ports.js';
import { accessChangeable, accessOf } from './rules.js';

export const ACCESS_METHOD: ExternalAccessMethod = 'conversations.externalInvitePermissions.set';

/** Each has an entry in the error catalogue. */
export type AccessRefusalCode =
  | 'access_change_unavailable'
  | 'access_invite_not_found'
  | 'access_not_changeable'
  | 'not_access_changer'
  | 'requester_other_workspace'
  | 'requester_check_failed'
  | 'database_unavailable'
  | Refusal['code'];

export type AccessChangeOutcome =
  | { kind: 'changed'; invite: InviteRecord; by: 'inviter' | 'admin' }
  /** The invitation already has that access (another click got there first): nothing sent. */
  | { kind: 'unchanged'; invite: InviteRecord }
  | { kind: 'refused'; code: AccessRefusalCode; neededScope?: string | undefined; group?: Refusal['group'] }
  /** Slack refused or did not answer; nothing recorded. `code`: Slack's, or the app's word for no answer. */
  | { kind: 'failed'; code: string; method: ExternalAccessMethod; retryAfterSeconds?: number | undefined; neededScope?: string | undefined };

/** Whom the Home tab offers the buttons to: nobody, the person's own invitations, or every one they see (admins). */
export type AccessOffer = 'none' | 'own' | 'all';

export interface AccessServiceDeps {
  repo: AccessRepository;
  gateway: ExternalAccessGateway;
  whoMayInvite: Pick<WhoMayInvite, 'check'>;
  /** Slack's facts about a person now (users.info, never cached: an authorization check). */
  userNow(userId: string): Promise<UserFacts | undefined>;
  /** Whether the installation holds conversations.connect:manage, which the method needs. */
  canManage(): boolean;
  logger: Logger;
}

export type AccessService = ReturnType<typeof createAccessService>;

export function createAccessService({ repo, gateway, whoMayInvite, userNow, canManage, logger }: AccessServiceDeps) {
  /** Who the actor is for this invitation, or why they may not change it. */
  async function authorize(actor: Actor, invite: InviteRecord): Promise<'inviter' | 'admin' | AccessChangeOutcome> {
    if (invite.requesterUserId === actor.userId) {
      // Giving full access lets the partner invite others: only someone who may invite now may.
      const refusal = await whoMayInvite.check('slack_connect', actor, { fresh: true });
      if (!refusal) return 'inviter';
      return { kind: 'refused', code: refusal.code, neededScope: refusal.neededScope, group: refusal.group };
    }
    const verdict = await adminNow(actor, userNow, (err) => logger.warn({ err, userId: actor.userId }, 'could not check with Slack whether the person is a workspace admin; access not changed'));
    if (verdict === 'admin') return 'admin';
    const code = verdict === 'check_failed' ? 'requester_check_failed' : verdict === 'other_workspace' ? 'requester_other_workspace' : 'not_access_changer';
    return { kind: 'refused', code };
  }

  async function change(actor: Actor, teamId: string, inviteId: string, to: Access): Promise<AccessChangeOutcome> {
    const found = await repo.find(teamId, inviteId);
    if (!found) return { kind: 'refused', code: 'access_invite_not_found' };
    if (!accessChangeable(found)) return { kind: 'refused', code: 'access_not_changeable' };
    // Slack is asked who may before the lock: no look-up holds it.
    const by = await authorize(actor, found);
    if (typeof by !== 'string') return by;
    const log = logger.child({ inviteId, to, by, userId: actor.userId });
    return repo.withLock(teamId, inviteId, async (locked) => {
      if (!locked) return { kind: 'refused', code: 'access_invite_not_found' };
      const { invite } = locked;
      if (!accessChangeable(invite)) return { kind: 'refused', code: 'access_not_changeable' };
      if (accessOf(invite) === to) {
        log.info('the invitation already has that access; nothing sent');
        return { kind: 'unchanged', invite };
      }
      const targetTeamId = invite.acceptedByTeamId as string;
      const result = await gateway.setAccess(invite.channelId, targetTeamId, to);
      if (!result.ok) {
        const { errorCode, errorDetail, retryAfterSeconds } = failureFields(result);
        log.warn({ code: errorCode, targetTeamId }, 'Slack did not change the access; nothing recorded');
        const neededScope = result.kind === 'slack_error' ? errorDetail : undefined;
        return { kind: 'failed', code: errorCode, method: ACCESS_METHOD, retryAfterSeconds, neededScope };
      }
      const changed = await locked.record({ externalLimited: to === 'limited', targetTeamId, changedByUserId: actor.userId });
      log.info({ targetTeamId }, 'access changed in Slack and recorded');
      return { kind: 'changed', invite: changed, by };
    });
  }

  return {
    /** Whether the Home tab offers the buttons to this person (the click is checked again, with Slack, whatever it offered). */
    async offer(actor: Actor, { isAdmin }: { isAdmin: boolean }): Promise<AccessOffer> {
      if (!canManage() || refuseByRequest(actor)) return 'none';
      if (isAdmin) return 'all';
      return (await whoMayInvite.check('slack_connect', actor, { fresh: false })) ? 'none' : 'own';
    },

    /** Gives the invitation's accepting team `to` access in its channel, if the actor may. */
    async changeAccess(actor: Actor, inviteId: string, to: Access): Promise<AccessChangeOutcome> {
      if (refuseByRequest(actor) || !actor.installation) return { kind: 'refused', code: 'requester_other_workspace' };
      if (!canManage()) return { kind: 'refused', code: 'access_change_unavailable' };
      try {
        return await change(actor, actor.installation.teamId, inviteId, to);
      } catch (err) {
        logger.error({ err, inviteId }, 'could not change the access: the database failed');
        return { kind: 'refused', code: 'database_unavailable' };
      }
    },
  };
}

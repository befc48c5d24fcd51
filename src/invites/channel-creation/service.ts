// "Create the channel and invite in one step": the form names a new channel instead of choosing
// one. The app's bot creates it (conversations.create, so the app is in it), then adds the
// requester, the colleagues they chose and the members of a user group they chose
// (conversations.invite). The invitations themselves are the caller's next step.
//
// Idempotency: one submission (one idempotency key per workspace) creates at most one channel,
// however often it is delivered, even twice at once, and even when a process died between Slack's
// answer and the database write.
// 1. The request is recorded first (channel_creations, unique per team and key). A row that has
//    its channel already answers with that channel (created: false): no create call at all; the
//    adds are made again (Slack answers already_in_channel for whoever is in it, which is fine).
// 2. Each conversations.create is counted on the row (attempts) before it is sent.
// 3. Slack's own rule is the backstop: two channels cannot have one name, so a second create of
//    the same name answers name_taken. That answer, or no answer at all (a timeout, a dropped
//    connection, a 5xx: Slack may have created it), leads to *adoption*: the channel of that name
//    is taken as this request's own only when all of these hold:
//      - this attempt got no answer, or the row counts another attempt (earlier, or concurrent);
//      - Slack says the app's bot user created it (conversations.list `creator`);
//      - it is not archived, and public or private as asked;
//      - Slack created it no earlier than the request was recorded (less ADOPTION_SKEW_MS, for the
//        two clocks), so it is not an older channel of the same name;
//      - no other request of the workspace has it recorded as its own.
//    A name_taken that does not lead to adoption is the person's to resolve (below).
//    What adoption cannot tell apart: another request of the same workspace, naming the same
//    channel, whose process also died before recording it. Both would then use that one channel;
//    still never two channels.
// 4. The channel ID is recorded (CREATED) before anyone is added; once everyone was asked, COMPLETED.
//
// name_taken, not adopted: the channel of that name is looked up (conversations.list shows public
// channels and private ones the app is in). If it can be seen, is not archived, and the requester
// is a member, it is offered (existingChannelId/Name: "choose it above"); otherwise the answer only
// says the name is in use, giving away nothing of a channel the requester is not in.
//
// Other refusals (invalid names, a workspace setting, a missing scope, ...) are explained by the
// error catalogue's words for conversations.create. Knows nothing of Slack's SDK.
import { failureFields, isAmbiguous } from '../call-failure.js';
import { explainError } from '../error-catalogue.js';
import type { Logger } from '../../logger.js';
import type { PrivateChannelGateway, Requester, SlackCallFailure, UserGroupDirectory, WorkspaceDirectory } from '../ports.js';
import { LookupFailedError } from '../ports.js';
import { channelNameErrorCode, checkChannelName } from './name.js';
import type { ChannelCreationRecord, ChannelCreationRepository, ChannelGateway, ChannelSummary } from './ports.js';

export interface NewChannelRequest {
  name: string;
  isPrivate: boolean;
  memberUserIds: readonly string[];
  usergroupId?: string | undefined;
}

export type ChannelCreation =
  | { ok: true; channelId: string; channelName: string; created: boolean; notAdded: ReadonlyArray<{ userId: string; errorCode: string }> }
  | { ok: false; errorCode: string; problem: string; existingChannelId?: string; existingChannelName?: string };

export interface ChannelCreationServiceDeps {
  repo: ChannelCreationRepository;
  gateway: ChannelGateway;
  /** conversations.invite, everyone Slack can add at once (src/slack/gateways/private-channel.ts). */
  inviter: Pick<PrivateChannelGateway, 'invite'>;
  directory: Pick<WorkspaceDirectory, 'isMember'>;
  usergroups: Pick<UserGroupDirectory, 'members'>;
  /** The app's bot user: the creator of the channels it may adopt, and never someone to add. */
  botUserId: string;
  appName: string;
  logger: Logger;
  /** How much earlier than the request Slack's clock may date a channel the request created. */
  adoptionSkewMs?: number;
}

export type ChannelCreationService = ReturnType<typeof createChannelCreationService>;

export const ADOPTION_SKEW_MS = 5 * 60_000;
/** conversations.invite takes at most this many people a call. */
const INVITE_BATCH = 100;
/** Codes that mean the person is in the channel: not a failure to add them. */
const ALREADY_IN = new Set(['already_in_channel']);

export function createChannelCreationService(deps: ChannelCreationServiceDeps) {
  const { repo, gateway, inviter, directory, usergroups, botUserId, appName, logger } = deps;
  const skewMs = deps.adoptionSkewMs ?? ADOPTION_SKEW_MS;

  function refusal(errorCode: string, failure?: SlackCallFailure): ChannelCreation {
    const e = explainError(errorCode, {
      method: 'conversations.create',
      appName,
      ...(failure?.kind === 'slack_error' && failure.neededScope ? { neededScope: failure.neededScope } : {}),
      ...(failure?.kind === 'rate_limited' ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
    });
    return { ok: false, errorCode, problem: `${e.whatHappened} ${e.whatToDo}` };
  }

  /** The channel of `name` if it is this request's own to adopt (see the header), else undefined. */
  async function adoptable(row: ChannelCreationRecord, name: string, isPrivate: boolean): Promise<ChannelSummary | undefined> {
    const found = await gateway.findByName(name);
    if (!found.ok) {
      logger.warn({ failure: failureFields(found), creation: row.id }, 'could not look for the channel an earlier attempt may have created');
      return undefined;
    }
    const ch = found.channel;
    if (!ch || ch.creatorId !== botUserId || ch.isArchived || ch.isPrivate !== isPrivate) return undefined;
    if (ch.createdAt !== undefined && ch.createdAt.getTime() < row.createdAt.getTime() - skewMs) return undefined;
    if (await repo.channelClaimedByOther(row.teamId, ch.id, row.id)) return undefined;
    return ch;
  }

  /** name_taken and not this request's channel: offered only to a member of it, else only "the name is in use". */
  async function nameTaken(requester: Requester, name: string): Promise<ChannelCreation> {
    const found = await gateway.findByName(name);
    const ch = found.ok ? found.channel : undefined;
    if (ch && !ch.isArchived) {
      const isMember = await directory.isMember(ch.id, requester.userId).catch((error: unknown) => {
        logger.warn({ err: error }, 'could not check whether the requester is in the channel of that name');
        return false;
      });
      if (isMember) {
        return {
          ok: false,
          errorCode: 'name_taken',
          problem: `#${ch.name} already exists and you are in it: choose it above, or pick another name.`,
          existingChannelId: ch.id,
          existingChannelName: ch.name,
        };
      }
    }
    return refusal('name_taken');
  }

  /** Everyone to add, once each, never the app's own bot user; a user group that cannot be listed is reported under its ID. */
  async function people(requester: Requester, request: NewChannelRequest): Promise<{ userIds: string[]; unlisted: Array<{ userId: string; errorCode: string }> }> {
    const ids = [requester.userId, ...request.memberUserIds];
    const unlisted: Array<{ userId: string; errorCode: string }> = [];
    if (request.usergroupId) {
      try {
        const members = await usergroups.members(request.usergroupId);
        if (members) ids.push(...members);
        else unlisted.push({ userId: request.usergroupId, errorCode: 'usergroup_not_found' });
      } catch (error) {
        if (!(error instanceof LookupFailedError)) throw error;
        unlisted.push({ userId: request.usergroupId, errorCode: failureFields(error.failure).errorCode });
      }
    }
    return { userIds: [...new Set(ids)].filter((id) => id !== botUserId && id !== ''), unlisted };
  }

  async function addPeople(row: ChannelCreationRecord, requester: Requester, request: NewChannelRequest, created: boolean): Promise<ChannelCreation> {
    const channelId = row.channelId as string;
    const { userIds, unlisted } = await people(requester, request);
    const notAdded = [...unlisted];
    for (let i = 0; i < userIds.length; i += INVITE_BATCH) {
      const batch = userIds.slice(i, i + INVITE_BATCH);
      const result = await inviter.invite(channelId, batch);
      const answered = new Map(result.answers.map((a) => [a.userId, a]));
      // Slack's code for the whole call stands for everyone it gave no answer of their own.
      const callCode = result.failure ? failureFields(result.failure).errorCode : undefined;
      for (const userId of batch) {
        const answer = answered.get(userId);
        const code = answer ? (answer.outcome === 'FAILED' ? answer.errorCode : undefined) : callCode;
        if (code !== undefined && !ALREADY_IN.has(code)) notAdded.push({ userId, errorCode: code });
      }
    }
    const done = await repo.recordCompleted(row.id);
    if (notAdded.length > 0) logger.info({ creation: row.id, channel: channelId, notAdded: notAdded.length }, 'new channel: some people were not added');
    return { ok: true, channelId, channelName: done.channelName ?? row.name, created, notAdded };
  }

  async function ensureChannel(requester: Requester, request: NewChannelRequest, idempotencyKey: string): Promise<ChannelCreation> {
    const checked = checkChannelName(request.name);
    if (!checked.ok) return { ok: false, errorCode: channelNameErrorCode(request.name) ?? 'invalid_name', problem: checked.problem };
    const { name } = checked;

    let row: ChannelCreationRecord;
    try {
      row = await repo.record({ teamId: requester.teamId, enterpriseId: requester.enterpriseId, requesterUserId: requester.userId, idempotencyKey, name, isPrivate: request.isPrivate });
    } catch (error) {
      logger.error({ err: error }, 'could not record the channel request');
      return refusal('database_unavailable');
    }
    // A channel already recorded for this submission is the answer, whatever this delivery asks.
    if (row.channelId) return addPeople(row, requester, request, false);

    row = await repo.startAttempt(row.id, name, request.isPrivate);
    if (row.channelId) return addPeople(row, requester, request, false);

    const result = await gateway.create(name, request.isPrivate);
    if (result.ok) {
      row = await repo.recordChannel(row.id, result.channel.id, result.channel.name);
      if (row.channelId !== result.channel.id) logger.error({ creation: row.id, created: result.channel.id, recorded: row.channelId }, 'two channels for one request');
      logger.info({ creation: row.id, channel: row.channelId, private: request.isPrivate }, 'channel created');
      return addPeople(row, requester, request, row.channelId === result.channel.id);
    }

    const nameIsTaken = result.kind === 'slack_error' && result.code === 'name_taken';
    if (nameIsTaken || isAmbiguous(result)) {
      // Another attempt of this request may have created it, or this one may have without saying so.
      const now = await repo.find(row.id);
      if (now.channelId) return addPeople(now, requester, request, false);
      if (!nameIsTaken || now.attempts > 1) {
        const ours = await adoptable(now, name, request.isPrivate);
        if (ours) {
          row = await repo.recordChannel(row.id, ours.id, ours.name);
          logger.info({ creation: row.id, channel: row.channelId, attempts: now.attempts }, 'adopted the channel an earlier attempt created');
          return addPeople(row, requester, request, false);
        }
      }
    }

    const { errorCode } = failureFields(result);
    await repo.recordFailure(row.id, errorCode);
    logger.info({ creation: row.id, errorCode }, 'channel not created');
    return nameIsTaken ? nameTaken(requester, name) : refusal(errorCode, result);
  }

  return { ensureChannel };
}

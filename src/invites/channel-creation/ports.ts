// What creating a channel needs from Slack and from the database, as interfaces: the service
// (./service.ts) imports nothing from Slack or Prisma. src/slack/gateways/channels.ts and
// src/db/channel-creation-repository.ts implement them.
import type { SlackCallFailure } from '../ports.js';

/** A channel as Slack describes it (conversations.create, conversations.list). */
export interface ChannelSummary {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** Who created it: the app's bot user for a channel the app created. */
  creatorId: string | undefined;
  /** When Slack created it (its `created`, whole seconds). */
  createdAt: Date | undefined;
}

export type CreateChannelResult = { ok: true; channel: ChannelSummary } | ({ ok: false } & SlackCallFailure);

/** undefined: no channel of that name the app can see (a private one it is not in stays unseen). */
export type FindChannelResult = { ok: true; channel: ChannelSummary | undefined } | ({ ok: false } & SlackCallFailure);

export interface ChannelGateway {
  /** conversations.create by the app's bot user (so the app is in it); org-wide installs name the workspace. */
  create(name: string, isPrivate: boolean): Promise<CreateChannelResult>;
  /** The channel of exactly this name, archived ones too, by paging conversations.list (Tier 2: used only after name_taken). */
  findByName(name: string): Promise<FindChannelResult>;
}

/** One request to create a channel, as recorded before Slack is asked. */
export interface ChannelCreationRecord {
  id: string;
  teamId: string;
  idempotencyKey: string;
  name: string;
  isPrivate: boolean;
  requesterUserId: string;
  channelId: string | null;
  channelName: string | null;
  /** CREATING (no channel known yet), CREATED (channel known, people being added), COMPLETED, FAILED. */
  status: ChannelCreationStatus;
  /** conversations.create calls made for it, this one included once `startAttempt` returned. */
  attempts: number;
  errorCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ChannelCreationStatus = 'CREATING' | 'CREATED' | 'COMPLETED' | 'FAILED';

export interface NewChannelCreation {
  teamId: string;
  enterpriseId?: string | undefined;
  requesterUserId: string;
  idempotencyKey: string;
  name: string;
  isPrivate: boolean;
}

export interface ChannelCreationRepository {
  /** Records the request, or returns the one already recorded for the same team and key (never two rows). */
  record(request: NewChannelCreation): Promise<ChannelCreationRecord>;
  /** The row as it is now. */
  find(id: string): Promise<ChannelCreationRecord>;
  /**
   * One more conversations.create attempt, counted in one statement (concurrent attempts are each
   * counted), with the name and privacy this attempt asks for; a row that has its channel already
   * is returned unchanged.
   */
  startAttempt(id: string, name: string, isPrivate: boolean): Promise<ChannelCreationRecord>;
  /**
   * The channel Slack created (or that was adopted) for it: CREATED. Keeps a channel already
   * recorded (a concurrent attempt's): the row's channel, as it now stands, is returned.
   */
  recordChannel(id: string, channelId: string, channelName: string): Promise<ChannelCreationRecord>;
  recordFailure(id: string, errorCode: string): Promise<ChannelCreationRecord>;
  /** Everyone was asked to be added: COMPLETED. */
  recordCompleted(id: string): Promise<ChannelCreationRecord>;
  /** Whether a request other than `exceptId` of the workspace has this channel recorded (then it is not this one's to adopt). */
  channelClaimedByOther(teamId: string, channelId: string, exceptId: string): Promise<boolean>;
}

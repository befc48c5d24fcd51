// The app's installations (one per workspace install, one per Enterprise Grid org-wide install),
// through raw SQL as the other repositories. Every token is stored as ciphertext bound to its row
// and column (`${key}:bot_token`, …), so the database alone never yields a usable token and a
// ciphertext copied elsewhere does not decrypt. Plain types: nothing here knows @slack/*.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { TokenCipher } from './token-cipher.js';

export interface InstallationTokens {
  token: string;
  refreshToken?: string | undefined;
  expiresAt?: Date | undefined;
}

export interface StoredInstallation {
  key: string;
  teamId?: string;
  teamName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  isEnterpriseInstall: boolean;
  appId?: string;
  tokenType?: string;
  bot?: InstallationTokens & { id: string; userId: string; scopes: string[] };
  user?: { id: string; scopes?: string[]; tokens?: InstallationTokens };
  installedAt: Date;
  updatedAt: Date;
}

export type NewInstallation = Omit<StoredInstallation, 'key' | 'installedAt' | 'updatedAt'>;

export interface InstallationQuery {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
}

export interface InstallationRepository {
  /** Upsert by key; installed_at is kept on a re-install. A kind of token (bot, user) the installation does not bring is kept as stored. */
  save(installation: NewInstallation): Promise<StoredInstallation>;
  find(q: InstallationQuery): Promise<StoredInstallation | undefined>;
  /** The installation serving a workspace: its own workspace install, else its org's org-wide install. */
  findForWorkspace(teamId: string | undefined, enterpriseId: string | undefined): Promise<StoredInstallation | undefined>;
  delete(key: string): Promise<boolean>;
  /** Decrypts the most recently written installation's tokens: throws TokenDecryptionError when the key is not theirs. */
  verifyKey(): Promise<void>;
  /** tokens_revoked: drop the bot token (bot: true) and/or the user tokens of these user IDs; returns what remains; deletes the row when no token remains. */
  revokeTokens(key: string, revoked: { bot?: boolean; userIds?: string[] }): Promise<StoredInstallation | undefined>;
  /**
   * Token rotation across replicas: locks the row, calls `refresh` with the locked, current row,
   * and stores the bot tokens it returns before the lock is released. A second caller waits, then
   * sees the first one's new token. Returns the row as stored.
   */
  withBotTokenLocked(key: string, refresh: (current: StoredInstallation) => Promise<InstallationTokens | undefined>): Promise<StoredInstallation | undefined>;
}

export interface InstallationRepositoryOptions {
  /** How long withBotTokenLocked waits for another process's lock on the row (default 10 s). */
  lockWaitMs?: number;
  /** How long the whole locked refresh may take, wait included (default 30 s); then it is rolled back. */
  lockTransactionMs?: number;
}

/** withBotTokenLocked waited longer than its bound for another process's lock on the row (a refresh in progress there). */
export class InstallationLockTimeoutError extends Error {
  override name = 'InstallationLockTimeoutError';
}

const isLockTimeout = (error: unknown) =>
  (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } }).meta?.driverAdapterError?.cause?.originalCode === '55P03';

/** 'team:T…' for a workspace install, 'enterprise:E…' for an org-wide install. */
export function installationKey(q: InstallationQuery): string {
  if (q.isEnterpriseInstall) {
    if (!q.enterpriseId) throw new Error('An org-wide installation needs its enterprise ID.');
    return `enterprise:${q.enterpriseId}`;
  }
  if (!q.teamId) throw new Error('A workspace installation needs its team ID.');
  return `team:${q.teamId}`;
}

interface Row {
  key: string;
  teamId: string | null;
  teamName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botId: string | null;
  botUserId: string | null;
  botScopes: string[];
  botToken: string | null;
  botRefreshToken: string | null;
  botTokenExpiresAt: Date | null;
  userId: string | null;
  userScopes: string[] | null;
  userToken: string | null;
  userRefreshToken: string | null;
  userTokenExpiresAt: Date | null;
  tokenType: string | null;
  installedAt: Date;
  updatedAt: Date;
}

const COLUMNS = Prisma.raw(`installation_key AS "key", team_id AS "teamId", team_name AS "teamName", enterprise_id AS "enterpriseId",
  enterprise_name AS "enterpriseName", is_enterprise_install AS "isEnterpriseInstall", app_id AS "appId", bot_id AS "botId",
  bot_user_id AS "botUserId", bot_scopes AS "botScopes", bot_token AS "botToken", bot_refresh_token AS "botRefreshToken",
  bot_token_expires_at AS "botTokenExpiresAt", user_id AS "userId", user_scopes AS "userScopes", user_token AS "userToken",
  user_refresh_token AS "userRefreshToken", user_token_expires_at AS "userTokenExpiresAt", token_type AS "tokenType",
  installed_at AS "installedAt", updated_at AS "updatedAt"`);

/**
 * On a re-install, each group is replaced only when the new installation brings its token, or
 * when none is stored: a user-only authorization keeps the bot token, and a bot refresh that
 * Bolt saves from another person's request (who was not given the installer's token) keeps the
 * installer's user token.
 */
const keptUnlessReplaced = (tokenColumn: string, columns: string[]) =>
  columns.map(
    (c) => `${c} = CASE WHEN EXCLUDED.${tokenColumn} IS NULL AND slack_installations.${tokenColumn} IS NOT NULL THEN slack_installations.${c} ELSE EXCLUDED.${c} END`,
  );
const ON_REINSTALL = Prisma.raw(
  [
    ...['team_id', 'team_name', 'enterprise_id', 'enterprise_name', 'is_enterprise_install', 'app_id'].map((c) => `${c} = EXCLUDED.${c}`),
    ...keptUnlessReplaced('bot_token', ['bot_id', 'bot_user_id', 'bot_scopes', 'bot_refresh_token', 'bot_token_expires_at', 'token_type', 'bot_token']),
    ...keptUnlessReplaced('user_token', ['user_id', 'user_scopes', 'user_refresh_token', 'user_token_expires_at', 'user_token']),
    'updated_at = now()',
  ].join(',\n'),
);

const present = <K extends string, V>(name: K, value: V | null | undefined) => (value === null || value === undefined ? {} : ({ [name]: value } as { [P in K]: V }));

export function createInstallationRepository(
  prisma: PrismaClient,
  cipher: TokenCipher,
  { lockWaitMs = 10_000, lockTransactionMs = 30_000 }: InstallationRepositoryOptions = {},
): InstallationRepository {
  const seal = (key: string, column: string, plain: string | undefined) => (plain === undefined ? null : cipher.encrypt(plain, `${key}:${column}`));
  const open = (key: string, column: string, sealed: string | null) => (sealed === null ? undefined : cipher.decrypt(sealed, `${key}:${column}`));

  function toStored(row: Row): StoredInstallation {
    const botToken = open(row.key, 'bot_token', row.botToken);
    const userToken = open(row.key, 'user_token', row.userToken);
    return {
      key: row.key,
      ...present('teamId', row.teamId),
      ...present('teamName', row.teamName),
      ...present('enterpriseId', row.enterpriseId),
      ...present('enterpriseName', row.enterpriseName),
      isEnterpriseInstall: row.isEnterpriseInstall,
      ...present('appId', row.appId),
      ...present('tokenType', row.tokenType),
      // A revoked bot token leaves the bot's ids behind, but no bot to act as.
      ...(botToken !== undefined && {
        bot: {
          id: row.botId ?? '',
          userId: row.botUserId ?? '',
          scopes: row.botScopes,
          token: botToken,
          ...present('refreshToken', open(row.key, 'bot_refresh_token', row.botRefreshToken)),
          ...present('expiresAt', row.botTokenExpiresAt),
        },
      }),
      ...(row.userId !== null && {
        user: {
          id: row.userId,
          ...present('scopes', row.userScopes),
          ...(userToken !== undefined && {
            tokens: {
              token: userToken,
              ...present('refreshToken', open(row.key, 'user_refresh_token', row.userRefreshToken)),
              ...present('expiresAt', row.userTokenExpiresAt),
            },
          }),
        },
      }),
      installedAt: row.installedAt,
      updatedAt: row.updatedAt,
    };
  }

  const byKey = async (key: string) => {
    const rows = await prisma.$queryRaw<Row[]>`SELECT ${COLUMNS} FROM slack_installations WHERE installation_key = ${key}`;
    return rows[0] ? toStored(rows[0]) : undefined;
  };

  /** The row locked (FOR UPDATE) for one refresh; a waiting replica then reads the row as the first one left it. */
  function lockedRefresh(key: string, refresh: Parameters<InstallationRepository['withBotTokenLocked']>[1]) {
    return prisma.$transaction(
      async (tx) => {
        // Waiting for another replica's refresh is bounded; so is the whole transaction (below).
        await tx.$queryRaw`SELECT set_config('lock_timeout', ${`${lockWaitMs}ms`}, true)`;
        const rows = await tx.$queryRaw<Row[]>`SELECT ${COLUMNS} FROM slack_installations WHERE installation_key = ${key} FOR UPDATE`;
        if (!rows[0]) return undefined;
        const current = toStored(rows[0]);
        const tokens = await refresh(current);
        if (!tokens) return current;
        if (!current.bot) throw new Error(`Installation ${key} has no bot token to replace.`);
        const updated = await tx.$queryRaw<Row[]>`
          UPDATE slack_installations SET bot_token = ${seal(key, 'bot_token', tokens.token)},
            bot_refresh_token = ${seal(key, 'bot_refresh_token', tokens.refreshToken)},
            bot_token_expires_at = ${tokens.expiresAt ?? null}::timestamptz, updated_at = now()
          WHERE installation_key = ${key}
          RETURNING ${COLUMNS}`;
        return toStored(updated[0] as Row);
      },
      { maxWait: 5_000, timeout: lockTransactionMs },
    );
  }

  return {
    async save(i) {
      const key = installationKey(i);
      const { bot, user } = i;
      const rows = await prisma.$queryRaw<Row[]>`
        INSERT INTO slack_installations (installation_key, team_id, team_name, enterprise_id, enterprise_name, is_enterprise_install, app_id,
          bot_id, bot_user_id, bot_scopes, bot_token, bot_refresh_token, bot_token_expires_at,
          user_id, user_scopes, user_token, user_refresh_token, user_token_expires_at, token_type, installed_at, updated_at)
        VALUES (${key}, ${i.teamId ?? null}, ${i.teamName ?? null}, ${i.enterpriseId ?? null}, ${i.enterpriseName ?? null}, ${i.isEnterpriseInstall}, ${i.appId ?? null},
          ${bot?.id ?? null}, ${bot?.userId ?? null}, ${bot?.scopes ?? []}::text[], ${seal(key, 'bot_token', bot?.token)},
          ${seal(key, 'bot_refresh_token', bot?.refreshToken)}, ${bot?.expiresAt ?? null}::timestamptz,
          ${user?.id ?? null}, ${user?.scopes ?? null}::text[], ${seal(key, 'user_token', user?.tokens?.token)},
          ${seal(key, 'user_refresh_token', user?.tokens?.refreshToken)}, ${user?.tokens?.expiresAt ?? null}::timestamptz,
          ${i.tokenType ?? null}, now(), now())
        ON CONFLICT (installation_key) DO UPDATE SET ${ON_REINSTALL}
        RETURNING ${COLUMNS}`;
      return toStored(rows[0] as Row);
    },

    find: (q) => byKey(installationKey(q)),

    async verifyKey() {
      const rows = await prisma.$queryRaw<Row[]>`
        SELECT ${COLUMNS} FROM slack_installations WHERE bot_token IS NOT NULL OR user_token IS NOT NULL ORDER BY updated_at DESC LIMIT 1`;
      if (rows[0]) toStored(rows[0]);
    },

    async findForWorkspace(teamId, enterpriseId) {
      const keys = [teamId && `team:${teamId}`, enterpriseId && `enterprise:${enterpriseId}`].filter((k): k is string => !!k);
      if (keys.length === 0) return undefined;
      // false sorts first: the workspace's own installation wins over its org's.
      const rows = await prisma.$queryRaw<Row[]>`
        SELECT ${COLUMNS} FROM slack_installations WHERE installation_key = ANY(${keys}::text[]) ORDER BY is_enterprise_install LIMIT 1`;
      return rows[0] ? toStored(rows[0]) : undefined;
    },

    async delete(key) {
      const rows = await prisma.$queryRaw<unknown[]>`DELETE FROM slack_installations WHERE installation_key = ${key} RETURNING 1`;
      return rows.length > 0;
    },

    async revokeTokens(key, { bot = false, userIds = [] }) {
      const rows = await prisma.$queryRaw<Row[]>`
        UPDATE slack_installations SET
          bot_token = CASE WHEN ${bot} THEN NULL ELSE bot_token END,
          bot_refresh_token = CASE WHEN ${bot} THEN NULL ELSE bot_refresh_token END,
          bot_token_expires_at = CASE WHEN ${bot} THEN NULL ELSE bot_token_expires_at END,
          user_token = CASE WHEN user_id = ANY(${userIds}::text[]) THEN NULL ELSE user_token END,
          user_refresh_token = CASE WHEN user_id = ANY(${userIds}::text[]) THEN NULL ELSE user_refresh_token END,
          user_token_expires_at = CASE WHEN user_id = ANY(${userIds}::text[]) THEN NULL ELSE user_token_expires_at END,
          updated_at = now()
        WHERE installation_key = ${key}
        RETURNING ${COLUMNS}`;
      const row = rows[0];
      if (!row) return undefined;
      if (row.botToken !== null || row.userToken !== null) return toStored(row);
      // No token left: the app is uninstalled there. Only while still empty: a re-install just now stays.
      const deleted = await prisma.$queryRaw<unknown[]>`
        DELETE FROM slack_installations WHERE installation_key = ${key} AND bot_token IS NULL AND user_token IS NULL RETURNING 1`;
      return deleted.length > 0 ? undefined : byKey(key);
    },

    async withBotTokenLocked(key, refresh) {
      try {
        return await lockedRefresh(key, refresh);
      } catch (error) {
        if (!isLockTimeout(error)) throw error;
        throw new InstallationLockTimeoutError(
          `Waited over ${lockWaitMs} ms for another process holding installation ${key}'s bot token (a token refresh there); nothing was changed.`,
          { cause: error },
        );
      }
    },
  };
}

// The installation store against real PostgreSQL: the contract Bolt needs (also run against
// @slack/oauth's MemoryInstallationStore, to prove the contract is Bolt's), then what only the
// database store promises: no token readable in the database, ciphertext bound to its row and
// column, key rotation, tokens_revoked, and one token refresh across replicas.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
// From Bolt: @slack/oauth's ESM named exports cannot be detected for the stores (cjs-module-lexer).
import { MemoryInstallationStore } from '@slack/bolt';
import { createPrismaClient } from '../../src/db/database.js';
import { createInstallationRepository, InstallationLockTimeoutError, installationKey, type InstallationRepository, type NewInstallation } from '../../src/db/installation-repository.js';
import { createTokenCipher, TokenDecryptionError } from '../../src/db/token-cipher.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { createPrismaInstallationStore } from '../../src/slack/oauth/installation-store.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { installationStoreContract, orgInstall, queryOf, workspaceInstall } from '../helpers/installation-store-contract.js';

const KEY = randomBytes(32);

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(() => db?.drop());

installationStoreContract('Prisma (PostgreSQL)', async () => {
  const prisma = createPrismaClient(db.url, 2);
  return { store: createPrismaInstallationStore(createInstallationRepository(prisma, createTokenCipher({ key: KEY }))), close: () => prisma.$disconnect() };
});

installationStoreContract('@slack/oauth MemoryInstallationStore', async () => ({ store: new MemoryInstallationStore(), close: async () => {} }), {
  // Bolt's development store is keyed by team or enterprise ID alone and returns whatever is under
  // it. Where it differs, it is on purpose and the cases are skipped for it:
  orgFallback: false, // Bolt itself asks with isEnterpriseInstall: true for org-wide installs; the fallback serves this app's own look-ups (recovery, by an invite's team and org).
  missingRejects: false, // it resolves to undefined, which Bolt's authorize also refuses ("Failed fetching data from the Installation Store").
  deleteOneUser: false, // it keeps one installation per key and deletes it whole.
  userTokenOnlyForItsUser: false, // it hands the installer's user token to every request; FileInstallationStore, like this app, does not.
});

const id = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;
const secret = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;

function newInstallation(teamId = id('T')): NewInstallation {
  return {
    teamId,
    teamName: 'Acme',
    isEnterpriseInstall: false,
    appId: 'A0APP',
    tokenType: 'bot',
    bot: { id: id('B'), userId: id('U'), scopes: ['commands'], token: secret('xoxe.xoxb-1'), refreshToken: secret('xoxe-1'), expiresAt: new Date(Date.now() + 3_600_000) },
    user: { id: id('U'), scopes: ['search:read'], tokens: { token: secret('xoxe.xoxp-1'), refreshToken: secret('xoxe-1'), expiresAt: new Date(Date.now() + 7_200_000) } },
  };
}

describe('installation repository on PostgreSQL', () => {
  let prisma: PrismaClient;
  let repo: InstallationRepository;
  before(() => {
    prisma = createPrismaClient(db.url, 4);
    repo = createInstallationRepository(prisma, createTokenCipher({ key: KEY }));
  });
  after(() => prisma?.$disconnect());

  const tokensOf = (i: NewInstallation) => [i.bot?.token, i.bot?.refreshToken, i.user?.tokens?.token, i.user?.tokens?.refreshToken].filter((t): t is string => !!t);

  it('keeps no token readable in the database: every column of every row, as text', async () => {
    const installs = [newInstallation(), { ...newInstallation(), teamId: undefined, enterpriseId: id('E'), isEnterpriseInstall: true }];
    for (const i of installs) await repo.save(i);
    const rows = await db.query<{ row: string }>('SELECT t::text AS row FROM slack_installations t');
    const dump = rows.map((r) => r.row).join('\n');
    for (const t of installs.flatMap(tokensOf)) {
      assert.ok(!dump.includes(t), 'a token is in the database');
      // Nor any recognisable part of one.
      assert.ok(!dump.includes(t.slice(-16)));
    }
    assert.match(dump, /v1\.[0-9a-f]{8}\./);
    for (const i of installs) assert.deepEqual(tokensOf((await repo.find(i))!), tokensOf(i));
  });

  it('stores what it is given and keeps installed_at on a re-install', async () => {
    const i = newInstallation();
    const first = await repo.save(i);
    assert.equal(first.key, `team:${i.teamId}`);
    assert.deepEqual({ ...first, key: undefined, installedAt: undefined, updatedAt: undefined }, { ...i, key: undefined, installedAt: undefined, updatedAt: undefined });
    await sleep(20);
    const again = await repo.save({ ...i, bot: { ...i.bot!, token: secret('xoxb') } });
    assert.equal(again.installedAt.getTime(), first.installedAt.getTime());
    assert.ok(again.updatedAt > first.updatedAt);
    assert.notEqual(again.bot!.token, first.bot!.token);
  });

  it('a re-install that brings no token of a kind keeps the stored one', async () => {
    const i = newInstallation();
    await repo.save(i);
    // A user-only authorization: the bot token stays.
    const userOnly = await repo.save({ ...i, bot: undefined, user: { id: i.user!.id, scopes: ['search:read'], tokens: { token: secret('xoxp') } } });
    assert.deepEqual(userOnly.bot, i.bot);
    assert.notEqual(userOnly.user!.tokens!.token, i.user!.tokens!.token);
    // A bot-only re-install by someone else: the user token stays with its user.
    const botOnly = await repo.save({ ...i, user: { id: id('U') } });
    assert.deepEqual(botOnly.user, userOnly.user);
    assert.deepEqual(botOnly.bot, i.bot);
  });

  it('refuses a key that does not agree with the ids (CHECK)', async () => {
    await assert.rejects(
      db.query("INSERT INTO slack_installations (installation_key, team_id, is_enterprise_install, installed_at, updated_at) VALUES ('team:T2', 'T1', false, now(), now())"),
      /slack_installations_key_matches/,
    );
    await assert.rejects(
      db.query("INSERT INTO slack_installations (installation_key, enterprise_id, is_enterprise_install, installed_at, updated_at) VALUES ('team:E1', 'E1', true, now(), now())"),
      /slack_installations_key_matches/,
    );
    assert.throws(() => installationKey({ isEnterpriseInstall: true, teamId: 'T1' }), /enterprise ID/);
    assert.throws(() => installationKey({ isEnterpriseInstall: false, enterpriseId: 'E1' }), /team ID/);
  });

  it('a ciphertext moved to another row or column does not decrypt', async () => {
    const a = newInstallation();
    const b = newInstallation();
    await repo.save(a);
    await repo.save(b);
    await db.query('UPDATE slack_installations SET bot_token = (SELECT bot_token FROM slack_installations WHERE installation_key = $1) WHERE installation_key = $2', [`team:${a.teamId}`, `team:${b.teamId}`]);
    await assert.rejects(repo.find(b), TokenDecryptionError);
    await db.query('UPDATE slack_installations SET user_token = bot_token WHERE installation_key = $1', [`team:${a.teamId}`]);
    await assert.rejects(repo.find(a), TokenDecryptionError);
  });

  it('a wrong key fails clearly, without the stored text; a previous key still decrypts', async () => {
    const i = newInstallation();
    await repo.save(i);
    const [{ sealed }] = (await db.query<{ sealed: string }>('SELECT bot_token AS sealed FROM slack_installations WHERE installation_key = $1', [`team:${i.teamId}`])) as [{ sealed: string }];
    const wrong = createInstallationRepository(prisma, createTokenCipher({ key: randomBytes(32) }));
    await assert.rejects(wrong.find(i), (error: unknown) => {
      assert.ok(error instanceof TokenDecryptionError);
      assert.match(error.message, /encryption key does not match the one the tokens were stored with/);
      assert.ok(!error.message.includes(sealed) && !error.message.includes(i.bot!.token));
      return true;
    });
    const next = randomBytes(32);
    const rotated = createInstallationRepository(prisma, createTokenCipher({ key: next, previousKeys: [KEY] }));
    assert.equal((await rotated.find(i))!.bot!.token, i.bot!.token);
    // Written again, the row is sealed with the new key only.
    await rotated.save(i);
    assert.equal((await rotated.find(i))!.bot!.token, i.bot!.token);
    await assert.rejects(repo.find(i), TokenDecryptionError);
  });

  it('findForWorkspace: the workspace’s own install, else its org’s, never another org’s', async () => {
    const org = await repo.save({ ...newInstallation(), teamId: undefined, enterpriseId: id('E'), isEnterpriseInstall: true });
    const t = id('T');
    assert.equal((await repo.findForWorkspace(t, org.enterpriseId))?.key, org.key);
    assert.equal(await repo.findForWorkspace(t, undefined), undefined);
    assert.equal(await repo.findForWorkspace(t, id('E')), undefined);
    assert.equal(await repo.findForWorkspace(undefined, undefined), undefined);
    const own = await repo.save({ ...newInstallation(t), enterpriseId: org.enterpriseId });
    assert.equal((await repo.findForWorkspace(t, org.enterpriseId))?.key, own.key);
  });

  it('revokeTokens drops what tokens_revoked names and the row when nothing is left', async () => {
    const i = newInstallation();
    const key = (await repo.save(i)).key;
    const unchanged = await repo.revokeTokens(key, { userIds: [id('U')] });
    assert.deepEqual(unchanged?.user, i.user);
    const noBot = await repo.revokeTokens(key, { bot: true });
    assert.equal(noBot?.bot, undefined);
    assert.deepEqual(noBot?.user, i.user);
    assert.equal(await repo.revokeTokens(key, { userIds: [i.user!.id] }), undefined);
    assert.equal(await repo.find(i), undefined);
    assert.equal(await repo.revokeTokens(key, { bot: true }), undefined);
    // The user's tokens first, then the bot's.
    const j = newInstallation();
    const k = (await repo.save(j)).key;
    const noUser = await repo.revokeTokens(k, { userIds: [j.user!.id] });
    assert.deepEqual(noUser?.user, { id: j.user!.id, scopes: j.user!.scopes });
    assert.deepEqual(noUser?.bot, j.bot);
    assert.equal(await repo.revokeTokens(k, { bot: true, userIds: [] }), undefined);
    assert.equal(await repo.delete(k), false);
  });

  it('delete removes one installation', async () => {
    const a = newInstallation();
    const b = newInstallation();
    await repo.save(a);
    await repo.save(b);
    assert.equal(await repo.delete(`team:${a.teamId}`), true);
    assert.equal(await repo.find(a), undefined);
    assert.ok(await repo.find(b));
  });

  it('withBotTokenLocked: two replicas at once refresh once; the second sees the first’s token', async () => {
    const i = { ...newInstallation(), bot: { ...newInstallation().bot!, expiresAt: new Date(Date.now() - 1000) } };
    const key = (await repo.save(i)).key;
    // Two replicas: two clients, each with its own pool.
    const replicas = [createPrismaClient(db.url, 2), createPrismaClient(db.url, 2)];
    try {
      const repos = replicas.map((p) => createInstallationRepository(p, createTokenCipher({ key: KEY })));
      let slackCalls = 0;
      const seen: string[] = [];
      const events: string[] = [];
      const refresh = (name: string) => async (current: { bot?: { token: string; expiresAt?: Date } }) => {
        events.push(`${name} locked`);
        seen.push(current.bot!.token);
        // As Bolt decides: refresh only a token that expires within two hours.
        if (current.bot!.expiresAt && current.bot!.expiresAt.getTime() > Date.now() + 2 * 3_600_000) return undefined;
        slackCalls++;
        await sleep(300); // oauth.v2.access takes a while; the other replica must wait for it
        events.push(`${name} refreshed`);
        return { token: secret('xoxe.xoxb-2'), refreshToken: secret('xoxe-2'), expiresAt: new Date(Date.now() + 43_200_000) };
      };
      const [a, b] = await Promise.all([repos[0]!.withBotTokenLocked(key, refresh('A')), repos[1]!.withBotTokenLocked(key, refresh('B'))]);
      assert.equal(slackCalls, 1);
      assert.equal(a!.bot!.token, b!.bot!.token);
      assert.notEqual(a!.bot!.token, i.bot.token);
      assert.deepEqual(seen, [i.bot.token, a!.bot!.token]);
      assert.equal(events[1], `${events[0]!.split(' ')[0]} refreshed`, 'the second locked the row only after the first had refreshed');
      const stored = (await repo.find(i))!;
      assert.equal(stored.bot!.token, a!.bot!.token);
      assert.equal(stored.bot!.refreshToken, a!.bot!.refreshToken);
      assert.equal(stored.bot!.expiresAt!.getTime(), a!.bot!.expiresAt!.getTime());
      assert.deepEqual(stored.user, i.user);
    } finally {
      await Promise.all(replicas.map((p) => p.$disconnect()));
    }
  });

  it('withBotTokenLocked: nothing stored when refresh fails or the row is missing; a waiting replica gives up after its bound', async () => {
    const i = newInstallation();
    const key = (await repo.save(i)).key;
    await assert.rejects(repo.withBotTokenLocked(key, async () => {
      throw new Error('oauth.v2.access failed');
    }), /oauth.v2.access failed/);
    assert.equal((await repo.find(i))!.bot!.token, i.bot!.token);
    let called = false;
    assert.equal(await repo.withBotTokenLocked('team:TNONE', async () => ((called = true), undefined)), undefined);
    assert.equal(called, false);

    const impatient = createInstallationRepository(prisma, createTokenCipher({ key: KEY }), { lockWaitMs: 200 });
    let release = () => {};
    const held = repo.withBotTokenLocked(key, () => new Promise((resolve) => (release = () => resolve(undefined))));
    await sleep(100);
    const started = Date.now();
    await assert.rejects(impatient.withBotTokenLocked(key, async () => undefined), InstallationLockTimeoutError);
    assert.ok(Date.now() - started < 2000, 'the wait was bounded');
    release();
    await held;
  });
});

describe('Prisma installation store, what Bolt sees', () => {
  let prisma: PrismaClient;
  before(() => {
    prisma = createPrismaClient(db.url, 2);
  });
  after(() => prisma?.$disconnect());

  it('says which installation is missing', async () => {
    const store = createPrismaInstallationStore(createInstallationRepository(prisma, createTokenCipher({ key: KEY })));
    await assert.rejects(store.fetchInstallation({ teamId: 'TMISSING', enterpriseId: undefined, isEnterpriseInstall: false }), /^Error: No installation for team TMISSING/);
  });

  it('a token refresh that Bolt stores from another person’s request keeps the installer’s user token', async () => {
    const store = createPrismaInstallationStore(createInstallationRepository(prisma, createTokenCipher({ key: KEY })));
    const i = workspaceInstall({ userToken: true });
    await store.storeInstallation(i);
    const forOther = await store.fetchInstallation(queryOf(i, { userId: 'USOMEONE' }));
    // What InstallProvider.authorize does after refreshing the bot token.
    await store.storeInstallation({ ...forOther, bot: { ...forOther.bot!, token: 'xoxe.xoxb-new' } });
    const fetched = await store.fetchInstallation(queryOf(i));
    assert.equal(fetched.bot?.token, 'xoxe.xoxb-new');
    assert.equal(fetched.user.token, i.user.token);
  });

  it('refuses OAuth v1 installations, which it could not give back as they were', async () => {
    const store = createPrismaInstallationStore(createInstallationRepository(prisma, createTokenCipher({ key: KEY })));
    await assert.rejects(store.storeInstallation({ ...orgInstall(), authVersion: 'v1' } as never), /v1/);
  });
});

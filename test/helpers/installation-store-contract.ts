// What Bolt needs of an InstallationStore, as one suite every implementation runs (after
// seratch/slack-bolt-extensions): the Prisma store and @slack/oauth's own MemoryInstallationStore
// (test/db/installation-store.test.ts), so the suite is known to describe Bolt's semantics.
// Each case uses fresh IDs, so one store serves the whole suite.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';

export interface ContractStore {
  store: InstallationStore;
  close(): Promise<void>;
}

/** Cases where a store may knowingly differ from this app's store; each defaults to true (the app's behaviour). */
export interface ContractOptions {
  /** A workspace query that names its org finds the org-wide install when the workspace has none of its own. */
  orgFallback?: boolean;
  /** A missing installation rejects (Bolt's authorize also refuses a store that resolves to undefined). */
  missingRejects?: boolean;
  /** deleteInstallation with a userId removes that user's tokens only. */
  deleteOneUser?: boolean;
  /** A query naming another user gets the installation without the installer's user token. */
  userTokenOnlyForItsUser?: boolean;
}

const id = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;
const token = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;

/** A workspace install as InstallProvider builds it from oauth.v2.access. */
export function workspaceInstall(overrides: { teamId?: string; enterpriseId?: string; userToken?: boolean } = {}): Installation<'v2', false> {
  const userId = id('U');
  return {
    team: { id: overrides.teamId ?? id('T'), name: 'Acme' },
    enterprise: overrides.enterpriseId ? { id: overrides.enterpriseId, name: 'Acme Group' } : undefined,
    user: overrides.userToken ? { id: userId, token: token('xoxp'), scopes: ['search:read'] } : { id: userId, token: undefined, scopes: undefined },
    bot: { id: id('B'), userId: id('U'), token: token('xoxb'), scopes: ['commands', 'chat:write', 'conversations.connect:write'] },
    appId: 'A0APP',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

/** An org-wide install: no team, an E… org, W… user IDs. */
export function orgInstall(enterpriseId = id('E')): Installation<'v2', true> {
  return {
    team: undefined,
    enterprise: { id: enterpriseId, name: 'Acme Group' },
    user: { id: id('W'), token: undefined, scopes: undefined },
    bot: { id: id('B'), userId: id('W'), token: token('xoxb'), scopes: ['commands', 'chat:write'] },
    appId: 'A0APP',
    tokenType: 'bot',
    isEnterpriseInstall: true,
    authVersion: 'v2',
  };
}

export const queryOf = (i: Installation, extra: Partial<InstallationQuery<boolean>> = {}): InstallationQuery<boolean> => ({
  teamId: i.team?.id,
  enterpriseId: i.enterprise?.id,
  isEnterpriseInstall: i.isEnterpriseInstall ?? false,
  ...extra,
});

/** What a store gives back, compared without the undefined properties one store writes and another omits. */
const comparable = (i: Installation | undefined) => (i === undefined ? undefined : JSON.parse(JSON.stringify(i)));

export function installationStoreContract(name: string, makeStore: () => Promise<ContractStore>, options: ContractOptions = {}): void {
  const { orgFallback = true, missingRejects = true, deleteOneUser = true, userTokenOnlyForItsUser = true } = options;

  describe(`InstallationStore contract: ${name}`, () => {
    let made: ContractStore;
    let store: InstallationStore;
    before(async () => {
      made = await makeStore();
      store = made.store;
    });
    after(() => made?.close());

    const fetch = (q: InstallationQuery<boolean>) => store.fetchInstallation(q);
    /** Found nothing: a rejection, or (with missingRejects false) also undefined. */
    async function assertMissing(q: InstallationQuery<boolean>) {
      if (missingRejects) {
        await assert.rejects(fetch(q), Error);
        return;
      }
      const found = await fetch(q).catch(() => undefined);
      assert.equal(found, undefined);
    }
    const assertFetches = async (q: InstallationQuery<boolean>, expected: Installation) => assert.deepEqual(comparable(await fetch(q)), comparable(expected));

    it('stores and fetches a workspace install', async () => {
      const i = workspaceInstall({ userToken: true });
      await store.storeInstallation(i);
      await assertFetches(queryOf(i), i);
      await assertFetches(queryOf(i, { userId: i.user.id }), i);
    });

    it('stores and fetches a workspace install of an Enterprise Grid org (not org-wide)', async () => {
      const i = workspaceInstall({ enterpriseId: id('E') });
      await store.storeInstallation(i);
      await assertFetches(queryOf(i), i);
    });

    it('stores and fetches an org-wide install: no team, E… org, W… users', async () => {
      const i = orgInstall();
      await store.storeInstallation(i);
      await assertFetches({ teamId: undefined, enterpriseId: i.enterprise.id, isEnterpriseInstall: true }, i);
      // Bolt asks with the workspace the event came from, and the org-wide flag of its authorization.
      await assertFetches({ teamId: id('T'), enterpriseId: i.enterprise.id, isEnterpriseInstall: true }, i);
    });

    it('re-install replaces the tokens', async () => {
      const first = workspaceInstall();
      await store.storeInstallation(first);
      const again: Installation = { ...first, bot: { ...first.bot!, token: token('xoxb'), scopes: [...first.bot!.scopes, 'users:read'] } };
      await store.storeInstallation(again);
      await assertFetches(queryOf(first), again);
    });

    it('two workspaces never answer for each other', async () => {
      const a = workspaceInstall();
      const b = workspaceInstall();
      await store.storeInstallation(a);
      await store.storeInstallation(b);
      assert.equal((await fetch(queryOf(a)))?.bot?.token, a.bot!.token);
      assert.equal((await fetch(queryOf(b)))?.bot?.token, b.bot!.token);
      await assertMissing({ teamId: id('T'), enterpriseId: undefined, isEnterpriseInstall: false });
    });

    it('round-trips token rotation: refresh tokens and expiry (unix seconds)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const base = workspaceInstall({ userToken: true });
      const i: Installation = {
        ...base,
        bot: { ...base.bot!, token: token('xoxe.xoxb-1'), refreshToken: token('xoxe-1'), expiresAt: now + 43_200 },
        user: { ...base.user, token: token('xoxe.xoxp-1'), refreshToken: token('xoxe-1'), expiresAt: now + 43_100 },
      };
      await store.storeInstallation(i);
      const fetched = await fetch(queryOf(i));
      await assertFetches(queryOf(i), i);
      assert.equal(fetched.bot?.expiresAt, now + 43_200);
      assert.equal(fetched.user.expiresAt, now + 43_100);
    });

    it('deletes a whole workspace install', async () => {
      const i = workspaceInstall({ userToken: true });
      const other = workspaceInstall();
      await store.storeInstallation(i);
      await store.storeInstallation(other);
      await store.deleteInstallation!(queryOf(i));
      await assertMissing(queryOf(i));
      assert.equal((await fetch(queryOf(other)))?.bot?.token, other.bot!.token);
    });

    it('deletes an org-wide install', async () => {
      const i = orgInstall();
      await store.storeInstallation(i);
      await store.deleteInstallation!(queryOf(i));
      await assertMissing(queryOf(i));
    });

    it('fetching an installation never stored fails', async () => {
      await assertMissing({ teamId: id('T'), enterpriseId: undefined, isEnterpriseInstall: false });
      await assertMissing({ teamId: undefined, enterpriseId: id('E'), isEnterpriseInstall: true });
      await assertMissing({ teamId: id('T'), enterpriseId: id('E'), isEnterpriseInstall: false });
    });

    it('a workspace whose query does not name the org is not served by the org-wide install', async () => {
      const org = orgInstall();
      await store.storeInstallation(org);
      await assertMissing({ teamId: id('T'), enterpriseId: undefined, isEnterpriseInstall: false });
    });

    it('a workspace of an org is served by the org-wide install when the query names the org', { skip: !orgFallback && 'this store keeps installations by their own key only' }, async () => {
      const org = orgInstall();
      const otherOrg = orgInstall();
      await store.storeInstallation(org);
      await store.storeInstallation(otherOrg);
      await assertFetches({ teamId: id('T'), enterpriseId: org.enterprise.id, isEnterpriseInstall: false }, org);
      // The workspace's own install, where it has one, comes first.
      const own = workspaceInstall({ enterpriseId: org.enterprise.id });
      await store.storeInstallation(own);
      await assertFetches(queryOf(own), own);
      // Another org's workspace never gets this org's install.
      assert.equal((await fetch({ teamId: id('T'), enterpriseId: otherOrg.enterprise.id, isEnterpriseInstall: false }))?.bot?.token, otherOrg.bot!.token);
      await assertMissing({ teamId: id('T'), enterpriseId: id('E'), isEnterpriseInstall: false });
    });

    it('deleting one user removes that user’s tokens only', { skip: !deleteOneUser && 'this store deletes the whole installation' }, async () => {
      const i = workspaceInstall({ userToken: true });
      await store.storeInstallation(i);
      await store.deleteInstallation!(queryOf(i, { userId: id('U') })); // someone else: nothing changes
      assert.equal((await fetch(queryOf(i))).user.token, i.user.token);
      await store.deleteInstallation!(queryOf(i, { userId: i.user.id }));
      const left = await fetch(queryOf(i));
      assert.equal(left.bot?.token, i.bot!.token);
      assert.equal(left.user.token, undefined);
    });

    it('a request by someone else is not given the installer’s user token', { skip: !userTokenOnlyForItsUser && 'this store gives every request the installer’s user token' }, async () => {
      const i = workspaceInstall({ userToken: true });
      await store.storeInstallation(i);
      const forOther = await fetch(queryOf(i, { userId: id('U') }));
      assert.equal(forOther.bot?.token, i.bot!.token);
      assert.equal(forOther.user.token, undefined);
      assert.equal(forOther.user.refreshToken, undefined);
      assert.equal((await fetch(queryOf(i, { userId: i.user.id }))).user.token, i.user.token);
    });
  });
}

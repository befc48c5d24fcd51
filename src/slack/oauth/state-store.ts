// Bolt's StateStore in PostgreSQL, so the install can start on one replica and finish on another.
// The state is 32 random bytes; only its SHA-256 is stored, with the install options and an
// expiry by the database's clock. Verifying deletes the row: a state works once.
import { createHash, randomBytes } from 'node:crypto';
import { InvalidStateError, type InstallURLOptions, type StateStore } from '@slack/oauth';
import type { PrismaClient } from '../../generated/prisma/client.js';

export interface DatabaseStateStoreOptions {
  /** How long an install may take from the "Add to Slack" click to Slack's redirect (default 10 minutes, as Slack's code). */
  ttlSeconds?: number;
}

/** Expired states deleted with each new one: bounded, so a backlog never slows an install. */
const PRUNE_BATCH = 100;

const hashOf = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

export function createDatabaseStateStore(prisma: PrismaClient, { ttlSeconds = 600 }: DatabaseStateStoreOptions = {}): StateStore {
  return {
    // `now` (this host's clock) is not used: expiry is the database's clock, the same for every replica.
    async generateStateParam(installOptions: InstallURLOptions) {
      const state = randomBytes(32).toString('base64url');
      // One round trip: PostgreSQL runs a data-modifying WITH whether or not the INSERT reads it.
      await prisma.$executeRaw`
        WITH pruned AS (
          DELETE FROM oauth_states WHERE state_hash IN (
            SELECT state_hash FROM oauth_states WHERE expires_at < now() ORDER BY expires_at LIMIT ${PRUNE_BATCH}::int
          )
        )
        INSERT INTO oauth_states (state_hash, install_options, created_at, expires_at)
        VALUES (${hashOf(state)}, ${JSON.stringify(installOptions)}::jsonb, now(), now() + ${ttlSeconds}::int * interval '1 second')`;
      return state;
    },

    async verifyStateParam(_now: Date, state: string) {
      // One statement: of two concurrent verifications of the same state, only one gets the row.
      const rows = await prisma.$queryRaw<Array<{ installOptions: InstallURLOptions; live: boolean }>>`
        DELETE FROM oauth_states WHERE state_hash = ${hashOf(String(state))}
        RETURNING install_options AS "installOptions", expires_at > now() AS live`;
      const row = rows[0];
      if (!row?.live) throw new InvalidStateError('The OAuth state is unknown, already used or expired: start the installation again.');
      return row.installOptions;
    },
  };
}

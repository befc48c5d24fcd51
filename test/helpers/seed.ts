// Many recorded invitations at once, straight into the database, for the tests and the benchmark
// that need a person with thousands of them: four statuses in turn, some failures with a code,
// and 1 in 97 with a long channel name full of mentions (stored data the views must neutralise).

export const SEED_INVITES_SQL = `
  INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited, idempotency_key, slack_invite_id, error_code, created_at, updated_at)
  SELECT gen_random_uuid(), 'SLACK_CONNECT', (ARRAY['AWAITING_ACCEPTANCE','ACCEPTED','FAILED','DECLINED']::"InviteStatus"[])[1 + i % 4], $1, $2, 'C0PUBLIC',
         CASE WHEN i % 97 = 0 THEN repeat('<!channel> *x*', 500) ELSE 'project-x' END,
         'conversations.inviteShared', 'bulk' || i || '@partner.example', i % 2 = 0, 'bulk-' || i,
         CASE WHEN i % 4 = 2 THEN NULL ELSE 'I0BULK' || i END, CASE WHEN i % 4 = 2 THEN 'restricted_action' END,
         now() - make_interval(secs => i), now()
  FROM generate_series(1, $3::int) AS i`;

/** Records `count` invitations by `userId` in `teamId`; invitee bulk1@… is the newest. */
export async function seedInvites(query: (sql: string, params: unknown[]) => Promise<unknown>, teamId: string, userId: string, count: number): Promise<void> {
  await query(SEED_INVITES_SQL, [teamId, userId, count]);
}


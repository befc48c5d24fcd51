// The fake Slack's user groups (usergroups.list, usergroups.users.list), in the shape of Slack's
// documentation (docs.slack.dev/reference/methods/usergroups.list and usergroups.users.list; the
// tiers and scope in ../shared/reference/slack-api/connect-admin-and-oauth.md §2.4: Tier 2,
// usergroups:read). Kept apart from fake-slack.ts, which only routes the two methods here.
//
// Not documented, and modelled as the likeliest reading: a disabled group is left out of
// usergroups.list and answers no_such_subteam to usergroups.users.list, unless include_disabled;
// a group of another workspace than the one the call acts in is no such group either.

export interface FakeUsergroup {
  id: string;
  handle: string;
  name: string;
  description?: string;
  /** User IDs, in order. */
  users: string[];
  /** Disabled (Slack keeps it, with date_delete set). */
  disabled?: boolean;
  /** Its workspace (default: the default workspace). */
  teamId?: string;
}

type Args = Record<string, unknown>;
type Body = Record<string, unknown>;

const bool = (args: Args, key: string) => args[key] === true;

export class FakeUsergroups {
  private readonly groups = new Map<string, FakeUsergroup>();

  /** `teamId`: the default workspace's. */
  constructor(private readonly teamId: () => string) {}

  /** Stores a copy; mutate the returned object (e.g. `users`) to change the world. */
  add(group: FakeUsergroup): FakeUsergroup {
    const stored = { ...group, users: [...group.users] };
    this.groups.set(stored.id, stored);
    return stored;
  }

  get(id: string): FakeUsergroup | undefined {
    return this.groups.get(id);
  }

  /** `teamId`: the workspace the call acts in (default: the default workspace). */
  list(args: Args, teamId = this.teamId()): Body {
    const includeDisabled = bool(args, 'include_disabled');
    const usergroups = [...this.groups.values()]
      .filter((g) => (g.teamId ?? this.teamId()) === teamId && (includeDisabled || !g.disabled))
      .map((g) => {
        const item: Body = {
          id: g.id,
          team_id: teamId,
          is_usergroup: true,
          name: g.name,
          description: g.description ?? '',
          handle: g.handle,
          is_external: false,
          date_create: 1_446_598_059,
          date_update: 1_446_670_362,
          date_delete: g.disabled ? 1_700_000_000 : 0,
          auto_type: null,
          created_by: 'USLACKBOT',
          updated_by: 'USLACKBOT',
          deleted_by: g.disabled ? 'USLACKBOT' : null,
          prefs: { channels: [], groups: [] },
        };
        if (bool(args, 'include_count')) item.user_count = g.users.length;
        if (bool(args, 'include_users')) item.users = [...g.users];
        return item;
      });
    return { usergroups };
  }

  usersList(args: Args, teamId = this.teamId()): Body {
    const id = typeof args.usergroup === 'string' ? args.usergroup : undefined;
    if (id === undefined || id === '') return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: usergroup'] } };
    const group = this.groups.get(id);
    if (!group || (group.teamId ?? this.teamId()) !== teamId || (group.disabled && !bool(args, 'include_disabled'))) return { ok: false, error: 'no_such_subteam' };
    return { users: [...group.users] };
  }
}

/**
 * The app's installations in the fake Slack, and Slack's OAuth v2 around them (REF =
 * /work/shared/reference/slack-api/connect-admin-and-oauth.md section 4):
 * - workspaces (T…), some in an Enterprise Grid organization (E…);
 * - installations: one per workspace, or one org-wide (`isEnterpriseInstall`) that sees every
 *   workspace of its organization; each with its own bot user, scopes and bot tokens;
 * - the "Allow" click (`authorize`: a code, single use, 10 minutes), `oauth.v2.access` (code
 *   exchange and, with rotation, refresh), and uninstalling.
 *
 * Not documented, and modelled as read (each also said where it applies):
 * - a reused refresh token is refused at once (`refreshGraceSeconds`, default 0): REF 4.3 speaks
 *   of "a short grace period" without a number;
 * - Slack's Redirect URLs must be HTTPS; the fake accepts any URL, since tests redirect to loopback;
 * - re-installing without rotation issues a new bot token and leaves the old one working (scopes
 *   are the installation's, so both carry the widened set);
 * - the two-live-token limit (REF 4.3) is applied whenever a rotating token is issued, and counts
 *   a long-lived token the installation still has (REF 4.4: the first refresh ends it).
 */
import { randomBytes } from 'node:crypto';
import type { TokenKind } from './scopes.js';

export interface FakeWorkspace {
  teamId: string;
  name: string;
  domain: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** The app's bot user here once installed (W… in an organization). */
  botUserId: string;
  botId: string;
}

/** An installation as tests see it (a copy). `teamId` is absent for an org-wide one. */
export interface FakeInstallation {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  botUserId: string;
  botId: string;
  appId: string;
  scopes: string[];
}

export interface FakeOAuthApp {
  clientId: string;
  clientSecret: string;
  /** The app's Redirect URLs; the first is used when authorize sends none (REF 4.1). */
  redirectUris: string[];
  /** Token rotation (REF 4.3): `xoxe.xoxb-` tokens that expire after 12 hours, and refresh tokens. */
  rotation: boolean;
  /** How long a used refresh token is still accepted (REF 4.3 "a short grace period"; default 0). */
  refreshGraceSeconds?: number;
}

export interface AuthorizeOptions {
  /** The workspace chosen on the authorize page (for an org-wide install: any of the org's, or use enterpriseId). */
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  /** Who clicks "Allow" (authed_user.id). */
  userId: string;
  /** Bot scopes asked for; default the installation's current ones, else manifest.json's. */
  scopes?: readonly string[];
  redirectUri?: string;
  state?: string;
  /** The person clicks "Cancel": the redirect carries error=access_denied. */
  deny?: boolean;
}

export class Installation {
  scopes: Set<string>;
  uninstalled = false;
  /** Its bot tokens, oldest first (dead ones included). */
  readonly tokens: string[] = [];
  /** Scope headers per method (made once: the fake's hot path allocates little). */
  readonly headerCache = new Map<string, Readonly<Record<string, string>>>();

  constructor(
    readonly teamId: string | undefined,
    readonly enterpriseId: string | undefined,
    readonly isEnterpriseInstall: boolean,
    readonly botUserId: string,
    readonly botId: string,
    readonly appId: string,
    scopes: Iterable<string>,
  ) {
    this.scopes = new Set(scopes);
  }

  /** A workspace install's team, an org-wide one's enterprise: how tests name an installation. */
  get key(): string {
    return (this.isEnterpriseInstall ? this.enterpriseId : this.teamId) as string;
  }

  setScopes(scopes: Iterable<string>): void {
    this.scopes = new Set(scopes);
    this.headerCache.clear();
  }

  snapshot(): FakeInstallation {
    const out: FakeInstallation = { isEnterpriseInstall: this.isEnterpriseInstall, botUserId: this.botUserId, botId: this.botId, appId: this.appId, scopes: [...this.scopes] };
    if (this.teamId !== undefined) out.teamId = this.teamId;
    if (this.enterpriseId !== undefined) out.enterpriseId = this.enterpriseId;
    return out;
  }
}

export interface TokenIdentity {
  userId: string;
  isBot: boolean;
  kind: TokenKind;
  /** The installation the token acts for (undefined: the app-level token). */
  inst?: Installation;
  /** Rotating tokens: when it expires, on the fake's clock (ms). */
  expiresAt?: number;
  /** Set when the OAuth lifecycle revoked it (uninstall, the two-token limit): the error its calls get. */
  dead?: string;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000; // REF 4.1: "expires after 10 minutes"
export const ROTATING_TOKEN_SECONDS = 43_200; // REF 4.2/4.3: expires_in is always 43200

interface Grant {
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
  userId: string;
  scopes: readonly string[];
  /** As sent at authorize (undefined: none was, and the first Redirect URL was used). */
  redirectUri: string | undefined;
  expiresAt: number;
}

type Body = Record<string, unknown>;
const err = (error: string): Body => ({ ok: false, error });
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const digits = (n: number) => Array.from(randomBytes(n), (b) => b % 10).join('');
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export class Installations {
  readonly workspaces = new Map<string, FakeWorkspace>();
  readonly orgs = new Map<string, { id: string; name: string; domain: string }>();
  private readonly installs = new Map<string, Installation>();
  private readonly codes = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, { inst: Installation; usedAt?: number }>();
  private readonly refreshes = new Map<string, number>();

  constructor(
    private readonly tokens: Map<string, TokenIdentity>,
    private readonly clock: () => number,
    public app: FakeOAuthApp,
    private readonly appId: string,
    private readonly defaultScopes: () => string[],
    /** Called when an installation is made (its bot user joins the world). */
    private readonly onInstall: (inst: Installation, ws: FakeWorkspace | undefined) => void,
  ) {}

  addWorkspace(ws: FakeWorkspace): FakeWorkspace {
    this.workspaces.set(ws.teamId, ws);
    if (ws.enterpriseId !== undefined && !this.orgs.has(ws.enterpriseId)) {
      const name = ws.enterpriseName ?? `${ws.enterpriseId} Org`;
      this.orgs.set(ws.enterpriseId, { id: ws.enterpriseId, name, domain: name.toLowerCase().replace(/[^a-z0-9]+/g, '') });
    }
    return ws;
  }

  /** Registers an installation as it stands (the default world's, or a test's own); replaces one with the same key. */
  add(inst: Installation): Installation {
    this.installs.set(inst.key, inst);
    return inst;
  }

  get(key: string): Installation | undefined {
    return this.installs.get(key);
  }

  /** Whether a token of `inst` may act on what belongs to workspace (or organization) `teamId`. */
  sees(inst: Installation, teamId: string): boolean {
    if (!inst.isEnterpriseInstall) return teamId === inst.teamId;
    return teamId === inst.enterpriseId || this.workspaces.get(teamId)?.enterpriseId === inst.enterpriseId;
  }

  /** A team the fake models (a workspace or an organization), as opposed to the other side of a Slack Connect channel. */
  known(teamId: string): boolean {
    return this.workspaces.has(teamId) || this.orgs.has(teamId);
  }

  refreshCount(key: string): number {
    return this.refreshes.get(key) ?? 0;
  }

  /** Forgets codes and refresh counts (FakeSlack.reset); installations and their tokens stay, like users. */
  reset(): void {
    this.codes.clear();
    this.refreshes.clear();
  }

  // ---------------------------------------------------------------- the authorize page

  authorize(o: AuthorizeOptions): { code: string | undefined; redirectUrl: string } {
    const configured = this.app.redirectUris;
    const redirect = o.redirectUri ?? configured[0];
    // REF 4.1: equal to, or a subpath of, a configured Redirect URL. Slack shows its own error page then: no redirect.
    if (redirect === undefined || !configured.some((u) => redirect === u || redirect.startsWith(u.endsWith('/') ? u : `${u}/`))) {
      throw new Error(`bad_redirect_uri: ${String(redirect)} is not one of the app's Redirect URLs (${configured.join(', ')})`);
    }
    const url = new URL(redirect);
    const back = (params: Record<string, string>) => {
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      if (o.state !== undefined) url.searchParams.set('state', o.state);
      return url.toString();
    };
    if (o.deny) return { code: undefined, redirectUrl: back({ error: 'access_denied' }) };

    const target = this.target(o);
    const current = this.installs.get((target.isEnterpriseInstall ? target.enterpriseId : target.teamId) as string);
    const code = `${digits(12)}.${digits(13)}.${hex(32)}`;
    this.codes.set(code, {
      ...target,
      userId: o.userId,
      scopes: o.scopes ?? (current && !current.uninstalled ? [...current.scopes] : this.defaultScopes()),
      redirectUri: o.redirectUri,
      expiresAt: this.clock() + CODE_LIFETIME_MS,
    });
    return { code, redirectUrl: back({ code }) };
  }

  /** What an install is for: a known workspace (`teamId`), or org-wide an organization (`enterpriseId`, or that of `teamId`'s workspace). */
  target(o: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): Pick<Grant, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'> {
    const org = o.isEnterpriseInstall === true;
    const ws = o.teamId === undefined ? undefined : this.workspaces.get(o.teamId);
    if (o.teamId !== undefined && !ws) throw new Error(`no workspace ${o.teamId} (fake.addWorkspace first)`);
    const enterpriseId = o.enterpriseId ?? ws?.enterpriseId;
    if (org && (enterpriseId === undefined || !this.orgs.has(enterpriseId))) throw new Error(`an org-wide install needs an organization (enterpriseId, or a workspace of one); got ${String(enterpriseId)}`);
    if (!org && !ws) throw new Error('a workspace install needs teamId');
    return { teamId: org ? undefined : ws?.teamId, enterpriseId, isEnterpriseInstall: org };
  }

  /** A new installation (replacing an uninstalled one): its bot user is the workspace's, or for an org-wide one the organization's W… (REF 4.1). */
  create(t: Pick<Grant, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>, scopes: Iterable<string>): Installation {
    const key = (t.isEnterpriseInstall ? t.enterpriseId : t.teamId) as string;
    const ws = t.teamId === undefined ? undefined : this.workspaces.get(t.teamId);
    const inst = new Installation(t.teamId, t.enterpriseId, t.isEnterpriseInstall, ws?.botUserId ?? `WBOT${key.slice(1)}`, ws?.botId ?? `B${key.slice(1)}`, this.appId, scopes);
    this.installs.set(key, inst);
    this.onInstall(inst, ws);
    return inst;
  }

  // ---------------------------------------------------------------- oauth.v2.access

  /** `basic`: client_id and client_secret from HTTP Basic auth, which Slack prefers to the body (REF 4.2). */
  access(args: Record<string, unknown>, basic: { id: string; secret: string } | undefined): Body {
    const grantType = text(args.grant_type) ?? 'authorization_code';
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') return err('invalid_grant_type');
    if ((basic?.id ?? text(args.client_id)) !== this.app.clientId) return err('invalid_client_id');
    if ((basic?.secret ?? text(args.client_secret)) !== this.app.clientSecret) return err('bad_client_secret');
    return grantType === 'refresh_token' ? this.refresh(args) : this.exchange(args);
  }

  /** Which installation an oauth.v2.access call was about (for RecordedCall), if any. */
  subjectOf(args: Record<string, unknown>, answer: Body): Installation | undefined {
    const rt = text(args.refresh_token);
    if (rt !== undefined) return this.refreshTokens.get(rt)?.inst;
    const token = text(answer.access_token);
    return token === undefined ? undefined : this.tokens.get(token)?.inst;
  }

  private exchange(args: Record<string, unknown>): Body {
    const code = text(args.code);
    const grant = code === undefined ? undefined : this.codes.get(code);
    if (!grant || this.clock() >= grant.expiresAt) return err('invalid_code');
    const sent = text(args.redirect_uri);
    // REF 4.2: redirect_uri must match the authorize step's; none sent there means the first configured one.
    if (grant.redirectUri !== undefined ? sent !== grant.redirectUri : sent !== undefined && sent !== this.app.redirectUris[0]) return err('bad_redirect_uri');
    if (!grant.isEnterpriseInstall && grant.enterpriseId !== undefined) {
      const org = this.installs.get(grant.enterpriseId);
      if (org && !org.uninstalled) return err('cannot_install_an_org_installed_app');
    }
    this.codes.delete(code as string);
    const inst = this.install(grant);
    const issued = this.issue(inst);
    return { ...this.answer(inst, issued), authed_user: { id: grant.userId } };
  }

  private refresh(args: Record<string, unknown>): Body {
    const rt = text(args.refresh_token);
    const entry = rt === undefined ? undefined : this.refreshTokens.get(rt);
    const now = this.clock();
    if (!entry || entry.inst.uninstalled) return err('invalid_refresh_token');
    if (entry.usedAt !== undefined && now >= entry.usedAt + (this.app.refreshGraceSeconds ?? 0) * 1000) return err('invalid_refresh_token');
    entry.usedAt ??= now;
    const issued = this.issue(entry.inst, true);
    this.refreshes.set(entry.inst.key, this.refreshCount(entry.inst.key) + 1);
    // REF 4.2: authed_user belongs to the install; a bot refresh answers the bot part (user_id only for a user token).
    return this.answer(entry.inst, issued);
  }

  /** The installation a grant makes: a new one, or the live one with the scopes added (REF 4.1: additive). */
  private install(g: Grant): Installation {
    const key = (g.isEnterpriseInstall ? g.enterpriseId : g.teamId) as string;
    const current = this.installs.get(key);
    if (current && !current.uninstalled) {
      current.setScopes([...current.scopes, ...g.scopes]);
      return current;
    }
    return this.create(g, g.scopes);
  }

  /** A new bot token for `inst` (and a refresh token with rotation); `rotating` forces rotation (a refresh). */
  private issue(inst: Installation, rotating = this.app.rotation): { token: string; refresh?: string } {
    const now = this.clock();
    const token = rotating ? `xoxe.xoxb-1-${hex(40)}` : `xoxb-${digits(12)}-${digits(13)}-${hex(12)}`;
    const identity: TokenIdentity = { userId: inst.botUserId, isBot: true, kind: 'bot', inst };
    if (rotating) identity.expiresAt = now + ROTATING_TOKEN_SECONDS * 1000;
    this.tokens.set(token, identity);
    inst.tokens.push(token);
    if (!rotating) return { token };
    // REF 4.3: at most 2 live access tokens; the oldest extra one is revoked.
    const live = inst.tokens.map((t) => this.tokens.get(t)).filter((i): i is TokenIdentity => i !== undefined && i.dead === undefined && (i.expiresAt === undefined || now < i.expiresAt));
    for (const old of live.slice(0, Math.max(0, live.length - 2))) old.dead = 'token_revoked';
    const refresh = `xoxe-1-${hex(40)}`;
    this.refreshTokens.set(refresh, { inst });
    return { token, refresh };
  }

  /** REF 4.2's response fields, bot part. */
  private answer(inst: Installation, issued: { token: string; refresh?: string }): Body {
    const ws = inst.teamId === undefined ? undefined : this.workspaces.get(inst.teamId);
    const org = inst.enterpriseId === undefined ? undefined : this.orgs.get(inst.enterpriseId);
    const body: Body = {
      ok: true,
      app_id: inst.appId,
      scope: [...inst.scopes].join(','),
      token_type: 'bot',
      access_token: issued.token,
      bot_user_id: inst.botUserId,
      team: inst.isEnterpriseInstall ? null : { id: inst.teamId, name: ws?.name ?? '' },
      enterprise: org ? { id: org.id, name: org.name } : null,
      is_enterprise_install: inst.isEnterpriseInstall,
    };
    if (issued.refresh !== undefined) {
      body.expires_in = ROTATING_TOKEN_SECONDS;
      body.refresh_token = issued.refresh;
    }
    return body;
  }

  // ---------------------------------------------------------------- uninstall

  /** Revokes every token of the installation (bot, and user tokens acting for it). */
  uninstall(key: string): Installation {
    const inst = this.installs.get(key);
    if (!inst) throw new Error(`uninstall: no installation ${key}`);
    inst.uninstalled = true;
    // REF 0.1: token_revoked "or the app was removed".
    for (const identity of this.tokens.values()) if (identity.inst === inst) identity.dead ??= 'token_revoked';
    for (const [rt, entry] of this.refreshTokens) if (entry.inst === inst) this.refreshTokens.delete(rt);
    return inst;
  }
}

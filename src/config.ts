// The app's settings, read from the environment once at start-up and checked together, so a
// misconfigured install fails with one message that lists every problem and where to fix it.
import { existsSync } from 'node:fs';
import { parseEncryptionKey } from './db/token-cipher.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const PRIVATE_INVITE_METHODS = ['conversations.invite', 'groups.invite'] as const;
export type PrivateInviteMethod = (typeof PRIVATE_INVITE_METHODS)[number];

/** OAuth distribution: many workspaces and Enterprise Grid organizations install the app through Slack's OAuth flow. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs every install `state`, so a state this deployment did not issue is refused before any look-up. */
  stateSecret: string;
  /** AES-256-GCM key for the tokens at rest; `previousEncryptionKeys` still decrypt rows stored before a key change. */
  encryptionKey: Buffer;
  previousEncryptionKeys: Buffer[];
  /** The Redirect URL configured in the app (sent at both steps, so Slack can check it); unset: the app's first. */
  redirectUri: string | undefined;
  /** Slack's authorize page for the install link (slack.com, or slack-gov.com for GovSlack; derived from SLACK_API_URL). */
  authorizeUrl: string;
}

export interface Config {
  slack: {
    /** Set: single-workspace mode, this one token. Unset: OAuth mode (`oauth`). */
    botToken: string | undefined;
    oauth: OAuthConfig | undefined;
    /** Absent in Socket Mode, where Slack's connection is authenticated by the app token instead. */
    signingSecret: string | undefined;
    /** Set: Socket Mode, no public URL needed. */
    appToken: string | undefined;
    apiUrl: string;
    privateInviteMethod: PrivateInviteMethod;
    /** How long an invitation call may take before the app reports a timeout. */
    inviteTimeoutMs: number;
  };
  /** Unset: the app runs its own embedded PostgreSQL. */
  databaseUrl: string | undefined;
  embeddedDatabaseDir: string;
  /** How long an unfinished invitation stays its process's before recovery takes it over. */
  recoveryLeaseSeconds: number;
  /** How long a processed event's ID is kept to recognise Slack's retried deliveries. */
  eventRetentionHours: number;
  /** How long before a Slack Connect invitation expires its inviter is reminded (0: never). */
  reminderHoursBeforeExpiry: number;
  /**
   * How many invitations a batch (several invitees in one form) sends a minute in one workspace,
   * across every replica; and how long an email invitation refused by Slack's per-user limit waits.
   */
  batches: { invitesPerMinute: number; emailLimitWaitSeconds: number };
  port: number;
  /**
   * At shutdown, how long /readyz answers 503 while requests are still taken, so a load balancer
   * stops sending them before the port closes (0: the port closes at once).
   */
  shutdownGraceSeconds: number;
  /** Prometheus metrics on their own listener (src/metrics/server.ts); unset: no metrics. */
  metrics: MetricsConfig | undefined;
  logLevel: LogLevel;
  prettyLogs: boolean;
}

export interface MetricsConfig {
  /** 0: any free port (tests). */
  port: number;
  /** The address it binds: 127.0.0.1 unless the operator opens it (0.0.0.0 for a scraper on another host). */
  host: string;
  /** Set: scrapes must send `Authorization: Bearer <token>`. */
  token: string | undefined;
}

const APPS_PAGE = 'https://api.slack.com/apps';

const OAUTH_MISSING: Record<'SLACK_CLIENT_ID' | 'SLACK_CLIENT_SECRET' | 'SLACK_STATE_SECRET' | 'SLACK_TOKEN_ENCRYPTION_KEY', string> = {
  SLACK_CLIENT_ID: `SLACK_CLIENT_ID is not set (OAuth mode). Copy the Client ID from ${APPS_PAGE} > your app > Basic Information > App Credentials.`,
  SLACK_CLIENT_SECRET: `SLACK_CLIENT_SECRET is not set (OAuth mode). Copy the Client Secret from ${APPS_PAGE} > your app > Basic Information > App Credentials.`,
  SLACK_STATE_SECRET: 'SLACK_STATE_SECRET is not set (OAuth mode). It signs each install link; set at least 32 random characters, for example the output of `openssl rand -base64 32`, the same on every replica.',
  SLACK_TOKEN_ENCRYPTION_KEY:
    'SLACK_TOKEN_ENCRYPTION_KEY is not set (OAuth mode). It encrypts the installations\' tokens in the database; make one with `openssl rand -base64 32`, keep it in your secret store, and set the same key on every replica. Losing it means every workspace must install the app again.',
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Connect Invites cannot start: ${problems.length === 1 ? 'one setting needs' : `${problems.length} settings need`} attention.\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSet them in the environment or in a .env file beside package.json (see .env.example and the README).',
    );
    this.name = 'ConfigError';
  }
}

/** Reads `.env` into process.env without overriding what the environment already sets. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === '' ? undefined : raw;
  };

  const appToken = value('SLACK_APP_TOKEN');
  if (appToken !== undefined && !/^xapp-[\w-]+$/.test(appToken)) {
    problems.push(
      `SLACK_APP_TOKEN is malformed: an app-level token starts with "xapp-". Create one with the connections:write scope at ${APPS_PAGE} > your app > Basic Information > App-Level Tokens, or unset it to receive requests over HTTP.`,
    );
  }

  const botToken = value('SLACK_BOT_TOKEN');
  const clientId = value('SLACK_CLIENT_ID');
  const clientSecret = value('SLACK_CLIENT_SECRET');
  const stateSecret = value('SLACK_STATE_SECRET');
  const encryptionKeyText = value('SLACK_TOKEN_ENCRYPTION_KEY');
  const oauthNames = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_TOKEN_ENCRYPTION_KEY'] as const;
  const oauthSet = oauthNames.filter((name) => value(name) !== undefined);
  if (botToken !== undefined && oauthSet.length > 0) {
    problems.push(
      `SLACK_BOT_TOKEN and ${oauthSet.join(', ')} are both set: choose one mode. SLACK_BOT_TOKEN alone runs the app in one workspace; SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and SLACK_TOKEN_ENCRYPTION_KEY (without SLACK_BOT_TOKEN) let any workspace install it through OAuth (README, "Distributing the app").`,
    );
  } else if (botToken === undefined && oauthSet.length === 0) {
    problems.push(
      `SLACK_BOT_TOKEN is not set. Copy the Bot User OAuth Token (it starts with "xoxb-") from ${APPS_PAGE} > your app > OAuth & Permissions, after installing the app to your workspace. (To let many workspaces install the app instead, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and SLACK_TOKEN_ENCRYPTION_KEY: README, "Distributing the app".)`,
    );
  } else if (botToken !== undefined && !/^(xoxe\.)?xoxb-[\w-]+$/.test(botToken)) {
    problems.push(
      `SLACK_BOT_TOKEN is malformed: a bot token starts with "xoxb-". Copy the Bot User OAuth Token from ${APPS_PAGE} > your app > OAuth & Permissions (not the user token or the app-level token).`,
    );
  }

  let oauth: Omit<OAuthConfig, 'authorizeUrl'> | undefined;
  if (botToken === undefined && oauthSet.length > 0) {
    for (const name of oauthNames.filter((n) => !oauthSet.includes(n))) problems.push(OAUTH_MISSING[name]);
    if (clientId !== undefined && !/^\d+\.\d+$/.test(clientId)) {
      problems.push(`SLACK_CLIENT_ID is malformed: Slack's client IDs are two numbers joined by a dot. Copy it from ${APPS_PAGE} > your app > Basic Information > App Credentials.`);
    }
    if (clientSecret !== undefined && !/^[0-9a-f]{32}$/i.test(clientSecret)) {
      problems.push(`SLACK_CLIENT_SECRET is malformed: Slack's client secrets are 32 hexadecimal characters. Copy it from ${APPS_PAGE} > your app > Basic Information > App Credentials > Client Secret.`);
    }
    if (stateSecret !== undefined && stateSecret.length < 32) {
      problems.push('SLACK_STATE_SECRET is too short: use at least 32 random characters, for example the output of `openssl rand -base64 32`.');
    }
    let encryptionKey: Buffer | undefined;
    const previousEncryptionKeys: Buffer[] = [];
    if (encryptionKeyText !== undefined) {
      try {
        encryptionKey = parseEncryptionKey(encryptionKeyText);
      } catch (error) {
        problems.push(`SLACK_TOKEN_ENCRYPTION_KEY is malformed: ${(error as Error).message}`);
      }
    }
    for (const [i, text] of (value('SLACK_TOKEN_ENCRYPTION_PREVIOUS_KEYS') ?? '').split(',').map((t) => t.trim()).filter(Boolean).entries()) {
      try {
        previousEncryptionKeys.push(parseEncryptionKey(text));
      } catch (error) {
        problems.push(`SLACK_TOKEN_ENCRYPTION_PREVIOUS_KEYS is malformed (key ${i + 1}): ${(error as Error).message}`);
      }
    }
    const redirectUri = value('SLACK_REDIRECT_URI');
    if (redirectUri !== undefined && !isHttpUrl(redirectUri)) {
      problems.push('SLACK_REDIRECT_URI is malformed: it must be the https URL of /slack/oauth_redirect on this app, exactly as it is listed under OAuth & Permissions > Redirect URLs.');
    }
    oauth = { clientId: clientId!, clientSecret: clientSecret!, stateSecret: stateSecret!, encryptionKey: encryptionKey!, previousEncryptionKeys, redirectUri };
  }

  const signingSecret = value('SLACK_SIGNING_SECRET');
  if (signingSecret === undefined && appToken === undefined) {
    problems.push(
      `SLACK_SIGNING_SECRET is not set. Copy the Signing Secret from ${APPS_PAGE} > your app > Basic Information > App Credentials. (In Socket Mode, with SLACK_APP_TOKEN set, it is not needed.)`,
    );
  } else if (signingSecret !== undefined && !/^[0-9a-f]{32}$/i.test(signingSecret)) {
    problems.push(
      `SLACK_SIGNING_SECRET is malformed: Slack's signing secrets are 32 hexadecimal characters. Copy it again from ${APPS_PAGE} > your app > Basic Information > App Credentials > Signing Secret.`,
    );
  }

  let apiUrl = value('SLACK_API_URL') ?? 'https://slack.com/api/';
  if (!isHttpUrl(apiUrl)) {
    problems.push(
      'SLACK_API_URL is malformed: it must be an http(s) URL such as https://slack.com/api/ (the default) or https://slack-gov.com/api/ for GovSlack.',
    );
  } else if (!apiUrl.endsWith('/')) {
    apiUrl += '/';
  }

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/./.test(databaseUrl)) {
    problems.push(
      'DATABASE_URL is malformed: it must be a PostgreSQL connection URL such as postgresql://user:password@host:5432/connect_invites. Leave it unset to use the embedded PostgreSQL.',
    );
  }

  const portText = value('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push('PORT is malformed: it must be a whole number from 0 to 65535 (default 3000).');
  }

  const logLevel = (value('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!isOneOf(LOG_LEVELS, logLevel)) {
    problems.push(`LOG_LEVEL is malformed: it must be one of ${LOG_LEVELS.join(', ')} (default info).`);
  }

  const privateInviteMethod = value('PRIVATE_INVITE_METHOD') ?? 'conversations.invite';
  if (!isOneOf(PRIVATE_INVITE_METHODS, privateInviteMethod)) {
    problems.push(
      `PRIVATE_INVITE_METHOD is malformed: it must be ${PRIVATE_INVITE_METHODS.join(' or ')} (default conversations.invite; groups.invite was retired by Slack in 2021).`,
    );
  }

  const timeoutText = value('SLACK_INVITE_TIMEOUT_MS') ?? '10000';
  const inviteTimeoutMs = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || inviteTimeoutMs < 100 || inviteTimeoutMs > 60_000) {
    problems.push('SLACK_INVITE_TIMEOUT_MS is malformed: it must be a whole number of milliseconds from 100 to 60000 (default 10000).');
  }

  const leaseText = value('RECOVERY_LEASE_SECONDS') ?? '60';
  const recoveryLeaseSeconds = Number(leaseText);
  if (!/^\d+$/.test(leaseText) || recoveryLeaseSeconds < 1 || recoveryLeaseSeconds > 3600) {
    problems.push('RECOVERY_LEASE_SECONDS is malformed: it must be a whole number of seconds from 1 to 3600 (default 60).');
  } else if (problems.length === 0 && inviteTimeoutMs * 2 > recoveryLeaseSeconds * 1000) {
    // A send renews its lease every quarter lease and starts a call only while the lease surely
    // outlasts it (src/invites/lease.ts): with a call longer than half the lease, it could not.
    problems.push(
      `RECOVERY_LEASE_SECONDS (${recoveryLeaseSeconds}) must be at least twice SLACK_INVITE_TIMEOUT_MS (${inviteTimeoutMs} ms), so that a call to Slack always ends well inside the lease.`,
    );
  }

  // Slack retries an event delivery for about an hour; a shorter window would forget an event
  // before its last retry arrives and apply it twice.
  const retentionText = value('EVENT_RETENTION_HOURS') ?? '168';
  const eventRetentionHours = Number(retentionText);
  if (!/^\d+$/.test(retentionText) || eventRetentionHours < 2 || eventRetentionHours > 8760) {
    problems.push('EVENT_RETENTION_HOURS is malformed: it must be a whole number of hours from 2 to 8760 (default 168; Slack retries an event for about an hour).');
  }

  // Invitations last 14 days (336 hours): a reminder can come at most that long before.
  const reminderText = value('REMINDER_HOURS_BEFORE_EXPIRY') ?? '48';
  const reminderHoursBeforeExpiry = Number(reminderText);
  if (!/^\d+$/.test(reminderText) || reminderHoursBeforeExpiry > 336) {
    problems.push('REMINDER_HOURS_BEFORE_EXPIRY is malformed: it must be a whole number of hours from 0 (no reminders) to 336 (default 48; invitations expire after 14 days).');
  }

  // conversations.inviteShared is Tier 2 (about 20 a minute per workspace): batches leave part of it
  // to people sending one invitation from the form meanwhile.
  const paceText = value('BATCH_INVITES_PER_MINUTE') ?? '15';
  const invitesPerMinute = Number(paceText);
  // Above 20 only where Slack has raised the app's limits (and in tests, whose fake Slack raises them too).
  if (!/^\d+$/.test(paceText) || invitesPerMinute < 1 || invitesPerMinute > 1200) {
    problems.push('BATCH_INVITES_PER_MINUTE is malformed: it must be a whole number from 1 to 1200 (default 15; Slack allows about 20 invitations a minute per workspace, and people sending one at a time need some of them).');
  }
  const emailWaitText = value('BATCH_EMAIL_LIMIT_WAIT_SECONDS') ?? '600';
  const emailLimitWaitSeconds = Number(emailWaitText);
  if (!/^\d+$/.test(emailWaitText) || emailLimitWaitSeconds < 1 || emailLimitWaitSeconds > 86_400) {
    problems.push('BATCH_EMAIL_LIMIT_WAIT_SECONDS is malformed: it must be a whole number of seconds from 1 to 86400 (default 600).');
  }

  const metrics = metricsConfig(value, problems, port);
  const graceText = value('SHUTDOWN_GRACE_SECONDS') ?? '0';
  const shutdownGraceSeconds = Number(graceText);
  if (!/^\d+$/.test(graceText) || shutdownGraceSeconds > 120) {
    problems.push('SHUTDOWN_GRACE_SECONDS is malformed: it must be a whole number of seconds from 0 to 120 (default 0; README, "Metrics and probes").');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    slack: {
      botToken,
      oauth: oauth && { ...oauth, authorizeUrl: new URL('/oauth/v2/authorize', apiUrl).toString() },
      signingSecret,
      appToken,
      apiUrl,
      privateInviteMethod: privateInviteMethod as PrivateInviteMethod,
      inviteTimeoutMs,
    },
    databaseUrl,
    embeddedDatabaseDir: value('EMBEDDED_DATABASE_DIR') ?? '.data/postgres',
    recoveryLeaseSeconds,
    eventRetentionHours,
    reminderHoursBeforeExpiry,
    batches: { invitesPerMinute, emailLimitWaitSeconds },
    port,
    shutdownGraceSeconds,
    metrics,
    logLevel: logLevel as LogLevel,
    prettyLogs: value('NODE_ENV') === 'development',
  };
}

function metricsConfig(value: (name: string) => string | undefined, problems: string[], appPort: number): MetricsConfig | undefined {
  const portText = value('METRICS_PORT');
  const host = value('METRICS_HOST') ?? '127.0.0.1';
  const token = value('METRICS_TOKEN');
  if (portText === undefined) {
    if (value('METRICS_HOST') !== undefined || token !== undefined) problems.push('METRICS_HOST and METRICS_TOKEN need METRICS_PORT: set the port the metrics listen on (README, "Metrics and probes").');
    return undefined;
  }
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) problems.push('METRICS_PORT is malformed: it must be a whole number from 0 to 65535 (README, "Metrics and probes").');
  else if (port !== 0 && port === appPort) problems.push(`METRICS_PORT (${port}) must differ from PORT: the metrics have a listener of their own, kept off the port Slack reaches.`);
  if (!/^[\w.:-]+$/.test(host)) problems.push('METRICS_HOST is malformed: it must be an IP address or host name to bind, such as 127.0.0.1 (the default) or 0.0.0.0.');
  if (token !== undefined && token.length < 16) problems.push('METRICS_TOKEN is too short: use at least 16 random characters, for example the output of `openssl rand -base64 24`.');
  return { port, host, token };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function isOneOf<T extends string>(options: readonly T[], candidate: string): candidate is T {
  return (options as readonly string[]).includes(candidate);
}

// One pino root logger for the whole app (Bolt's logs included), with secrets kept out of it.
import { pino, type Logger as PinoLogger } from 'pino';
import { LogLevel as BoltLogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { LogLevel } from './config.js';

export type Logger = PinoLogger;

// Structured fields that can carry secrets, wherever they are nested one or two levels down.
// Explicit paths only: redaction must never depend on user-supplied keys.
// A Slack Connect join link and its confirmation code let anyone join: as secret as a token.
// OAuth: the client secret, refresh tokens, the state secret and the token encryption key.
const SECRET_FIELDS = [
  'token', 'botToken', 'appToken', 'signingSecret', 'authorization', 'response_url', 'responseUrl', 'password', 'url', 'joinUrl', 'conf_code', 'confCode',
  'client_secret', 'clientSecret', 'refresh_token', 'refreshToken', 'stateSecret', 'encryptionKey',
];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

// Secrets inside free text (Bolt and the Web API client log plain strings).
const SECRET_PATTERNS: readonly RegExp[] = [
  /(?:xoxe\.)?xox[abeposr]-[A-Za-z0-9-]+/g, // Slack bot, user, legacy, rotating and refresh tokens
  /("(?:client_secret|code|refresh_token|state)\\?"\s*:\s*\\?")[^"\\]+/g, // OAuth secrets in logged request bodies (the code works once, for ten minutes)
  /([?&](?:client_secret|code|refresh_token|state)=)[^&\s"'<>]+/g, // and in URLs and form bodies
  /xapp-[A-Za-z0-9-]+/g, // app-level tokens
  /https:\/\/hooks\.slack(?:-gov)?\.com\/[^\s"'<>]+/g, // response_url and webhooks
  /(postgres(?:ql)?:\/\/[^:/\s]+:)[^@\s]+@/g, // database passwords
  /https:\/\/join\.slack\.com\/[^\s"'<>\\]+/g, // Slack Connect join links
  /("conf_code\\?"\s*:\s*\\?")[^"\\]+/g, // their confirmation codes, in logged response bodies
  /(Confirmation code\*(?:\\+n|\n)`)[^`]+/g, // and as the outcome view shows them, in logged request bodies
];

export function scrubSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, keep?: string) =>
      typeof keep !== 'string' ? '[REDACTED]' : match.startsWith('postgres') ? `${keep}[REDACTED]@` : `${keep}[REDACTED]`,
    );
  }
  return out;
}

export interface LoggerOptions {
  level: LogLevel;
  pretty?: boolean;
  /** Where the JSON lines go; tests pass a stream to read a whole run's logs. */
  destination?: pino.DestinationStream;
}

export function createLogger({ level, pretty = false, destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'connect-invites' },
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    hooks: {
      // Messages and error texts can quote a URL or a token; scrub every string argument.
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (err: unknown) => {
        const s = pino.stdSerializers.err(err as Error);
        return { ...s, message: scrubSecrets(s.message ?? ''), stack: s.stack ? scrubSecrets(s.stack) : undefined };
      },
    },
  };
  if (destination) return pino(options, destination);
  if (pretty) return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  return pino(options);
}

const TO_BOLT: Record<string, BoltLogLevel> = {
  trace: BoltLogLevel.DEBUG,
  debug: BoltLogLevel.DEBUG,
  info: BoltLogLevel.INFO,
  warn: BoltLogLevel.WARN,
  error: BoltLogLevel.ERROR,
  fatal: BoltLogLevel.ERROR,
  silent: BoltLogLevel.ERROR,
};

/** Bolt and the Web API client log through this, so their lines share our format and redaction. */
export function toBoltLogger(logger: Logger, name = 'bolt'): BoltLogger {
  let child = logger.child({ module: name });
  const join = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : safeStringify(m))).join(' ');
  // Bolt and the client log at debug several times per request: join nothing a level drops.
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => {
    if (child.isLevelEnabled(level)) child[level](join(msg));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    // The app's LOG_LEVEL rules; Bolt asking for another level must not make it noisier.
    setLevel: () => undefined,
    getLevel: () => TO_BOLT[child.level] ?? BoltLogLevel.INFO,
    setName: (newName) => {
      child = logger.child({ module: newName });
    },
  };
}

function safeStringify(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A logger that makes the real one on first use. Request-scoped child loggers are made this way:
 * most requests log nothing, and making a child costs a redaction pass over its bindings.
 */
export function lazyLogger(make: () => Logger): Logger {
  let real: Logger | undefined;
  const target = () => (real ??= make());
  return new Proxy({} as Logger, {
    get(_, property) {
      const logger = target();
      const value = Reflect.get(logger, property, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
    set: (_, property, value) => Reflect.set(target(), property, value),
    has: (_, property) => Reflect.has(target(), property),
  });
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef',
  SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(valid);
    assert.equal(config.slack.apiUrl, 'https://slack.com/api/');
    assert.equal(config.port, 3000);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.slack.appToken, undefined);
    assert.equal(config.slack.privateInviteMethod, 'conversations.invite');
    assert.equal(config.eventRetentionHours, 168);
  });

  it('names every missing value, and where to get it, in one error', () => {
    const problems = problemsOf({});
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /SLACK_BOT_TOKEN is not set.*OAuth & Permissions/);
    assert.match(problems[1]!, /SLACK_SIGNING_SECRET is not set.*Basic Information/);
  });

  it('reports malformed values without echoing them', () => {
    const secretLooking = 'xoxp-user-token-that-must-not-appear';
    const env = {
      SLACK_BOT_TOKEN: secretLooking,
      SLACK_SIGNING_SECRET: 'not-a-secret-value-zzz',
      SLACK_APP_TOKEN: 'xoxb-wrong-kind',
      SLACK_API_URL: 'ftp://example.com',
      DATABASE_URL: 'mysql://localhost/db',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      PRIVATE_INVITE_METHOD: 'channels.invite',
    };
    const problems = problemsOf(env);
    const names = ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL', 'DATABASE_URL', 'PORT', 'LOG_LEVEL', 'PRIVATE_INVITE_METHOD'];
    assert.deepEqual(problems.map((p) => p.split(' ')[0]), names);
    const message = new ConfigError(problems).message;
    for (const value of Object.values(env)) assert.ok(!message.includes(value), `the message echoes ${value}`);
  });

  it('needs no signing secret in Socket Mode', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: valid.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A0-123-abc' });
    assert.equal(config.slack.signingSecret, undefined);
    assert.equal(config.slack.appToken, 'xapp-1-A0-123-abc');
  });

  it('normalises the API URL and accepts GovSlack and a custom port', () => {
    const config = loadConfig({ ...valid, SLACK_API_URL: 'https://slack-gov.com/api', PORT: '0', LOG_LEVEL: 'DEBUG' });
    assert.equal(config.slack.apiUrl, 'https://slack-gov.com/api/');
    assert.equal(config.port, 0);
    assert.equal(config.logLevel, 'debug');
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ ...valid, DATABASE_URL: '  ', SLACK_APP_TOKEN: '' });
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.slack.appToken, undefined);
  });

  it('keeps processed events for a window longer than Slack retries an event', () => {
    assert.equal(loadConfig({ ...valid, EVENT_RETENTION_HOURS: '2' }).eventRetentionHours, 2);
    assert.equal(loadConfig({ ...valid, EVENT_RETENTION_HOURS: '8760' }).eventRetentionHours, 8760);
    for (const bad of ['1', '0', '8761', '1.5', '-3', 'week']) {
      const problems = problemsOf({ ...valid, EVENT_RETENTION_HOURS: bad });
      assert.equal(problems.length, 1, bad);
      assert.match(problems[0]!, /^EVENT_RETENTION_HOURS is malformed: .*from 2 to 8760/, bad);
    }
  });

  it('reminds inviters two days before an invitation expires unless told otherwise (0: never, at most 14 days)', () => {
    assert.equal(loadConfig(valid).reminderHoursBeforeExpiry, 48);
    assert.equal(loadConfig({ ...valid, REMINDER_HOURS_BEFORE_EXPIRY: '0' }).reminderHoursBeforeExpiry, 0);
    for (const bad of ['337', '-1', '1.5', 'soon']) {
      assert.match(problemsOf({ ...valid, REMINDER_HOURS_BEFORE_EXPIRY: bad })[0]!, /^REMINDER_HOURS_BEFORE_EXPIRY is malformed/, bad);
    }
  });

  describe('OAuth mode', () => {
    const oauth = {
      SLACK_SIGNING_SECRET: valid.SLACK_SIGNING_SECRET,
      SLACK_CLIENT_ID: '1234567890.9876543210',
      SLACK_CLIENT_SECRET: 'fedcba9876543210fedcba9876543210',
      SLACK_STATE_SECRET: 'a'.repeat(40),
      SLACK_TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };

    it('is chosen by the OAuth settings without SLACK_BOT_TOKEN, with Slack’s authorize page beside the API', () => {
      const config = loadConfig({ ...oauth, SLACK_API_URL: 'https://slack-gov.com/api/' });
      assert.equal(config.slack.botToken, undefined);
      assert.equal(config.slack.oauth?.clientId, oauth.SLACK_CLIENT_ID);
      assert.equal(config.slack.oauth?.encryptionKey.length, 32);
      assert.equal(config.slack.oauth?.authorizeUrl, 'https://slack-gov.com/oauth/v2/authorize');
      assert.equal(loadConfig(valid).slack.oauth, undefined, 'single-workspace mode unchanged');
    });

    it('refuses both modes half-set in one message, naming every missing value', () => {
      const both = problemsOf({ ...valid, SLACK_CLIENT_ID: oauth.SLACK_CLIENT_ID });
      assert.equal(both.length, 1);
      assert.match(both[0]!, /SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: choose one mode/);
      const half = problemsOf({ SLACK_SIGNING_SECRET: oauth.SLACK_SIGNING_SECRET, SLACK_CLIENT_ID: oauth.SLACK_CLIENT_ID });
      assert.deepEqual(half.map((p) => p.split(' ')[0]), ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_TOKEN_ENCRYPTION_KEY']);
      assert.match(half[2]!, /openssl rand -base64 32/);
    });

    it('refuses a malformed client, a short state secret and a key that is not 32 bytes, without echoing them', () => {
      const env = { ...oauth, SLACK_CLIENT_ID: 'abc', SLACK_CLIENT_SECRET: 'not-hex-zzz', SLACK_STATE_SECRET: 'tiny-secret-7', SLACK_TOKEN_ENCRYPTION_KEY: 'dG9vIHNob3J0' };
      const problems = problemsOf(env);
      assert.deepEqual(problems.map((p) => p.split(' ')[0]), ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_TOKEN_ENCRYPTION_KEY']);
      const message = new ConfigError(problems).message;
      for (const value of [env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET, env.SLACK_TOKEN_ENCRYPTION_KEY]) assert.ok(!message.includes(value));
    });
  });

  it('keeps metrics off unless METRICS_PORT is set, on 127.0.0.1 by default, and checks their settings', () => {
    assert.equal(loadConfig(valid).metrics, undefined);
    assert.equal(loadConfig(valid).shutdownGraceSeconds, 0);
    assert.deepEqual(loadConfig({ ...valid, METRICS_PORT: '9464' }).metrics, { port: 9464, host: '127.0.0.1', token: undefined });
    assert.deepEqual(loadConfig({ ...valid, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'a-long-enough-token' }).metrics, { port: 9464, host: '0.0.0.0', token: 'a-long-enough-token' });
    assert.match(problemsOf({ ...valid, METRICS_TOKEN: 'a-long-enough-token' }).join('\n'), /METRICS_TOKEN need METRICS_PORT/);
    assert.match(problemsOf({ ...valid, METRICS_PORT: '3000' }).join('\n'), /METRICS_PORT \(3000\) must differ from PORT/);
    assert.match(problemsOf({ ...valid, METRICS_PORT: 'x' }).join('\n'), /METRICS_PORT is malformed/);
    const short = problemsOf({ ...valid, METRICS_PORT: '9464', METRICS_TOKEN: 'short' }).join('\n');
    assert.match(short, /METRICS_TOKEN is too short/);
    assert.ok(!short.includes('short"'), 'the token is not echoed');
    assert.match(problemsOf({ ...valid, SHUTDOWN_GRACE_SECONDS: '600' }).join('\n'), /SHUTDOWN_GRACE_SECONDS is malformed/);
  });
});

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
});

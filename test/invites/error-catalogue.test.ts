import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fc from 'fast-check';
import { ALREADY_DECIDED_CODES, isAlreadyDecided } from '../../src/invites/approvals/already-decided.js';
import {
  CONNECT_ADMIN_METHODS,
  FILE_METHODS,
  documentedCodes,
  EXTERNAL_ACCESS_METHODS,
  explainError,
  isWarningCode,
  VIEW_METHODS,
  WARNING_CODES,
  type ErrorExplanation,
  type ConnectAdminMethod,
  type ExplanationContext,
  type InviteMethod,
  type SlackMethod,
} from '../../src/invites/error-catalogue.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const docsDir = path.join(repoRoot, 'docs/slack-api');
const sharedDir = path.join(repoRoot, '../shared/reference/slack-api');
const DOC_FILES = ['README.md', 'conversations.inviteShared.txt', 'groups.invite.txt'];
const METHODS: readonly InviteMethod[] = ['conversations.inviteShared', 'conversations.invite', 'groups.invite'];
const ALL_METHODS: ReadonlyArray<SlackMethod | undefined> = [undefined, ...METHODS, ...VIEW_METHODS, ...CONNECT_ADMIN_METHODS, ...FILE_METHODS, 'conversations.create', ...EXTERNAL_ACCESS_METHODS];

const readDoc = (name: string) => readFileSync(path.join(docsDir, name), 'utf8');

function between(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  assert.ok(from >= 0, `marker not found: ${start}`);
  const rest = text.slice(from + start.length);
  if (end === undefined) return rest;
  const to = rest.indexOf(end);
  assert.ok(to >= 0, `marker not found: ${end}`);
  return rest.slice(0, to);
}

// In Slack's pages a code sits alone on its line and its description starts with a
// capital on the next non-empty line. Requiring the capital keeps wrapped words
// ("token." / "parameter.") from being read as codes.
function codesFromTable(section: string): string[] {
  const lines = section.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.filter((line, i) => /^[a-z][a-z0-9_]*$/.test(line) && /^[A-Z]/.test(lines[i + 1] ?? ''));
}

const backticked = (text: string) => [...text.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);

const inviteSharedText = readDoc('conversations.inviteShared.txt');
const groupsText = readDoc('groups.invite.txt');
const readmeText = readDoc('README.md');

const inviteSharedCodes = codesFromTable(between(inviteSharedText, '\nErrors\n'));
const groupsErrorCodes = codesFromTable(between(groupsText, '\nError Description\n', '\nWarnings\n'));
const groupsWarningCodes = codesFromTable(between(groupsText, '\nWarning Description\n'));
const conversationsInviteCodes = backticked(
  between(readmeText, '`conversations.invite` documented error codes', 'When several users are invited'),
);
const genericCodes = backticked(between(readmeText, 'Generic errors shared by all methods:', '\n\n'));
const APP_SIDE_CODES = [
  'slack_timeout', 'slack_unreachable', 'slack_http_error', 'database_unavailable',
  'unknown_method', 'method_not_supported_for_channel_type',
  // Who may invite (src/invites/who-may-invite/) and the workspace setting behind it.
  'requester_is_guest', 'requester_is_bot', 'requester_deactivated', 'requester_other_workspace',
  'requester_not_in_invite_group', 'invite_group_unavailable', 'requester_check_failed',
  'not_workspace_admin', 'usergroup_not_found',
];

const SOURCES: ReadonlyArray<{ name: string; codes: string[]; methods: ReadonlyArray<SlackMethod | undefined> }> = [
  { name: 'conversations.inviteShared.txt', codes: inviteSharedCodes, methods: ['conversations.inviteShared'] },
  { name: 'groups.invite.txt', codes: groupsErrorCodes, methods: ['groups.invite'] },
  { name: 'README conversations.invite list', codes: conversationsInviteCodes, methods: ['conversations.invite'] },
  { name: 'README generic list', codes: genericCodes, methods: [undefined, ...METHODS] },
  { name: 'app-side codes', codes: APP_SIDE_CODES, methods: [undefined, ...METHODS] },
];

const texts = (e: ErrorExplanation) => [e.title, e.whatHappened, e.whatToDo];

function assertWellFormed(e: ErrorExplanation, label: string): void {
  assert.ok(e.title.length > 0 && e.title.length <= 60, `${label}: title length ${e.title.length}`);
  assert.ok(e.whatHappened.length > 0 && e.whatHappened.length <= 300, `${label}: whatHappened length`);
  assert.ok(e.whatToDo.length > 0 && e.whatToDo.length <= 300, `${label}: whatToDo length`);
  assert.match(e.title, /^[A-Z]/, `${label}: title starts with a capital`);
  assert.doesNotMatch(e.title, /\.$/, `${label}: title has no trailing period`);
  assert.ok(['requester', 'workspace_admin', 'app_operator'].includes(e.whoActs), `${label}: whoActs`);
  for (const text of texts(e)) {
    assert.doesNotMatch(text, /[<>{}]/, `${label}: no mrkdwn/markup or unfilled placeholder in "${text}"`);
    // Backticks are reserved for slash commands the person can type.
    for (const span of text.match(/`[^`]*`/g) ?? []) assert.match(span, /^`\/[a-z-]+( [^`]+)?`$/, `${label}: ${span}`);
    assert.equal((text.match(/`/g) ?? []).length % 2, 0, `${label}: balanced backticks`);
  }
}

describe('parsing the reference docs', () => {
  it('finds a plausible set of codes in each source', () => {
    assert.ok(inviteSharedCodes.length >= 50 && inviteSharedCodes.length <= 70, `inviteShared: ${inviteSharedCodes.length}`);
    assert.ok(groupsErrorCodes.length >= 18 && groupsErrorCodes.length <= 25, `groups.invite: ${groupsErrorCodes.length}`);
    assert.ok(conversationsInviteCodes.length >= 15, `conversations.invite: ${conversationsInviteCodes.length}`);
    assert.ok(genericCodes.length >= 25, `generic: ${genericCodes.length}`);
    for (const code of ['access_denied', 'restricted_action', 'not_in_channel', 'ratelimit', 'ratelimited', 'user_not_found', 'connection_limit_exceeded_pending']) {
      assert.ok(inviteSharedCodes.includes(code), `inviteShared should list ${code}`);
    }
    for (const code of ['channel_not_found', 'user_is_bot', 'user_is_ultra_restricted', 'request_timeout']) {
      assert.ok(groupsErrorCodes.includes(code), `groups.invite should list ${code}`);
    }
    for (const code of ['app_cannot_join_channel', 'no_user', 'ura_max_channels', 'method_not_supported_for_channel_type']) {
      assert.ok(conversationsInviteCodes.includes(code), `conversations.invite should list ${code}`);
    }
    for (const code of ['two_factor_setup_required', 'accesslimited', 'method_deprecated']) {
      assert.ok(genericCodes.includes(code), `generic list should include ${code}`);
    }
    assert.deepEqual(groupsWarningCodes, ['missing_charset', 'superfluous_charset']);
  });

  it('does not mistake wrapped words for codes', () => {
    for (const word of ['token', 'user', 'emails', 'charset', 'ok', 'parameter']) {
      assert.ok(!inviteSharedCodes.includes(word), word);
    }
    assert.ok(!groupsErrorCodes.some(isWarningCode));
  });
});

describe('every documented code is explained', () => {
  for (const source of SOURCES) {
    it(`covers ${source.name}`, () => {
      for (const code of source.codes) {
        for (const method of source.methods) {
          const label = `${code} (${method ?? 'no method'})`;
          const e = explainError(code, { method });
          assert.equal(e.documented, true, `${label} is documented`);
          assert.equal(e.code, code);
          assertWellFormed(e, label);
        }
      }
    });
  }

  it('documentedCodes() lists exactly the explained error codes', () => {
    const known = new Set(documentedCodes());
    for (const source of SOURCES) for (const code of source.codes) assert.ok(known.has(code), code);
    for (const code of known) assert.equal(explainError(code).documented, true, code);
    assert.equal(known.size, documentedCodes().length, 'no duplicates');
  });
});

describe('warnings', () => {
  it('are known as warnings, not errors', () => {
    assert.deepEqual([...WARNING_CODES], ['missing_charset', 'superfluous_charset']);
    for (const code of groupsWarningCodes) {
      assert.ok(isWarningCode(code), code);
      assert.ok(!documentedCodes().includes(code), `${code} is not an error code`);
      const e = explainError(code);
      assert.equal(e.retryable, false);
      assertWellFormed(e, code);
    }
    for (const code of documentedCodes()) assert.equal(isWarningCode(code), false, code);
  });
});

describe('specific explanations', () => {
  it('restricted_action names the admin setting and asks an admin', () => {
    for (const method of [undefined, ...METHODS]) {
      const e = explainError('restricted_action', { method });
      assert.equal(e.whoActs, 'workspace_admin');
      assert.match(`${e.whatHappened} ${e.whatToDo}`, /Manage permissions for inviting people to channels/);
    }
    assert.match(explainError('restricted_action', { method: 'conversations.inviteShared' }).whatToDo, /limited invitation/);
  });

  it('not_in_channel tells the person how to add the app, with a custom name', () => {
    const e = explainError('not_in_channel', { method: 'conversations.inviteShared' });
    assert.match(e.whatToDo, /`\/invite @Connect Invites`/);
    assert.equal(e.whoActs, 'requester');
    const custom = explainError('not_in_channel', { method: 'conversations.invite', appName: 'Partner Bridge' });
    assert.match(custom.whatToDo, /`\/invite @Partner Bridge`/);
    assert.match(custom.whatHappened, /private channel/);
    assert.doesNotMatch(custom.whatToDo, /Connect Invites/);
    const hostile = explainError('not_in_channel', { appName: '<!channel> `x`' });
    assert.match(hostile.whatToDo, /`\/invite @channel x`/);
  });

  it('missing_scope names the needed scope and goes to the operator', () => {
    const e = explainError('missing_scope', { neededScope: 'groups:write.invites' });
    assert.equal(e.whoActs, 'app_operator');
    assert.equal(e.retryable, false);
    assert.match(e.whatToDo, /"groups:write\.invites"/);
    assert.match(e.whatToDo, /reinstall/);
    const general = explainError('missing_scope');
    assert.match(general.whatToDo, /reinstall/);
    assert.match(general.whatToDo, /permissions/);
  });

  it('ratelimited says when to try again, in minutes and clock time', () => {
    const now = new Date('2026-03-04T12:00:00Z');
    const e = explainError('ratelimited', { retryAfterSeconds: 90, now });
    assert.equal(e.whoActs, 'requester');
    assert.equal(e.retryable, true);
    assert.match(e.whatToDo, /in about 2 minutes/);
    assert.match(e.whatToDo, /12:02 UTC/);
    assert.match(explainError('ratelimit', { retryAfterSeconds: 20, now }).whatToDo, /in about 20 seconds \(from 12:01 UTC\)/);
    assert.match(explainError('ratelimited').whatToDo, /in a minute/);
    assert.match(explainError('ratelimit', { retryAfterSeconds: Number.NaN }).whatToDo, /in a minute/);
  });

  it('falls back safely for an undocumented code', () => {
    const e = explainError('weird_code');
    assert.equal(e.documented, false);
    assert.equal(e.whoActs, 'app_operator');
    assert.equal(e.retryable, false);
    assert.match(e.whatHappened, /"weird_code"/);

    const hostile = explainError('<!channel> <https://evil.example|click>');
    assert.equal(hostile.documented, false);
    assert.equal(hostile.code, '<!channel> <https://evil.example|click>', 'raw code kept for logs');
    for (const text of texts(hostile)) assert.doesNotMatch(text, /[<>!|@]/);
    assert.match(hostile.whatHappened, /"channelhttpsevil\.exampleclick"/, 'only [a-z0-9_.-] survive');

    const long = explainError('x'.repeat(500));
    assert.ok(long.whatHappened.includes('x'.repeat(80)) && !long.whatHappened.includes('x'.repeat(81)));

    for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const proto = explainError(code, { method: 'groups.invite' });
      assert.equal(proto.documented, false, code);
      assertWellFormed(proto, code);
    }
  });

  it('method overrides: user_is_bot and the retired groups.invite', () => {
    const viaGroups = explainError('user_is_bot', { method: 'groups.invite' });
    const generic = explainError('user_is_bot');
    assert.equal(viaGroups.whoActs, 'app_operator');
    assert.match(viaGroups.whatToDo, /conversations\.invite mode/);
    assert.notEqual(viaGroups.whatToDo, generic.whatToDo);
    assert.equal(viaGroups.title, generic.title, 'override changes only what differs');
    for (const code of ['method_deprecated', 'deprecated_endpoint']) {
      const e = explainError(code, { method: 'groups.invite' });
      assert.equal(e.whoActs, 'app_operator');
      assert.match(e.whatToDo, /conversations\.invite mode/);
    }
    assert.match(explainError('channel_not_found', { method: 'conversations.invite' }).whatHappened, /private channel/);
    assert.notEqual(
      explainError('cant_invite_self', { method: 'groups.invite' }).whatHappened,
      explainError('cant_invite_self', { method: 'conversations.invite' }).whatHappened,
    );
  });

  it('routes account and plan problems to the right person', () => {
    for (const code of ['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed']) {
      assert.equal(explainError(code).whoActs, 'app_operator', code);
    }
    for (const code of ['not_paid', 'not_allowed_for_grid_workspace']) {
      assert.equal(explainError(code).whoActs, 'workspace_admin', code);
    }
    for (const code of ['invalid_arg_name', 'invalid_array_arg', 'invalid_charset', 'invalid_form_data', 'invalid_post_type', 'missing_post_type', 'invalid_arguments']) {
      const e = explainError(code);
      assert.equal(e.whoActs, 'app_operator', code);
      assert.equal(e.retryable, false, code);
      assert.match(e.whatToDo, /logged/, code);
    }
    for (const code of ['internal_error', 'fatal_error', 'service_unavailable', 'team_added_to_org', 'org_login_required']) {
      assert.equal(explainError(code).retryable, true, code);
    }
    assert.match(explainError('fatal_error').whatToDo, /check/i);
    assert.match(explainError('already_in_channel', { method: 'conversations.inviteShared' }).whatToDo, /Nothing to do/);
  });

  it('is honest about app-side failures', () => {
    const timeout = explainError('slack_timeout');
    assert.match(timeout.whatHappened, /doesn't know yet/);
    assert.match(timeout.whatHappened, /recorded/);
    assert.equal(timeout.retryable, false, 'resending blindly could invite twice');
    const db = explainError('database_unavailable');
    assert.match(db.whatHappened, /nothing was sent to Slack/);
    assert.equal(db.retryable, true);
    assert.equal(explainError('slack_unreachable').retryable, true);
    assert.equal(explainError('slack_http_error').retryable, true);
    assert.equal(explainError('unknown_method').whoActs, 'app_operator');
  });
});

describe('one voice: what happened, what to do, and who does it, said to the reader', () => {
  const LONG_NAME = 'Abcdefghij Abcdefghij Abcdefghij Abcdefg'; // the longest name kept (40 characters)
  const contexts: ExplanationContext[] = [
    {},
    { appName: 'Partner Bridge', neededScope: 'conversations.connect:write', retry: { command: '/share-channel' } },
    { appName: LONG_NAME, retryAfterSeconds: 5400, now: new Date('2026-03-04T12:00:00Z'), neededScope: 'a:b,c:d,e:f', retry: { button: 'Invite to a private channel' } },
  ];
  const every = (check: (e: ErrorExplanation, label: string, context: ExplanationContext) => void) => {
    for (const code of documentedCodes()) {
      for (const method of ALL_METHODS) {
        for (const context of contexts) check(explainError(code, { ...context, method }), `${code} (${method ?? 'no method'}, ${context.appName ?? 'default name'})`, context);
      }
    }
  };

  it('names who acts inside what to do, once, in the same way everywhere', () => {
    every((e, label, context) => {
      const app = context.appName ?? 'Connect Invites';
      const askAdmin = 'Ask a workspace admin or owner to ';
      const askOperator = `Ask whoever runs ${app} to `;
      if (e.whoActs === 'workspace_admin') assert.ok(e.whatToDo.startsWith(askAdmin), `${label}: ${e.whatToDo}`);
      else if (e.whoActs === 'app_operator') assert.ok(e.whatToDo.startsWith(askOperator), `${label}: ${e.whatToDo}`);
      else assert.ok(!e.whatToDo.startsWith(askAdmin) && !e.whatToDo.startsWith(askOperator), `${label}: the person acts first: ${e.whatToDo}`);
    });
  });

  it('never mixes in a second voice or a label', () => {
    every((e, label) => {
      for (const text of texts(e)) {
        assert.doesNotMatch(text, /\b(we|our|us)\b/i, `${label}: the app is named, never "we": ${text}`);
        assert.doesNotMatch(text, /\bcan:|Please tell|they need to|whoever runs the app/i, `${label}: ${text}`);
      }
    });
  });

  it('fits every entry without cutting it, even with the longest app name and retry phrases', () => {
    every((e, label) => {
      for (const text of texts(e)) assert.ok(!text.endsWith('…'), `${label}: cut: ${text}`);
    });
  });
});

describe('D16: texts that were wrong', () => {
  it('ratelimit: the per-user limit is the app’s own account, shared by everyone who uses it', () => {
    const e = explainError('ratelimit', { method: 'conversations.inviteShared' });
    assert.match(e.whatHappened, /its own account/);
    assert.match(e.whatHappened, /everyone using it shares that limit/);
    assert.doesNotMatch(e.whatHappened, /each person/);
    assert.equal(e.whoActs, 'requester');
    assert.equal(e.retryable, true);
    assert.match(e.whatToDo, /by picking them, not by email/, 'invitations by user ID are not under the per-user email limit');
  });

  it('connection_limit_exceeded_pending: true whether Slack counts per channel or per channel and invitee', () => {
    const e = explainError('connection_limit_exceeded_pending', { method: 'conversations.inviteShared' });
    // Per channel and invitee: the pending one is to this person. Per channel: it may be to anyone.
    assert.match(e.whatHappened, /to this person, or possibly to someone else/);
    assert.doesNotMatch(`${e.whatHappened} ${e.whatToDo}`, /only one at a time/, 'does not assert the per-channel reading');
    assert.match(e.whatToDo, /already invited, there is nothing more to do/);
    assert.match(e.whatToDo, /accepted, declined or expired \(after 14 days\), or cancelled, then send this one again/);
    assert.equal(e.whoActs, 'requester');
  });
});

describe('view errors (views.open, views.push, views.update, views.publish)', () => {
  // The codes Slack documents for the view methods (docs.slack.dev, via slack-ruby/slack-api-ref
  // methods/views/*.json), the trigger codes, the ones the fake and the client produce, and the
  // app's own codes for no answer.
  const VIEW_CODES = [
    'expired_trigger_id', 'exchanged_trigger_id', 'invalid_trigger_id', 'trigger_expired', 'trigger_exchanged',
    'view_too_large', 'not_found', 'hash_conflict', 'duplicate_external_id', 'push_limit_reached',
    'not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'no_permission', 'org_login_required', 'team_added_to_org',
    'ekm_access_denied', 'missing_scope', 'invalid_arguments', 'invalid_arg_name', 'invalid_charset', 'invalid_form_data',
    'invalid_post_type', 'missing_post_type', 'request_timeout', 'fatal_error', 'internal_error', 'service_unavailable',
    'ratelimited', 'slack_timeout', 'slack_unreachable', 'slack_http_error',
  ];

  it('explains every code a view method can answer, about what was being shown, never as an invitation', () => {
    for (const method of VIEW_METHODS) {
      for (const code of VIEW_CODES) {
        const label = `${code} (${method})`;
        const e = explainError(code, { method, retry: { command: '/share-channel' } });
        assert.equal(e.documented, true, label);
        assertWellFormed(e, label);
        assert.doesNotMatch(`${e.whatHappened} ${e.whatToDo}`, /\b(the|this) invitation\b/i, `${label}: ${e.whatHappened} ${e.whatToDo}`);
        assert.doesNotMatch(e.whatHappened, /does not recognise/, `${label} is not the fallback`);
      }
    }
  });

  it('expired_trigger_id: the form took too long, and the person runs the command (or clicks) again', () => {
    const viaCommand = explainError('expired_trigger_id', { method: 'views.open', retry: { command: '/share-channel' } });
    assert.equal(viaCommand.title, 'The form took too long to open');
    assert.equal(viaCommand.whoActs, 'requester');
    assert.equal(viaCommand.retryable, true);
    assert.match(viaCommand.whatHappened, /3 seconds/);
    assert.match(viaCommand.whatToDo, /^Nothing is wrong on your side: run `\/share-channel` again\./);
    const viaButton = explainError('expired_trigger_id', { method: 'views.open', retry: { button: 'Share a channel' } });
    assert.match(viaButton.whatToDo, /click "Share a channel" again/);
    assert.match(explainError('expired_trigger_id').whatToDo, /: try again\./);
  });

  it('a retry hint from outside cannot smuggle markup', () => {
    const command = explainError('expired_trigger_id', { method: 'views.open', retry: { command: '/x` <!channel>' } });
    assert.match(command.whatToDo, /: try again\./, 'not a command: the neutral phrase');
    const button = explainError('exchanged_trigger_id', { method: 'views.open', retry: { button: '<!channel> *Share*' } });
    assert.match(button.whatToDo, /click "channel Share" again/);
    for (const e of [command, button]) assertWellFormed(e, e.code);
  });

  it('a rate limit on views says when, and is nobody’s fault', () => {
    const e = explainError('ratelimited', { method: 'views.open', retryAfterSeconds: 20, now: new Date('2026-03-04T12:00:00Z'), retry: { command: '/invite-private' } });
    assert.equal(e.whoActs, 'requester');
    assert.match(e.whatHappened, /open forms and update the Home tab/);
    assert.match(e.whatToDo, /run `\/invite-private` again in about 20 seconds \(from 12:01 UTC\)/);
  });

  it('a view Slack refuses as too large goes to whoever runs the app, and says invitations are safe', () => {
    const e = explainError('view_too_large', { method: 'views.publish' });
    assert.equal(e.whoActs, 'app_operator');
    assert.match(e.whatHappened, /Your invitations are not affected/);
  });
});

describe('files.info (reading a CSV uploaded in the /share-channel form)', () => {
  // files.info's errors on docs.slack.dev (read through hex.pm slack_kit 1.0.0-alpha.0
  // priv/docs/methods/files.info.json and slack-ruby/slack-api-ref methods/files/files.info.json),
  // its own and the generic ones, and the app's own codes for no answer.
  const FILE_CODES = [
    'file_not_found', 'file_deleted', 'canvas_disabled_file_team', 'canvas_disabled_user_team', 'canvas_globally_disabled',
    'access_denied', 'accesslimited', 'account_inactive', 'deprecated_endpoint', 'ekm_access_denied', 'enterprise_is_restricted',
    'invalid_auth', 'is_bot', 'method_deprecated', 'missing_scope', 'no_permission', 'not_allowed_token_type', 'not_authed',
    'org_login_required', 'token_expired', 'token_revoked', 'two_factor_setup_required', 'team_added_to_org',
    'fatal_error', 'internal_error', 'invalid_arg_name', 'invalid_arguments', 'invalid_array_arg', 'invalid_charset',
    'invalid_form_data', 'invalid_post_type', 'missing_post_type', 'ratelimited', 'request_timeout', 'service_unavailable',
    'slack_timeout', 'slack_unreachable', 'slack_http_error',
  ];

  it('explains every code files.info can answer, never as an invitation sent', () => {
    for (const code of FILE_CODES) {
      const e = explainError(code, { method: 'files.info', retry: { command: '/share-channel' } });
      assert.equal(e.documented, true, code);
      assertWellFormed(e, `${code} (files.info)`);
    }
    for (const code of ['access_denied', 'missing_scope', 'ratelimited', 'internal_error', 'slack_timeout']) {
      const e = explainError(code, { method: 'files.info' });
      assert.doesNotMatch(`${e.whatHappened} ${e.whatToDo}`, /\b(the|this) invitation\b/i, `${code}: ${e.whatHappened}`);
    }
  });

  it('a file gone or unreadable is for the person to upload again or paste; a missing scope for whoever runs the app', () => {
    for (const code of ['file_not_found', 'file_deleted', 'access_denied']) {
      const e = explainError(code, { method: 'files.info' });
      assert.equal(e.whoActs, 'requester', code);
      assert.match(e.whatToDo, /paste the addresses/, code);
    }
    const scope = explainError('missing_scope', { method: 'files.info', neededScope: 'files:read' });
    assert.equal(scope.whoActs, 'app_operator');
    assert.match(scope.whatToDo, /"files:read"/);
  });
});

describe('Slack Connect approvals (shared reference connect-admin-and-oauth.md, §1 and §0.1)', () => {
  // Copied from the reference by hand, method by method, so a code the catalogue lacks fails here.
  const CODES: Readonly<Record<ConnectAdminMethod, readonly string[]>> = {
    'conversations.approveSharedInvite': [
      'already_approved', 'approval_inactive', 'approval_not_found', 'channel_conversion_in_progress', 'channel_not_found',
      'invalid_action', 'invalid_link', 'invite_not_found', 'missing_target_team', 'not_paid', 'restricted_action',
    ],
    'conversations.declineSharedInvite': [
      'approval_inactive', 'approval_not_found', 'inactive_invite', 'invite_not_found', 'missing_target_team', 'not_paid', 'restricted_action',
    ],
    'conversations.acceptSharedInvite': [
      'channel_conversion_in_progress', 'connection_limit_exceeded', 'email_does_not_match', 'failed_to_start_trial',
      'has_already_connected_to_org', 'invalid_arguments', 'invalid_emoji_not_allowed', 'invalid_host_team', 'invalid_link',
      'invalid_name', 'invalid_name_maxlength', 'invalid_name_punctuation', 'invalid_name_required', 'invalid_name_specials',
      'invite_from_same_org', 'invite_not_found', 'invalid_privacy', 'invalid_recipient_team', 'invalid_target_team', 'invite_used',
      'is_pending_connected_to_org', 'legacy_connection_invalid_org', 'legacy_connection_limit_exceeded', 'name_taken',
      'not_allowed_for_grid_workspace', 'not_paid', 'restricted_action', 'team_not_found', 'user_cannot_create_channel',
      'user_is_restricted', 'user_not_found', 'user_required_to_accept_as_private_but_cannot',
    ],
    'conversations.listConnectInvites': ['invalid_arguments', 'restricted_action'],
    'conversations.requestSharedInvite.approve': [
      'invite_not_found', 'invite_already_approved', 'invite_already_denied', 'invite_expired', 'channel_not_found', 'user_not_found',
      'team_not_found', 'restricted_action', 'no_external_invite_permission', 'message_too_long', 'internal_error',
    ],
    'conversations.requestSharedInvite.deny': [
      'invite_not_found', 'user_not_found', 'team_not_found', 'channel_not_found', 'invite_already_approved', 'invite_already_denied',
      'invite_expired', 'restricted_action', 'message_too_long', 'internal_error',
    ],
    'conversations.requestSharedInvite.list': ['restricted_action', 'invalid_cursor', 'internal_error', 'not_implemented'],
  };
  // §0.1: the table, then the codes DSD-JSON and the 2021 OpenAPI spec add (its two warnings are not errors).
  const GENERIC = [
    'access_denied', 'accesslimited', 'account_inactive', 'deprecated_endpoint', 'method_deprecated', 'ekm_access_denied',
    'enterprise_is_restricted', 'fatal_error', 'internal_error', 'invalid_arg_name', 'invalid_arguments', 'invalid_array_arg',
    'invalid_auth', 'invalid_charset', 'invalid_form_data', 'invalid_post_type', 'missing_post_type', 'missing_scope', 'no_permission',
    'not_allowed_token_type', 'not_authed', 'org_login_required', 'ratelimited', 'request_timeout', 'service_unavailable',
    'team_access_not_granted', 'team_added_to_org', 'token_expired', 'token_revoked', 'two_factor_setup_required',
    'is_bot', 'unknown_method', 'invalid_json', 'json_not_object', 'upgrade_required', 'user_is_bot',
  ];
  // What the gateway's failures become (src/invites/call-failure.ts).
  const APP_SIDE = ['slack_timeout', 'slack_unreachable', 'slack_http_error'];
  const DECIDED = [
    'already_approved', 'invalid_action', 'approval_inactive', 'inactive_invite',
    'invite_already_approved', 'invite_already_denied', 'invite_expired', 'invite_used',
  ];
  const MANAGE_METHODS = CONNECT_ADMIN_METHODS.filter((m) => m !== 'conversations.acceptSharedInvite');
  const refPath = path.join(sharedDir, 'connect-admin-and-oauth.md');

  it('explains every code of each method, and the generic ones, in that method’s words', () => {
    assert.deepEqual([...CONNECT_ADMIN_METHODS].sort(), Object.keys(CODES).sort());
    for (const method of CONNECT_ADMIN_METHODS) {
      for (const code of [...CODES[method], ...GENERIC, ...APP_SIDE]) {
        const label = `${code} (${method})`;
        const e = explainError(code, { method, appName: 'Connect Invites' });
        assert.equal(e.documented, true, `${label} is documented`);
        assert.doesNotMatch(e.whatHappened, /does not recognise/, `${label} is not the fallback`);
        assertWellFormed(e, label);
      }
    }
  });

  it('lists here exactly what the reference lists', { skip: !existsSync(refPath) && 'shared reference not present' }, () => {
    const ref = readFileSync(refPath, 'utf8');
    const sections = ref.split('\n### ');
    const codesIn = (line: string) => [...line.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    for (const method of CONNECT_ADMIN_METHODS) {
      const section = sections.find((s) => new RegExp(`^\\d+\\.\\d+ ${method.replace(/\./g, '\\.')}( |\\n)`).test(s));
      assert.ok(section, `no section for ${method}`);
      const lines = section.split('\n');
      const at = lines.findIndex((l) => l.startsWith('Errors'));
      assert.ok(at >= 0, `${method}: no Errors`);
      // "Errors: `a` (…) · `b`" on one line, or a list of "- `a` / `b` — meaning" lines after it.
      const after = lines.slice(at + 1);
      const end = after.findIndex((l) => !l.startsWith('- '));
      const bullets = end < 0 ? after : after.slice(0, end);
      const found = codesIn(lines[at]!).length > 0 ? codesIn(lines[at]!) : bullets.flatMap((l) => codesIn(l.split(' — ')[0]!));
      assert.deepEqual([...new Set(found)].sort(), [...CODES[method]].sort(), method);
    }
    const generic = between(ref, '### 0.1', '\n---').split('\n').flatMap((l) => codesIn(l.startsWith('|') ? (l.split('|')[1] ?? '') : l));
    assert.deepEqual(generic.filter((c) => !isWarningCode(c)).sort(), [...GENERIC].sort());
  });

  it('says plainly when Slack already has the decision, so a card can show it instead of an error', () => {
    assert.deepEqual([...ALREADY_DECIDED_CODES].sort(), [...DECIDED].sort());
    for (const method of CONNECT_ADMIN_METHODS) {
      for (const code of CODES[method].filter(isAlreadyDecided)) {
        const e = explainError(code, { method });
        const label = `${code} (${method})`;
        assert.equal(e.whoActs, 'requester', label);
        assert.equal(e.retryable, false, label);
        assert.match(e.whatToDo, /^Nothing to do/, label);
        assert.match(e.whatHappened, /\b(already|expired|no longer)\b/, label);
        assert.match(`${e.whatHappened}`, /Slack/, `${label}: says where it was decided`);
      }
    }
    for (const code of DECIDED) assert.ok(Object.values(CODES).some((codes) => codes.includes(code)), `${code} is documented for some method`);
    assert.equal(isAlreadyDecided('invite_not_found'), false);
  });

  it('speaks of the decision, not of sending an invitation, for codes shared with conversations.inviteShared', () => {
    for (const method of ['conversations.approveSharedInvite', 'conversations.declineSharedInvite'] as const) {
      const gone = explainError('invite_not_found', { method });
      assert.doesNotMatch(gone.title, /create/);
      assert.equal(gone.retryable, false);
      assert.match(explainError('restricted_action', { method }).whatHappened, new RegExp(method === 'conversations.approveSharedInvite' ? 'approve' : 'decline'));
    }
    for (const method of CONNECT_ADMIN_METHODS) {
      for (const code of ['ratelimited', 'internal_error', 'fatal_error', 'slack_timeout', 'slack_unreachable', 'slack_http_error', 'restricted_action']) {
        const e = explainError(code, { method });
        assert.doesNotMatch(`${e.whatHappened} ${e.whatToDo}`, /invitation (was not|was most likely not) sent|Too many invitations|invitation arrived/, `${code} (${method}): ${e.whatHappened} ${e.whatToDo}`);
      }
      assert.equal(explainError('restricted_action', { method }).whoActs, 'workspace_admin', method);
    }
    for (const method of MANAGE_METHODS) {
      const e = explainError('missing_scope', { method, neededScope: 'conversations.connect:manage' });
      assert.match(e.whatToDo, /owner or admin reinstall it with the "conversations\.connect:manage" permission/, method);
    }
    assert.match(explainError('message_too_long', { method: 'conversations.requestSharedInvite.deny' }).whatHappened, /reason/);
    assert.equal(explainError('team_not_found', { method: 'conversations.acceptSharedInvite' }).whoActs, 'app_operator');
    assert.equal(explainError('missing_target_team', { method: 'conversations.approveSharedInvite' }).whoActs, 'app_operator');
    assert.match(explainError('invalid_name_specials', { method: 'conversations.acceptSharedInvite' }).whatToDo, /lower-case/);
    // The words for conversations.inviteShared are unchanged.
    assert.match(explainError('invite_not_found', { method: 'conversations.inviteShared' }).title, /create the invitation/);
    assert.match(explainError('restricted_action', { method: 'conversations.inviteShared' }).whatToDo, /limited invitation/);
  });
});

describe('changing an accepted partner’s access (connect-admin-and-oauth.md §1.9 and §0.1)', () => {
  const METHOD = 'conversations.externalInvitePermissions.set' as const;
  const CODES = ['channel_not_found', 'not_supported', 'restricted_action', 'invalid_target_team', 'invalid_action'];
  // The service's own refusals (src/invites/access/service.ts).
  const APP_SIDE = ['access_change_unavailable', 'access_invite_not_found', 'access_not_changeable', 'not_access_changer', 'requester_check_failed', 'requester_other_workspace', 'database_unavailable'];
  const GENERIC = ['missing_scope', 'not_authed', 'invalid_auth', 'ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'token_revoked', 'no_permission', 'slack_timeout', 'slack_unreachable', 'slack_http_error'];
  const refPath = path.join(sharedDir, 'connect-admin-and-oauth.md');

  it('lists here exactly what the reference lists', { skip: !existsSync(refPath) && 'shared reference not present' }, () => {
    const section = readFileSync(refPath, 'utf8').split('\n### ').find((s) => s.startsWith(`1.9 ${METHOD}`));
    assert.ok(section, 'no §1.9');
    const line = section.split('\n').find((l) => l.startsWith('Errors'))!;
    // "Errors: `a` (…) · `b` (…)": each segment's first code (the notes name `upgrade`/`downgrade` too).
    const found = line.replace(/^Errors:\s*/, '').split(' · ').map((part) => /^`([a-z_]+)`/.exec(part)?.[1]);
    assert.deepEqual(found.sort(), [...CODES].sort());
  });

  it('explains every code in this method’s words: about the partner’s access, never an invitation sent or decided', () => {
    assert.deepEqual([...EXTERNAL_ACCESS_METHODS], [METHOD]);
    for (const code of [...CODES, ...GENERIC, ...APP_SIDE]) {
      const e = explainError(code, { method: METHOD, appName: 'Connect Invites', retry: { button: 'Give full access' } });
      assert.equal(e.documented, true, code);
      assert.doesNotMatch(e.whatHappened, /does not recognise/, `${code} is not the fallback`);
      assertWellFormed(e, code);
      if (CODES.includes(code) || ['ratelimited', 'internal_error', 'slack_timeout', 'missing_scope'].includes(code)) {
        assert.doesNotMatch(`${e.whatHappened} ${e.whatToDo}`, /invitation (was not|was most likely not) sent|Already decided|approve it in Slack/, `${code}: ${e.whatHappened} ${e.whatToDo}`);
      }
    }
  });

  it('keeps each code’s meaning for this method: invalid_action is a bad argument here, not “already decided”', () => {
    const bad = explainError('invalid_action', { method: METHOD });
    assert.equal(bad.whoActs, 'app_operator');
    assert.match(bad.whatToDo, /logged/);
    assert.match(explainError('invalid_action', { method: 'conversations.approveSharedInvite' }).whatToDo, /^Nothing to do/, 'approvals unchanged');
    const grid = explainError('not_supported', { method: METHOD });
    assert.match(grid.whatHappened, /Enterprise Grid/);
    assert.equal(grid.whoActs, 'workspace_admin');
    assert.equal(explainError('restricted_action', { method: METHOD }).whoActs, 'workspace_admin');
    assert.match(explainError('restricted_action', { method: METHOD }).whatHappened, /access/);
    assert.match(explainError('invalid_target_team', { method: METHOD }).whatHappened, /not in the channel/);
    assert.match(explainError('missing_scope', { method: METHOD, neededScope: 'conversations.connect:manage' }).whatToDo, /owner or admin reinstall it with the "conversations\.connect:manage" permission/);
    assert.match(explainError('ratelimited', { method: METHOD, retryAfterSeconds: 30, retry: { button: 'Limit to posting only' } }).whatToDo, /click "Limit to posting only" again in about 30 seconds/);
    assert.equal(explainError('not_access_changer').whoActs, 'workspace_admin');
  });
});

describe('reference copies', () => {
  it('docs/slack-api matches the shared reference byte for byte', { skip: !existsSync(sharedDir) && 'shared reference not present' }, () => {
    for (const name of DOC_FILES) {
      assert.ok(readFileSync(path.join(docsDir, name)).equals(readFileSync(path.join(sharedDir, name))), name);
    }
  });
});

describe('properties', () => {
  it('explainError never throws and always yields safe, bounded text', () => {
    const anyCode = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(...documentedCodes(), ...WARNING_CODES),
    );
    const anyContext: fc.Arbitrary<ExplanationContext> = fc.record(
      {
        method: fc.constantFrom<SlackMethod>(...METHODS, ...VIEW_METHODS, ...CONNECT_ADMIN_METHODS, 'conversations.create'),
        retry: fc.oneof(fc.record({ command: fc.string({ unit: 'binary' }) }), fc.record({ button: fc.string({ unit: 'binary' }) })),
        retryAfterSeconds: fc.double(),
        neededScope: fc.string({ unit: 'binary' }),
        appName: fc.string({ unit: 'binary' }),
        now: fc.date(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(anyCode, anyContext, (code, context) => {
        const e = explainError(code, context);
        for (const text of texts(e)) {
          assert.doesNotMatch(text, /[<>]/);
          assert.ok(text.length > 0);
        }
        assert.ok(e.title.length <= 60);
        assert.ok(e.whatHappened.length <= 300);
        assert.ok(e.whatToDo.length <= 300);
      }),
      { numRuns: 2000 },
    );
  });
});

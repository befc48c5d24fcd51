// Every code conversations.create can answer (shared reference §2.1, and the generic ones of
// §0.1) has an explanation in the catalogue, in the words of creating a channel, never the
// fallback; and the codes here are exactly those the reference lists, so a new one fails here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { explainError, isWarningCode } from '../../src/invites/error-catalogue.js';

const refPath = path.join(fileURLToPath(new URL('../../', import.meta.url)), '../shared/reference/slack-api/connect-admin-and-oauth.md');

// Copied from §2.1 by hand, so a code the catalogue lacks fails here even without the reference.
const CREATE_CODES = [
  'name_taken', 'invalid_name', 'invalid_name_maxlength', 'invalid_name_punctuation', 'invalid_name_required', 'no_channel',
  'invalid_name_specials', 'restricted_action', 'cannot_create_channel', 'missing_argument', 'missing_scope', 'canvas_disabled_user_team',
  'method_not_supported_for_channel_type', 'user_is_restricted', 'user_is_bot',
];
const GENERIC = [
  'access_denied', 'accesslimited', 'account_inactive', 'deprecated_endpoint', 'method_deprecated', 'ekm_access_denied',
  'enterprise_is_restricted', 'fatal_error', 'internal_error', 'invalid_arg_name', 'invalid_arguments', 'invalid_array_arg',
  'invalid_auth', 'invalid_charset', 'invalid_form_data', 'invalid_post_type', 'missing_post_type', 'no_permission',
  'not_allowed_token_type', 'not_authed', 'org_login_required', 'ratelimited', 'request_timeout', 'service_unavailable',
  'team_access_not_granted', 'team_added_to_org', 'token_expired', 'token_revoked', 'two_factor_setup_required',
];
// What the gateway's failures become (src/invites/call-failure.ts), and the service's own.
const APP_SIDE = ['slack_timeout', 'slack_unreachable', 'slack_http_error', 'database_unavailable', 'usergroup_not_found'];

const explain = (code: string) => explainError(code, { method: 'conversations.create', appName: 'Connect Invites' });

describe('conversations.create in the error catalogue', () => {
  it('lists here exactly what §2.1 lists', { skip: !existsSync(refPath) && 'shared reference not present' }, () => {
    const ref = readFileSync(refPath, 'utf8');
    const section = ref.split('\n### ').find((s) => s.startsWith('2.1 conversations.create'));
    assert.ok(section);
    const errors = section.slice(section.indexOf('\nErrors:'));
    const codes = [...errors.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!).filter((c) => !isWarningCode(c));
    assert.deepEqual([...new Set(codes)].sort(), [...CREATE_CODES].sort());
  });

  it('explains every code, in the words of creating a channel', () => {
    for (const code of [...CREATE_CODES, ...GENERIC, ...APP_SIDE]) {
      const e = explain(code);
      assert.equal(e.documented, true, code);
      assert.doesNotMatch(e.whatHappened, /does not recognise/, `${code}: not the fallback`);
      assert.ok(e.title.length <= 60 && e.whatHappened.length <= 300 && e.whatToDo.length <= 300, code);
      assert.doesNotMatch(`${e.whatHappened} ${e.whatToDo}`, /nothing was accepted/, `${code}: not acceptSharedInvite's words`);
    }
    for (const code of ['invalid_name', 'invalid_name_maxlength', 'invalid_name_punctuation', 'invalid_name_required', 'invalid_name_specials', 'no_channel', 'name_taken']) {
      const e = explain(code);
      assert.equal(e.whoActs, 'requester', code);
      assert.match(e.whatHappened, /nothing was created|Nothing was created/, code);
    }
  });

  it('restricted_action means creating channels here, not inviting (inviteShared keeps its words)', () => {
    const e = explain('restricted_action');
    assert.equal(e.whoActs, 'workspace_admin');
    assert.match(e.whatHappened, /create channels/);
    assert.doesNotMatch(`${e.whatHappened} ${e.whatToDo}`, /Manage permissions for inviting/);
    assert.match(explainError('restricted_action', { method: 'conversations.inviteShared' }).whatToDo, /limited invitation/);
  });

  it('a timeout says a retry is safe: the app never creates the channel twice', () => {
    const e = explain('slack_timeout');
    assert.match(e.whatHappened, /whether the channel was created/);
    assert.match(e.whatToDo, /never creates it twice/);
    assert.match(explain('missing_scope').whatHappened, /create channels/);
  });
});

// Slack's naming rules for a new channel (shared reference §2.1), checked before Slack is asked:
// the same verdicts the fake Slack's conversations.create gives, and a suggestion where one can be made.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { channelNameErrorCode, checkChannelName, suggestChannelName } from '../../src/invites/channel-creation/name.js';
import { channelNameError } from '../helpers/fake-slack.js';

describe('checkChannelName', () => {
  it('accepts lower-case letters, digits, hyphens and underscores, up to 80 characters, and drops a leading #', () => {
    assert.deepEqual(checkChannelName('acme-partners'), { ok: true, name: 'acme-partners' });
    assert.deepEqual(checkChannelName('#q3_launch-2027'), { ok: true, name: 'q3_launch-2027' });
    assert.deepEqual(checkChannelName('  deal  '), { ok: true, name: 'deal' });
    assert.deepEqual(checkChannelName('a'.repeat(80)), { ok: true, name: 'a'.repeat(80) });
  });

  it('rejects upper case and spaces rather than changing them, and suggests the name Slack would take', () => {
    assert.deepEqual(checkChannelName('Acme Partners'), { ok: false, problem: 'Channel names are lower case, without spaces: try acme-partners.' });
    assert.deepEqual(checkChannelName('ACME'), { ok: false, problem: 'Channel names are lower case, without spaces: try acme.' });
    assert.deepEqual(checkChannelName('acme.partners!'), { ok: false, problem: 'Channel names can only have lower-case letters, numbers, hyphens and underscores: try acmepartners.' });
    assert.deepEqual(checkChannelName('Café Société'), { ok: false, problem: 'Channel names are lower case, without spaces: try cafe-societe.' });
  });

  it('says what is wrong when nothing valid can be made of it', () => {
    assert.deepEqual(checkChannelName(undefined), { ok: false, problem: 'Give the new channel a name.' });
    assert.deepEqual(checkChannelName('#'), { ok: false, problem: 'Give the new channel a name.' });
    assert.deepEqual(checkChannelName('---'), { ok: false, problem: 'A channel name needs at least one letter or number.' });
    assert.deepEqual(checkChannelName('!!'), { ok: false, problem: 'A channel name needs at least one letter or number.' });
    assert.deepEqual(checkChannelName('日本'), { ok: false, problem: 'Channel names can only have lower-case letters, numbers, hyphens and underscores.' });
  });

  it('rejects more than 80 characters, suggesting the first 80', () => {
    const r = checkChannelName('a'.repeat(81));
    assert.deepEqual(r, { ok: false, problem: `Channel names can have at most 80 characters: try ${'a'.repeat(80)}.` });
  });

  it('agrees with Slack’s verdict (the fake’s conversations.create) on any string, and its suggestions pass', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 90 }), fc.stringMatching(/^[a-zA-Z0-9 _.#-]{0,90}$/)), (raw) => {
        const name = raw.trim().replace(/^#/, '');
        const slack = channelNameError(name);
        const code = channelNameErrorCode(raw);
        // The fake names an emoji apart (acceptSharedInvite's invalid_emoji_not_allowed); conversations.create answers invalid_name_specials.
        assert.equal(code, slack === 'invalid_emoji_not_allowed' ? 'invalid_name_specials' : slack, JSON.stringify(raw));
        assert.equal(checkChannelName(raw).ok, code === undefined);
        const suggestion = suggestChannelName(name);
        if (suggestion !== undefined) assert.deepEqual(checkChannelName(suggestion), { ok: true, name: suggestion });
      }),
    );
  });
});

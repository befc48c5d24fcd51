// The App Home access button (src/slack/views/access-buttons.ts): the other access, Slack's
// confirm dialog saying what changes, within Block Kit's limits; and the note of the last change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessButton, accessChangeNote } from '../../src/slack/views/access-buttons.js';
import { HOME } from '../../src/slack/ids.js';
import { LIMITED_DESCRIPTION } from '../../src/slack/views/share-channel-modal.js';

const id = '0b5f3c1e-2f49-4c55-9d6e-7a0c1d2e3f40';

describe('the access button', () => {
  it('offers full access to a limited partner (and to one the app has no record of), limiting to a full one, each with a confirm dialog', () => {
    for (const externalLimited of [true, null]) {
      const b = accessButton({ id, externalLimited });
      assert.deepEqual([b.action_id, b.text.text, b.value, b.style], [HOME.actions.giveFullAccess, 'Give full access', id, undefined]);
      assert.match(b.confirm!.text.text, /will be able to do more than post: invite others, export the history, and change/);
    }
    const limit = accessButton({ id, externalLimited: false });
    assert.deepEqual([limit.action_id, limit.text.text, limit.style, limit.confirm?.style], [HOME.actions.limitAccess, 'Limit to posting only', 'danger', 'danger']);
    assert.match(limit.confirm!.text.text, /only be able to post messages: they will no longer invite others/);
    // The words the /share-channel form uses for limited access.
    assert.ok(LIMITED_DESCRIPTION.includes('invite others, export the history, or change the channel’s visibility, topic or name'));
    for (const b of [accessButton({ id, externalLimited: true }), limit]) {
      const c = b.confirm!;
      assert.ok(c.title!.text.length <= 100 && c.text!.text.length <= 300 && c.confirm!.text.length <= 30 && c.deny!.text.length <= 30 && b.text.text.length <= 75);
    }
  });

  it('notes who changed it last, and when; nothing before any change', () => {
    assert.equal(accessChangeNote({ externalLimited: true, accessChangedAt: null, accessChangedByUserId: null }), undefined);
    const at = new Date('2026-12-04T10:00:00Z');
    assert.match(accessChangeNote({ externalLimited: false, accessChangedAt: at, accessChangedByUserId: 'U0ALICE' })!, /^Full access given by <@U0ALICE> on <!date\^1796378400\^/);
    assert.match(accessChangeNote({ externalLimited: true, accessChangedAt: at, accessChangedByUserId: 'U0ADMIN' })!, /^Limited to posting by <@U0ADMIN> on /);
  });
});

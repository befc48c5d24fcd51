// Reading the /share-channel form: the element shapes as Slack sends them (the multi_users_select,
// plain_text_input and conversations_select values taken from Slack's own recorded view state,
// re-keyed to the form's block and action IDs), and when a form is one invitation or a batch.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SHARE_CHANNEL } from '../../src/slack/ids.js';
import { parseShareForm, singleDraftOf } from '../../src/slack/parse/share-channel.js';

const SAMPLE = path.resolve(import.meta.dirname, '../../../shared/reference/slack-samples/interactive/view_state_all_select_types.json');
const { blocks: B, actions: A } = SHARE_CHANNEL;

function sampleValues(): Record<string, Record<string, Record<string, unknown>>> | undefined {
  try {
    return (JSON.parse(readFileSync(SAMPLE, 'utf8')) as { values: Record<string, Record<string, Record<string, unknown>>> }).values;
  } catch {
    return undefined; // a clean checkout without ../shared
  }
}

const view = (values: Record<string, Record<string, unknown>>) => ({ state: { values } });

describe('parseShareForm', () => {
  it('reads Slack’s recorded element values under the form’s IDs', (t) => {
    const sample = sampleValues();
    if (!sample) return t.skip('the shared samples are not beside this checkout');
    const form = parseShareForm(
      view({
        [B.channel]: { [A.channel]: sample.b5!.a5 },
        [B.email]: { [A.email]: { ...sample.b3!.a3, value: 'ann@partner.example\nbob@partner.example' } },
        [B.user]: { [A.user]: sample['b4-2']!['a4-2'] },
      }),
    );
    assert.equal(form.channelId, 'C123');
    assert.deepEqual(form.userIds, ['U123', 'U234']);
    assert.equal(form.emailsText, 'ann@partner.example\nbob@partner.example');
    assert.equal(singleDraftOf(form), undefined, 'two people and two addresses: a batch');
  });

  it('takes the single users_select this form had before (an old modal still open)', () => {
    const form = parseShareForm(view({ [B.user]: { [A.user]: { type: 'users_select', selected_user: 'U0EXT' } } }));
    assert.deepEqual(form.userIds, ['U0EXT']);
    assert.deepEqual(singleDraftOf(form), { channelId: undefined, email: undefined, userId: 'U0EXT', externalLimited: false });
  });

  it('is one invitation for one address, however it is written, and a batch for more', () => {
    const one = (text: string) => singleDraftOf(parseShareForm(view({ [B.email]: { [A.email]: { type: 'plain_text_input', value: text } } })));
    assert.equal(one('ann@partner.example')?.email, 'ann@partner.example');
    assert.equal(one('Ann Partner <ann@partner.example>')?.email, 'ann@partner.example');
    assert.equal(one('partner@')?.email, 'partner@', 'one malformed address: the single form says what is wrong');
    assert.equal(one('ann@partner.example, bob@partner.example'), undefined);
  });

  it('ignores values that are not IDs', () => {
    const form = parseShareForm(view({ [B.user]: { [A.user]: { type: 'multi_users_select', selected_users: ['U0OK', '<@U0X>', 7, null] } }, [B.file]: { [A.file]: { type: 'file_input', files: [{ id: '../etc' }, { id: 'F0GOOD' }] } } }));
    assert.deepEqual(form.userIds, ['U0OK']);
    assert.deepEqual(form.fileIds, ['F0GOOD']);
  });
});

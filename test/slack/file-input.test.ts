// Reading a file_input element's files from a view submission. The value's shape is Slack's:
// view.state.values[block_id][action_id] = { type: 'file_input', files: [file object, ...] }
// (Block Kit file input element reference; @slack/bolt's ViewStateValue `files`), each file an
// object as files.info describes it. The submission around it is the recorded sample
// /work/shared/reference/slack-samples/interactive/view_submission_enterprise_workspace.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { uploadedFiles } from '../../src/slack/parse/file-input.js';

const SAMPLE = '/work/shared/reference/slack-samples/interactive/view_submission_enterprise_workspace.json';
const BLOCK = 'invitee_file';
const ACTION = 'invitee_file_input';

/** A file object with the fields Slack's file object reference lists for an uploaded CSV. */
function slackFile(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    created: 1764806400,
    timestamp: 1764806400,
    name: 'partners.csv',
    title: 'partners.csv',
    mimetype: 'text/csv',
    filetype: 'csv',
    pretty_type: 'CSV',
    user: 'U0ALICE',
    user_team: 'T0TEST',
    editable: false,
    size: 1432,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `https://files.slack.com/files-pri/T0TEST-${id}/partners.csv`,
    url_private_download: `https://files.slack.com/files-pri/T0TEST-${id}/download/partners.csv`,
    permalink: `https://testteam.slack.com/files/U0ALICE/${id}/partners.csv`,
    permalink_public: `https://slack-files.com/T0TEST-${id}-0123456789`,
    has_rich_preview: false,
    file_access: 'visible',
    ...overrides,
  };
}

function submittedView(value: unknown): unknown {
  const sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { view: { state: { values: Record<string, unknown> } } };
  sample.view.state.values[BLOCK] = { [ACTION]: value };
  return sample.view;
}

describe('uploadedFiles: a file_input element’s files', () => {
  it('reads each file’s ID, name, type and size from Slack’s shape, in order', () => {
    const view = submittedView({ type: 'file_input', files: [slackFile('F0CSV00001'), slackFile('F0TXT00002', { name: 'list.txt', title: 'list.txt', mimetype: 'text/plain', filetype: 'text', pretty_type: 'Plain Text', size: 88 })] });
    assert.deepEqual(uploadedFiles(view, BLOCK, ACTION), [
      { id: 'F0CSV00001', name: 'partners.csv', filetype: 'csv', mimetype: 'text/csv', size: 1432 },
      { id: 'F0TXT00002', name: 'list.txt', filetype: 'text', mimetype: 'text/plain', size: 88 },
    ]);
  });

  it('keeps no URL from the payload: the gateway asks files.info', () => {
    const [file] = uploadedFiles(submittedView({ type: 'file_input', files: [slackFile('F0CSV00001')] }), BLOCK, ACTION);
    assert.deepEqual(Object.keys(file ?? {}).sort(), ['filetype', 'id', 'mimetype', 'name', 'size']);
  });

  it('answers no files for an optional input left empty, and for another block or action', () => {
    assert.deepEqual(uploadedFiles(submittedView({ type: 'file_input', files: [] }), BLOCK, ACTION), []);
    const view = submittedView({ type: 'file_input', files: [slackFile('F0CSV00001')] });
    assert.deepEqual(uploadedFiles(view, 'other_block', ACTION), []);
    assert.deepEqual(uploadedFiles(view, BLOCK, 'other_action'), []);
  });

  it('reads only a file_input’s value, and only files with a Slack file ID, once each', () => {
    assert.deepEqual(uploadedFiles(submittedView({ type: 'plain_text_input', value: 'F0CSV00001', files: [slackFile('F0CSV00001')] }), BLOCK, ACTION), []);
    const view = submittedView({
      type: 'file_input',
      files: [null, 'F0STRING01', { name: 'no-id.csv' }, slackFile('../../etc'), slackFile('f0lower001'), slackFile('F0CSV00001'), slackFile('F0CSV00001'), slackFile('F0SIZE0001', { size: -1, name: 7, mimetype: '' })],
    });
    assert.deepEqual(uploadedFiles(view, BLOCK, ACTION), [
      { id: 'F0CSV00001', name: 'partners.csv', filetype: 'csv', mimetype: 'text/csv', size: 1432 },
      { id: 'F0SIZE0001', filetype: 'csv' },
    ]);
  });

  it('never throws, whatever the view', () => {
    for (const view of [undefined, null, 1, 'view', [], {}, { state: null }, { state: { values: [] } }, { state: { values: { [BLOCK]: { [ACTION]: { type: 'file_input', files: 'F0CSV00001' } } } } }]) {
      assert.deepEqual(uploadedFiles(view, BLOCK, ACTION), []);
    }
    assert.deepEqual(uploadedFiles(submittedView({ type: 'file_input', files: [slackFile('F0CSV00001')] }), '__proto__', 'constructor'), []);
  });
});

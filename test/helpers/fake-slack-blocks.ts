/**
 * Table-driven Block Kit validator for the fake Slack server.
 *
 * It checks the limits Slack documents for views (modal / home) and message blocks and
 * answers with Slack-style messages: `[ERROR] <what> [json-pointer:/view/blocks/0/text/text]`.
 * It is deliberately strict on the documented limits and lenient on everything it does
 * not know about (unknown fields are ignored, unknown block/element types are errors).
 */

type Json = Record<string, unknown>;

/** Documented limits, in one place so tests can refer to them. */
export const LIMITS = {
  modalTitle: 24,
  modalButton: 24,
  viewBlocks: 100,
  messageBlocks: 50,
  callbackId: 255,
  privateMetadata: 3000,
  externalId: 255,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  checkboxOptions: 10,
  overflowOptions: 5,
  imageAltText: 2000,
  imageUrl: 3000,
  markdownText: 12000,
} as const;

const TEXT_TYPES = ['plain_text', 'mrkdwn'] as const;

// ---------------------------------------------------------------------------------------------
// Field rules: one small table per block / element type.
// ---------------------------------------------------------------------------------------------

type FieldRule =
  | { key: string; kind: 'plain'; max: number; required?: boolean } // plain_text object
  | { key: string; kind: 'text'; max: number; required?: boolean } // plain_text | mrkdwn object
  | { key: string; kind: 'string'; max: number; required?: boolean; nonEmpty?: boolean }
  | { key: string; kind: 'bool' }
  | { key: string; kind: 'int'; min?: number; max?: number }
  | { key: string; kind: 'enum'; values: readonly string[] }
  | { key: string; kind: 'stringList' }
  | { key: string; kind: 'confirm' }
  | { key: string; kind: 'options'; min: number; max: number; textTypes: readonly string[]; required?: boolean }
  | { key: string; kind: 'optionGroups'; max: number }
  | { key: string; kind: 'option'; textTypes: readonly string[] } // initial_option
  | { key: string; kind: 'optionList'; textTypes: readonly string[] } // initial_options
  | { key: string; kind: 'textList'; max: number; itemMax: number } // section fields
  | { key: string; kind: 'element'; allowed: ReadonlySet<string>; required?: boolean } // accessory / input element
  | { key: string; kind: 'elements'; allowed: ReadonlySet<string>; min: number; max: number } // actions elements
  | { key: string; kind: 'contextElements'; max: number }
  | { key: string; kind: 'array'; required?: boolean };

type CrossCheck = (v: Validator, obj: Json, path: string) => void;

interface Rule {
  fields: readonly FieldRule[];
  /** checks that involve more than one field */
  cross?: readonly CrossCheck[];
  /** elements that carry an action_id */
  interactive?: boolean;
}

const actionId: FieldRule = { key: 'action_id', kind: 'string', max: LIMITS.actionId };
const placeholder: FieldRule = { key: 'placeholder', kind: 'plain', max: LIMITS.placeholder };
const confirm: FieldRule = { key: 'confirm', kind: 'confirm' };
const focus: FieldRule = { key: 'focus_on_load', kind: 'bool' };
const selectOptions: FieldRule = { key: 'options', kind: 'options', min: 1, max: LIMITS.selectOptions, textTypes: ['plain_text'] };
const optionGroups: FieldRule = { key: 'option_groups', kind: 'optionGroups', max: 100 };
const maxSelected: FieldRule = { key: 'max_selected_items', kind: 'int', min: 1 };
const plainInputCommon: FieldRule[] = [
  actionId,
  placeholder,
  focus,
  { key: 'dispatch_action_config', kind: 'array' },
];

/** exactly one of the keys must be present */
const exactlyOne =
  (...keys: string[]): CrossCheck =>
  (v, obj, path) => {
    const present = keys.filter((k) => obj[k] !== undefined);
    if (present.length !== 1) v.err(path, `must provide exactly one of ${keys.join(', ')}`);
  };

/** initial_option / initial_options must be among options (or option_groups' options) */
const initialAmongOptions: CrossCheck = (v, obj, path) => {
  const all: unknown[] = [];
  if (Array.isArray(obj.options)) all.push(...obj.options);
  if (Array.isArray(obj.option_groups)) {
    for (const g of obj.option_groups) if (isObj(g) && Array.isArray(g.options)) all.push(...g.options);
  }
  const known = new Set(all.filter(isObj).map(optionKey));
  if (isObj(obj.initial_option) && !known.has(optionKey(obj.initial_option))) {
    v.err(`${path}/initial_option`, 'must match one of the provided options');
  }
  if (Array.isArray(obj.initial_options)) {
    obj.initial_options.forEach((o, i) => {
      if (isObj(o) && !known.has(optionKey(o))) {
        v.err(`${path}/initial_options/${i}`, 'must match one of the provided options');
      }
    });
  }
};

const maxLengthNotBelowMin: CrossCheck = (v, obj, path) => {
  if (typeof obj.min_length === 'number' && typeof obj.max_length === 'number' && obj.min_length > obj.max_length) {
    v.err(`${path}/min_length`, 'must be less than or equal to max_length');
  }
  if (typeof obj.initial_value === 'string' && typeof obj.max_length === 'number' && obj.initial_value.length > obj.max_length) {
    v.err(`${path}/initial_value`, `must be less than ${obj.max_length + 1} characters`);
  }
};

export const ELEMENTS: Readonly<Record<string, Rule>> = {
  button: {
    interactive: true,
    fields: [
      { key: 'text', kind: 'plain', max: LIMITS.buttonText, required: true },
      actionId,
      { key: 'value', kind: 'string', max: LIMITS.buttonValue },
      { key: 'url', kind: 'string', max: LIMITS.buttonUrl },
      { key: 'style', kind: 'enum', values: ['primary', 'danger'] },
      confirm,
      { key: 'accessibility_label', kind: 'string', max: 75 },
    ],
  },
  static_select: {
    interactive: true,
    fields: [actionId, placeholder, selectOptions, optionGroups, { key: 'initial_option', kind: 'option', textTypes: ['plain_text'] }, confirm, focus],
    cross: [exactlyOne('options', 'option_groups'), initialAmongOptions],
  },
  multi_static_select: {
    interactive: true,
    fields: [actionId, placeholder, selectOptions, optionGroups, { key: 'initial_options', kind: 'optionList', textTypes: ['plain_text'] }, confirm, maxSelected, focus],
    cross: [exactlyOne('options', 'option_groups'), initialAmongOptions],
  },
  external_select: {
    interactive: true,
    fields: [actionId, placeholder, { key: 'initial_option', kind: 'option', textTypes: ['plain_text'] }, { key: 'min_query_length', kind: 'int', min: 0 }, confirm, focus],
  },
  multi_external_select: {
    interactive: true,
    fields: [actionId, placeholder, { key: 'initial_options', kind: 'optionList', textTypes: ['plain_text'] }, { key: 'min_query_length', kind: 'int', min: 0 }, confirm, maxSelected, focus],
  },
  users_select: { interactive: true, fields: [actionId, placeholder, { key: 'initial_user', kind: 'string', max: 255 }, confirm, focus] },
  multi_users_select: { interactive: true, fields: [actionId, placeholder, { key: 'initial_users', kind: 'stringList' }, confirm, maxSelected, focus] },
  conversations_select: {
    interactive: true,
    fields: [actionId, placeholder, { key: 'initial_conversation', kind: 'string', max: 255 }, { key: 'default_to_current_conversation', kind: 'bool' }, { key: 'response_url_enabled', kind: 'bool' }, confirm, focus],
  },
  multi_conversations_select: {
    interactive: true,
    fields: [actionId, placeholder, { key: 'initial_conversations', kind: 'stringList' }, { key: 'default_to_current_conversation', kind: 'bool' }, confirm, maxSelected, focus],
  },
  channels_select: {
    interactive: true,
    fields: [actionId, placeholder, { key: 'initial_channel', kind: 'string', max: 255 }, { key: 'response_url_enabled', kind: 'bool' }, confirm, focus],
  },
  multi_channels_select: { interactive: true, fields: [actionId, placeholder, { key: 'initial_channels', kind: 'stringList' }, confirm, maxSelected, focus] },
  overflow: {
    interactive: true,
    fields: [actionId, { key: 'options', kind: 'options', min: 1, max: LIMITS.overflowOptions, textTypes: ['plain_text'], required: true }, confirm],
  },
  checkboxes: {
    interactive: true,
    fields: [
      actionId,
      { key: 'options', kind: 'options', min: 1, max: LIMITS.checkboxOptions, textTypes: TEXT_TYPES, required: true },
      { key: 'initial_options', kind: 'optionList', textTypes: TEXT_TYPES },
      confirm,
      focus,
    ],
    cross: [initialAmongOptions],
  },
  radio_buttons: {
    interactive: true,
    fields: [
      actionId,
      { key: 'options', kind: 'options', min: 1, max: LIMITS.checkboxOptions, textTypes: TEXT_TYPES, required: true },
      { key: 'initial_option', kind: 'option', textTypes: TEXT_TYPES },
      confirm,
      focus,
    ],
    cross: [initialAmongOptions],
  },
  datepicker: { interactive: true, fields: [actionId, placeholder, { key: 'initial_date', kind: 'string', max: 10 }, confirm, focus] },
  timepicker: { interactive: true, fields: [actionId, placeholder, { key: 'initial_time', kind: 'string', max: 5 }, { key: 'timezone', kind: 'string', max: 255 }, confirm, focus] },
  datetimepicker: { interactive: true, fields: [actionId, { key: 'initial_date_time', kind: 'int', min: 0 }, confirm, focus] },
  plain_text_input: {
    interactive: true,
    fields: [
      ...plainInputCommon,
      { key: 'initial_value', kind: 'string', max: 3000 },
      { key: 'multiline', kind: 'bool' },
      { key: 'min_length', kind: 'int', min: 0, max: 3000 },
      { key: 'max_length', kind: 'int', min: 1, max: 3000 },
    ],
    cross: [maxLengthNotBelowMin],
  },
  email_text_input: { interactive: true, fields: [...plainInputCommon, { key: 'initial_value', kind: 'string', max: 3000 }] },
  url_text_input: { interactive: true, fields: [...plainInputCommon, { key: 'initial_value', kind: 'string', max: 3000 }] },
  number_text_input: {
    interactive: true,
    fields: [...plainInputCommon, { key: 'is_decimal_allowed', kind: 'bool', }, { key: 'initial_value', kind: 'string', max: 255 }, { key: 'min_value', kind: 'string', max: 255 }, { key: 'max_value', kind: 'string', max: 255 }],
  },
  rich_text_input: { interactive: true, fields: [...plainInputCommon] },
  file_input: { interactive: true, fields: [actionId, { key: 'filetypes', kind: 'stringList' }, { key: 'max_files', kind: 'int', min: 1, max: 10 }] },
  workflow_button: { interactive: true, fields: [{ key: 'text', kind: 'plain', max: LIMITS.buttonText, required: true }, actionId, { key: 'style', kind: 'enum', values: ['primary', 'danger'] }] },
  image: {
    fields: [
      { key: 'image_url', kind: 'string', max: LIMITS.imageUrl },
      { key: 'alt_text', kind: 'string', max: LIMITS.imageAltText, required: true },
    ],
    cross: [exactlyOne('image_url', 'slack_file')],
  },
};

const set = (...xs: string[]): ReadonlySet<string> => new Set(xs);
const SELECTS = [
  'static_select', 'multi_static_select', 'external_select', 'multi_external_select',
  'users_select', 'multi_users_select', 'conversations_select', 'multi_conversations_select',
  'channels_select', 'multi_channels_select',
];
export const INPUT_ELEMENTS = set(
  ...SELECTS, 'plain_text_input', 'email_text_input', 'url_text_input', 'number_text_input', 'rich_text_input',
  'checkboxes', 'radio_buttons', 'datepicker', 'timepicker', 'datetimepicker', 'file_input',
);
export const ACTIONS_ELEMENTS = set(
  ...SELECTS, 'button', 'overflow', 'checkboxes', 'radio_buttons', 'datepicker', 'timepicker', 'datetimepicker',
  'workflow_button', 'rich_text_input',
);
export const ACCESSORY_ELEMENTS = set(
  ...SELECTS, 'button', 'overflow', 'checkboxes', 'radio_buttons', 'datepicker', 'timepicker', 'image', 'workflow_button',
);

const blockId: FieldRule = { key: 'block_id', kind: 'string', max: LIMITS.blockId };

const sectionNeedsContent: CrossCheck = (v, obj, path) => {
  if (obj.text === undefined && obj.fields === undefined) {
    v.err(path, 'must provide either text or fields');
  }
};

export const BLOCKS: Readonly<Record<string, Rule>> = {
  section: {
    fields: [
      blockId,
      { key: 'text', kind: 'text', max: LIMITS.sectionText },
      { key: 'fields', kind: 'textList', max: LIMITS.sectionFields, itemMax: LIMITS.sectionField },
      { key: 'accessory', kind: 'element', allowed: ACCESSORY_ELEMENTS },
      { key: 'expand', kind: 'bool' },
    ],
    cross: [sectionNeedsContent],
  },
  header: { fields: [blockId, { key: 'text', kind: 'plain', max: LIMITS.headerText, required: true }] },
  divider: { fields: [blockId] },
  image: {
    fields: [
      blockId,
      { key: 'image_url', kind: 'string', max: LIMITS.imageUrl },
      { key: 'alt_text', kind: 'string', max: LIMITS.imageAltText, required: true },
      { key: 'title', kind: 'plain', max: 2000 },
    ],
    cross: [exactlyOne('image_url', 'slack_file')],
  },
  context: { fields: [blockId, { key: 'elements', kind: 'contextElements', max: LIMITS.contextElements }] },
  actions: { fields: [blockId, { key: 'elements', kind: 'elements', allowed: ACTIONS_ELEMENTS, min: 1, max: LIMITS.actionsElements }] },
  input: {
    fields: [
      blockId,
      { key: 'label', kind: 'plain', max: LIMITS.inputLabel, required: true },
      { key: 'element', kind: 'element', allowed: INPUT_ELEMENTS, required: true },
      { key: 'hint', kind: 'plain', max: LIMITS.inputHint },
      { key: 'optional', kind: 'bool' },
      { key: 'dispatch_action', kind: 'bool' },
    ],
  },
  rich_text: { fields: [blockId, { key: 'elements', kind: 'array', required: true }] },
  markdown: { fields: [blockId, { key: 'text', kind: 'string', max: LIMITS.markdownText, required: true, nonEmpty: true }] },
  video: {
    fields: [
      blockId,
      { key: 'alt_text', kind: 'string', max: LIMITS.imageAltText, required: true },
      { key: 'title', kind: 'plain', max: 200, required: true },
      { key: 'thumbnail_url', kind: 'string', max: LIMITS.imageUrl, required: true },
      { key: 'video_url', kind: 'string', max: LIMITS.imageUrl, required: true },
      { key: 'description', kind: 'plain', max: 200 },
    ],
  },
  file: { fields: [blockId, { key: 'external_id', kind: 'string', max: 255, required: true }, { key: 'source', kind: 'enum', values: ['remote'] }] },
  table: { fields: [blockId, { key: 'rows', kind: 'array', required: true }] },
};

// ---------------------------------------------------------------------------------------------
// The walker
// ---------------------------------------------------------------------------------------------

function isObj(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function optionKey(o: Json): string {
  const t = isObj(o.text) ? `${String(o.text.type)}:${String(o.text.text)}` : '';
  return `${String(o.value)}\u0000${t}`;
}

class Validator {
  readonly errors: string[] = [];
  /** action_ids seen in the current block */
  private actionIds: Set<string> | undefined;

  err(path: string, message: string): void {
    this.errors.push(`[ERROR] ${message} [json-pointer:${path}]`);
  }

  private tooLong(path: string, max: number): void {
    this.err(path, `must be less than ${max + 1} characters`);
  }

  textObject(x: unknown, path: string, max: number, types: readonly string[]): void {
    if (!isObj(x)) return this.err(path, 'must be a text object');
    if (typeof x.type !== 'string' || !TEXT_TYPES.includes(x.type as (typeof TEXT_TYPES)[number])) {
      return this.err(`${path}/type`, 'must be one of plain_text, mrkdwn');
    }
    if (!types.includes(x.type)) return this.err(`${path}/type`, `must be ${types.join(' or ')}`);
    if (typeof x.text !== 'string') return this.err(`${path}/text`, 'must be a string');
    if (x.text.length === 0) return this.err(`${path}/text`, 'must be more than 0 characters');
    if (x.text.length > max) this.tooLong(`${path}/text`, max);
    if (x.type === 'mrkdwn' && x.emoji !== undefined) this.err(`${path}/emoji`, 'is not allowed for mrkdwn text');
    if (x.type === 'plain_text' && x.verbatim !== undefined) this.err(`${path}/verbatim`, 'is not allowed for plain_text text');
  }

  option(x: unknown, path: string, textTypes: readonly string[]): void {
    if (!isObj(x)) return this.err(path, 'must be an option object');
    this.textObject(x.text, `${path}/text`, LIMITS.optionText, textTypes);
    if (typeof x.value !== 'string') this.err(`${path}/value`, 'must be a string');
    else if (x.value.length > LIMITS.optionValue) this.tooLong(`${path}/value`, LIMITS.optionValue);
    if (x.description !== undefined) this.textObject(x.description, `${path}/description`, LIMITS.optionDescription, textTypes);
    if (x.url !== undefined && (typeof x.url !== 'string' || x.url.length > 3000)) this.err(`${path}/url`, 'must be a string of at most 3000 characters');
  }

  field(obj: Json, rule: FieldRule, base: string): void {
    const x = obj[rule.key];
    const path = `${base}/${rule.key}`;
    if (x === undefined || x === null) {
      if ('required' in rule && rule.required) this.err(path, 'is a required property');
      return;
    }
    switch (rule.kind) {
      case 'plain':
        return this.textObject(x, path, rule.max, ['plain_text']);
      case 'text':
        return this.textObject(x, path, rule.max, TEXT_TYPES);
      case 'string':
        if (typeof x !== 'string') return this.err(path, 'must be a string');
        if (rule.nonEmpty && x.length === 0) return this.err(path, 'must be more than 0 characters');
        if (x.length > rule.max) this.tooLong(path, rule.max);
        if (rule.key === 'action_id') this.noteActionId(x, path);
        return;
      case 'bool':
        if (typeof x !== 'boolean') this.err(path, 'must be a boolean');
        return;
      case 'int':
        if (typeof x !== 'number' || !Number.isInteger(x)) return this.err(path, 'must be an integer');
        if (rule.min !== undefined && x < rule.min) this.err(path, `must be at least ${rule.min}`);
        if (rule.max !== undefined && x > rule.max) this.err(path, `must be at most ${rule.max}`);
        return;
      case 'enum':
        if (typeof x !== 'string' || !rule.values.includes(x)) this.err(path, `must be one of ${rule.values.join(', ')}`);
        return;
      case 'stringList':
        if (!Array.isArray(x) || !x.every((s) => typeof s === 'string')) this.err(path, 'must be an array of strings');
        return;
      case 'array':
        if (!Array.isArray(x)) this.err(path, 'must be an array');
        return;
      case 'confirm':
        if (!isObj(x)) return this.err(path, 'must be a confirmation dialog object');
        this.textObject(x.title, `${path}/title`, 100, ['plain_text']);
        this.textObject(x.text, `${path}/text`, 300, TEXT_TYPES);
        this.textObject(x.confirm, `${path}/confirm`, 30, ['plain_text']);
        this.textObject(x.deny, `${path}/deny`, 30, ['plain_text']);
        return;
      case 'options':
        if (!Array.isArray(x)) return this.err(path, 'must be an array');
        if (x.length < rule.min) this.err(path, `must provide at least ${rule.min} items`);
        if (x.length > rule.max) this.err(path, `no more than ${rule.max} items allowed`);
        x.forEach((o, i) => this.option(o, `${path}/${i}`, rule.textTypes));
        return;
      case 'optionGroups':
        if (!Array.isArray(x)) return this.err(path, 'must be an array');
        if (x.length > rule.max) this.err(path, `no more than ${rule.max} items allowed`);
        x.forEach((g, i) => {
          if (!isObj(g)) return this.err(`${path}/${i}`, 'must be an option group object');
          this.textObject(g.label, `${path}/${i}/label`, 75, ['plain_text']);
          if (!Array.isArray(g.options)) return this.err(`${path}/${i}/options`, 'must be an array');
          if (g.options.length > 100) this.err(`${path}/${i}/options`, 'no more than 100 items allowed');
          g.options.forEach((o, j) => this.option(o, `${path}/${i}/options/${j}`, ['plain_text']));
        });
        return;
      case 'option':
        return this.option(x, path, rule.textTypes);
      case 'optionList':
        if (!Array.isArray(x)) return this.err(path, 'must be an array');
        x.forEach((o, i) => this.option(o, `${path}/${i}`, rule.textTypes));
        return;
      case 'textList':
        if (!Array.isArray(x)) return this.err(path, 'must be an array');
        if (x.length > rule.max) this.err(path, `no more than ${rule.max} items allowed`);
        x.forEach((t, i) => this.textObject(t, `${path}/${i}`, rule.itemMax, TEXT_TYPES));
        return;
      case 'element':
        return this.element(x, path, rule.allowed);
      case 'elements':
        if (!Array.isArray(x)) return this.err(path, 'must be an array');
        if (x.length < rule.min) this.err(path, `must provide at least ${rule.min} items`);
        if (x.length > rule.max) this.err(path, `no more than ${rule.max} items allowed`);
        x.forEach((e, i) => this.element(e, `${path}/${i}`, rule.allowed));
        return;
      case 'contextElements':
        if (!Array.isArray(x)) return this.err(path, 'must be an array');
        if (x.length < 1) this.err(path, 'must provide at least 1 items');
        if (x.length > rule.max) this.err(path, `no more than ${rule.max} items allowed`);
        x.forEach((e, i) => {
          const p = `${path}/${i}`;
          if (isObj(e) && e.type === 'image') this.element(e, p, set('image'));
          else this.textObject(e, p, 3000, TEXT_TYPES);
        });
        return;
    }
  }

  private noteActionId(id: string, path: string): void {
    if (!this.actionIds) return;
    if (this.actionIds.has(id)) this.err(path, `action_id "${id}" must be unique within the block`);
    this.actionIds.add(id);
  }

  applyRule(obj: Json, rule: Rule, path: string): void {
    for (const f of rule.fields) this.field(obj, f, path);
    if (rule.cross) for (const c of rule.cross) c(this, obj, path);
  }

  element(x: unknown, path: string, allowed: ReadonlySet<string>): void {
    if (!isObj(x)) return this.err(path, 'must be an element object');
    const type = x.type;
    if (typeof type !== 'string' || !Object.hasOwn(ELEMENTS, type)) {
      return this.err(`${path}/type`, `unknown element type ${JSON.stringify(type)}`);
    }
    if (!allowed.has(type)) return this.err(`${path}/type`, `element type ${type} is not allowed here`);
    this.applyRule(x, ELEMENTS[type] as Rule, path);
  }

  blocks(x: unknown, path: string, max: number): { hasInput: boolean } {
    const out = { hasInput: false };
    if (!Array.isArray(x)) {
      this.err(path, 'must be an array');
      return out;
    }
    if (x.length > max) this.err(path, `no more than ${max} items allowed`);
    const blockIds = new Set<string>();
    x.forEach((b, i) => {
      const p = `${path}/${i}`;
      if (!isObj(b)) return this.err(p, 'must be a block object');
      const type = b.type;
      if (typeof type !== 'string' || !Object.hasOwn(BLOCKS, type)) {
        return this.err(`${p}/type`, `unknown block type ${JSON.stringify(type)}`);
      }
      if (type === 'input') out.hasInput = true;
      if (typeof b.block_id === 'string') {
        if (blockIds.has(b.block_id)) this.err(`${p}/block_id`, `block_id "${b.block_id}" must be unique`);
        blockIds.add(b.block_id);
      }
      this.actionIds = new Set();
      this.applyRule(b, BLOCKS[type] as Rule, p);
      this.actionIds = undefined;
    });
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

const VIEW_TOP: readonly FieldRule[] = [
  { key: 'callback_id', kind: 'string', max: LIMITS.callbackId },
  { key: 'private_metadata', kind: 'string', max: LIMITS.privateMetadata },
  { key: 'external_id', kind: 'string', max: LIMITS.externalId },
  { key: 'clear_on_close', kind: 'bool' },
  { key: 'notify_on_close', kind: 'bool' },
  { key: 'submit_disabled', kind: 'bool' },
];

const MODAL_ONLY: readonly FieldRule[] = [
  { key: 'title', kind: 'plain', max: LIMITS.modalTitle, required: true },
  { key: 'submit', kind: 'plain', max: LIMITS.modalButton },
  { key: 'close', kind: 'plain', max: LIMITS.modalButton },
];

/**
 * Validates a view payload. `expect` restricts the type (views.open/push need `modal`,
 * views.publish needs `home`). Returns Slack-style `[ERROR] ...` messages; empty = valid.
 */
export function validateView(view: unknown, expect?: 'modal' | 'home'): string[] {
  const v = new Validator();
  const base = '/view';
  if (!isObj(view)) {
    v.err(base, 'must be a view object');
    return v.errors;
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    v.err(`${base}/type`, 'must be one of modal, home');
    return v.errors;
  }
  if (expect && type !== expect) {
    v.err(`${base}/type`, `must be ${expect} for this method`);
    return v.errors;
  }
  for (const f of VIEW_TOP) v.field(view, f, base);
  if (type === 'modal') for (const f of MODAL_ONLY) v.field(view, f, base);
  if (view.blocks === undefined) v.err(`${base}/blocks`, 'is a required property');
  const { hasInput } = v.blocks(view.blocks ?? [], `${base}/blocks`, LIMITS.viewBlocks);
  if (type === 'modal' && hasInput && view.submit === undefined) {
    v.err(`${base}/submit`, 'is required when the view contains input blocks');
  }
  return v.errors;
}

/** Validates the `blocks` of a message (chat.postMessage / chat.update). */
export function validateMessageBlocks(blocks: unknown): string[] {
  const v = new Validator();
  v.blocks(blocks, '/blocks', LIMITS.messageBlocks);
  return v.errors;
}

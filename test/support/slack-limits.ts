/**
 * Slack's published Block Kit limits, checked the way Slack checks them: a payload that breaks one
 * is refused with `invalid_blocks` (messages) or `invalid_arguments` (views), naming the offending
 * path as a JSON pointer. The fake Slack runs every payload the bot sends through these checks.
 * Sources: Block Kit reference (blocks, elements, composition objects), view and message docs;
 * ../shared/PLATFORM-NOTES.md "What Slack and Teams really accept".
 */

type Node = Record<string, unknown>;

/** What Slack would answer: the error code and its messages (`must be ... [json-pointer:/...]`). */
export type SlackRefusal = {
  error: 'invalid_blocks' | 'invalid_arguments' | 'invalid_metadata_format' | 'missing_scope';
  messages: string[];
};

export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  text: 3000,
  messageText: 40_000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  staticOptions: 100,
  optionGroups: 100,
  id: 255,
  viewTitle: 24,
  inputLabel: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  privateMetadata: 3000,
  actionsElements: 25,
  contextElements: 10,
  sectionFields: 10,
  fieldText: 2000,
  checkboxOptions: 10,
  overflowOptions: 5,
} as const;

/** Checks a message (chat.postMessage, chat.postEphemeral, chat.update, a response_url body). */
export function checkSlackMessage(args: Node): SlackRefusal | null {
  const problems: string[] = [];
  const { blocks, text } = args;
  if (typeof text === 'string' && text.length > SLACK_LIMITS.messageText)
    problems.push(`must be at most ${SLACK_LIMITS.messageText} characters [json-pointer:/text]`);
  if (blocks !== undefined) {
    if (typeof text !== 'string' || text.trim() === '')
      problems.push('a text fallback is required with blocks [json-pointer:/text]');
    checkBlocks(blocks, SLACK_LIMITS.messageBlocks, '/blocks', 'message', problems);
  } else if (typeof text !== 'string' || text === '') problems.push('no text [json-pointer:/text]');
  if (problems.length) return { error: 'invalid_blocks', messages: problems };
  return args.metadata === undefined ? null : checkMetadata(args.metadata);
}

/**
 * Message metadata: an alphanumeric `event_type` and an `event_payload` object of strings, numbers,
 * booleans, or objects (and arrays of objects) of those (the Web API's MessageMetadata).
 */
function checkMetadata(metadata: unknown): SlackRefusal | null {
  const scalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
  const flat = (v: unknown) => isNode(v) && Object.values(v).every(scalar);
  const ok =
    isNode(metadata) &&
    typeof metadata.event_type === 'string' &&
    /^[A-Za-z0-9_]{1,255}$/.test(metadata.event_type) &&
    isNode(metadata.event_payload) &&
    Object.values(metadata.event_payload).every(
      (v) => scalar(v) || flat(v) || (Array.isArray(v) && v.every(flat)),
    );
  return ok ? null : { error: 'invalid_metadata_format', messages: ['[json-pointer:/metadata]'] };
}

/** Checks a view (views.open, views.update, views.push, views.publish, a `response_action: update`). */
export function checkSlackView(view: unknown): SlackRefusal | null {
  const problems: string[] = [];
  if (!isNode(view))
    return { error: 'invalid_arguments', messages: ['view is required [json-pointer:/view]'] };
  const type = view.type;
  if (type !== 'modal' && type !== 'home') problems.push('must be modal or home [json-pointer:/view/type]');
  if (type === 'modal') {
    checkText(view.title, '/view/title', SLACK_LIMITS.viewTitle, problems, {
      plainOnly: true,
      required: true,
    });
    for (const key of ['submit', 'close'] as const)
      if (view[key] !== undefined)
        checkText(view[key], `/view/${key}`, SLACK_LIMITS.viewTitle, problems, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isNode(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      problems.push('a modal with input blocks needs a submit button [json-pointer:/view/submit]');
  }
  if (
    typeof view.private_metadata === 'string' &&
    view.private_metadata.length > SLACK_LIMITS.privateMetadata
  )
    problems.push(`must be at most 3000 characters [json-pointer:/view/private_metadata]`);
  if (typeof view.callback_id === 'string' && view.callback_id.length > SLACK_LIMITS.id)
    problems.push('must be at most 255 characters [json-pointer:/view/callback_id]');
  checkBlocks(view.blocks, SLACK_LIMITS.viewBlocks, '/view/blocks', 'view', problems);
  return problems.length ? { error: 'invalid_arguments', messages: problems } : null;
}

function checkBlocks(blocks: unknown, max: number, path: string, surface: 'message' | 'view', out: string[]) {
  if (!Array.isArray(blocks)) {
    out.push(`must be an array [json-pointer:${path}]`);
    return;
  }
  if (blocks.length > max) out.push(`must be at most ${max} items [json-pointer:${path}]`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${path}/${i}`;
    if (!isNode(block)) {
      out.push(`must be an object [json-pointer:${at}]`);
      return;
    }
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      if (id.length === 0 || id.length > SLACK_LIMITS.id)
        out.push(`must be 1-255 characters [json-pointer:${at}/block_id]`);
      if (blockIds.has(id)) out.push(`duplicate block_id "${id}" [json-pointer:${at}/block_id]`);
      blockIds.add(id);
    }
    checkBlock(block, at, surface, out);
  });
}

function checkBlock(block: Node, at: string, surface: 'message' | 'view', out: string[]) {
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined)
        out.push(`a section needs text or fields [json-pointer:${at}]`);
      if (block.text !== undefined)
        checkText(block.text, `${at}/text`, SLACK_LIMITS.text, out, { required: true });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length > SLACK_LIMITS.sectionFields)
          out.push(`must be at most 10 items [json-pointer:${at}/fields]`);
        else
          block.fields.forEach((f, i) => {
            checkText(f, `${at}/fields/${i}`, SLACK_LIMITS.fieldText, out, { required: true });
          });
      }
      if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, out);
      return;
    }
    case 'header':
      return checkText(block.text, `${at}/text`, SLACK_LIMITS.header, out, {
        plainOnly: true,
        required: true,
      });
    case 'divider':
      return;
    case 'context': {
      const elements = block.elements;
      if (
        !Array.isArray(elements) ||
        elements.length === 0 ||
        elements.length > SLACK_LIMITS.contextElements
      ) {
        out.push(`must be 1-10 items [json-pointer:${at}/elements]`);
        return;
      }
      elements.forEach((e, i) => {
        if (isNode(e) && e.type === 'image') return;
        checkText(e, `${at}/elements/${i}`, SLACK_LIMITS.text, out, { required: true });
      });
      return;
    }
    case 'actions': {
      const elements = block.elements;
      if (
        !Array.isArray(elements) ||
        elements.length === 0 ||
        elements.length > SLACK_LIMITS.actionsElements
      ) {
        out.push(`must be 1-25 items [json-pointer:${at}/elements]`);
        return;
      }
      const actionIds = new Set<string>();
      elements.forEach((e, i) => {
        checkElement(e, `${at}/elements/${i}`, out);
        const id = isNode(e) && typeof e.action_id === 'string' ? e.action_id : null;
        if (id && actionIds.has(id))
          out.push(`duplicate action_id "${id}" [json-pointer:${at}/elements/${i}]`);
        if (id) actionIds.add(id);
      });
      return;
    }
    case 'input': {
      if (surface !== 'view') out.push(`input blocks belong in modals and Home tabs [json-pointer:${at}]`);
      checkText(block.label, `${at}/label`, SLACK_LIMITS.inputLabel, out, {
        plainOnly: true,
        required: true,
      });
      if (block.hint !== undefined)
        checkText(block.hint, `${at}/hint`, SLACK_LIMITS.inputLabel, out, { plainOnly: true });
      return checkElement(block.element, `${at}/element`, out);
    }
    default:
      out.push(`unsupported block type "${String(block.type)}" [json-pointer:${at}/type]`);
  }
}

function checkElement(element: unknown, at: string, out: string[]) {
  if (!isNode(element)) {
    out.push(`must be an object [json-pointer:${at}]`);
    return;
  }
  if (
    element.action_id !== undefined &&
    (String(element.action_id).length === 0 || String(element.action_id).length > SLACK_LIMITS.id)
  )
    out.push(`must be 1-255 characters [json-pointer:${at}/action_id]`);
  if (element.placeholder !== undefined)
    checkText(element.placeholder, `${at}/placeholder`, SLACK_LIMITS.placeholder, out, { plainOnly: true });
  switch (element.type) {
    case 'button':
      checkText(element.text, `${at}/text`, SLACK_LIMITS.buttonText, out, {
        plainOnly: true,
        required: true,
      });
      if (typeof element.value === 'string' && element.value.length > SLACK_LIMITS.buttonValue)
        out.push(`must be at most 2000 characters [json-pointer:${at}/value]`);
      if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger')
        out.push(`must be primary or danger [json-pointer:${at}/style]`);
      return;
    case 'static_select':
    case 'multi_static_select':
      return checkOptions(element, at, out);
    case 'external_select':
    case 'multi_external_select':
      for (const key of ['initial_option', 'initial_options'])
        if (element[key] !== undefined)
          (Array.isArray(element[key]) ? element[key] : [element[key]]).forEach((o: unknown, i: number) => {
            checkOption(o, `${at}/${key}/${i}`, out);
          });
      return;
    case 'plain_text_input': {
      const max = element.max_length;
      if (max !== undefined && (typeof max !== 'number' || max < 1 || max > SLACK_LIMITS.inputMaxLength))
        out.push(`must be between 1 and 3000 [json-pointer:${at}/max_length]`);
      const min = element.min_length;
      if (min !== undefined && (typeof min !== 'number' || min < 0 || min > SLACK_LIMITS.inputMaxLength))
        out.push(`must be between 0 and 3000 [json-pointer:${at}/min_length]`);
      return;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const options = element.options;
      if (!Array.isArray(options) || options.length === 0 || options.length > SLACK_LIMITS.checkboxOptions) {
        out.push(`must be 1-10 items [json-pointer:${at}/options]`);
        return;
      }
      options.forEach((o, i) => {
        checkOption(o, `${at}/options/${i}`, out);
      });
      return;
    }
    case 'overflow': {
      const options = element.options;
      if (!Array.isArray(options) || options.length < 2 || options.length > SLACK_LIMITS.overflowOptions)
        out.push(`must be 2-5 items [json-pointer:${at}/options]`);
      return;
    }
    default:
      out.push(`unsupported element type "${String(element.type)}" [json-pointer:${at}/type]`);
  }
}

function checkOptions(element: Node, at: string, out: string[]) {
  const { options, option_groups: groups } = element;
  if ((options === undefined) === (groups === undefined)) {
    out.push(`needs exactly one of options and option_groups [json-pointer:${at}]`);
    return;
  }
  const values = new Set<string>();
  const collect = (list: unknown, path: string) => {
    if (!Array.isArray(list) || list.length === 0 || list.length > SLACK_LIMITS.staticOptions) {
      out.push(`must be 1-100 items [json-pointer:${path}]`);
      return;
    }
    list.forEach((o, i) => {
      checkOption(o, `${path}/${i}`, out);
      if (isNode(o)) values.add(String(o.value));
    });
  };
  if (options !== undefined) collect(options, `${at}/options`);
  else if (!Array.isArray(groups) || groups.length === 0 || groups.length > SLACK_LIMITS.optionGroups)
    out.push(`must be 1-100 items [json-pointer:${at}/option_groups]`);
  else
    groups.forEach((g, i) => {
      if (!isNode(g)) {
        out.push(`must be an object [json-pointer:${at}/option_groups/${i}]`);
        return;
      }
      checkText(g.label, `${at}/option_groups/${i}/label`, SLACK_LIMITS.optionText, out, {
        plainOnly: true,
        required: true,
      });
      collect(g.options, `${at}/option_groups/${i}/options`);
    });
  for (const key of ['initial_option', 'initial_options']) {
    if (element[key] === undefined) continue;
    const initial = Array.isArray(element[key]) ? element[key] : [element[key]];
    initial.forEach((o: unknown, i: number) => {
      checkOption(o, `${at}/${key}/${i}`, out);
      if (isNode(o) && !values.has(String(o.value)))
        out.push(`must be one of the options [json-pointer:${at}/${key}/${i}]`);
    });
  }
}

function checkOption(option: unknown, at: string, out: string[]) {
  if (!isNode(option)) {
    out.push(`must be an object [json-pointer:${at}]`);
    return;
  }
  checkText(option.text, `${at}/text`, SLACK_LIMITS.optionText, out, { required: true });
  if (
    typeof option.value !== 'string' ||
    option.value.length === 0 ||
    option.value.length > SLACK_LIMITS.optionValue
  )
    out.push(`must be 1-150 characters [json-pointer:${at}/value]`);
}

function checkText(
  text: unknown,
  at: string,
  max: number,
  out: string[],
  options: { plainOnly?: boolean; required?: boolean } = {},
) {
  if (text === undefined) {
    if (options.required) out.push(`is required [json-pointer:${at}]`);
    return;
  }
  if (!isNode(text)) {
    out.push(`must be a text object [json-pointer:${at}]`);
    return;
  }
  if (text.type !== 'plain_text' && (options.plainOnly || text.type !== 'mrkdwn'))
    out.push(
      `must be ${options.plainOnly ? 'plain_text' : 'plain_text or mrkdwn'} [json-pointer:${at}/type]`,
    );
  if (typeof text.text !== 'string' || text.text.length === 0)
    out.push(`must be more than 0 characters [json-pointer:${at}/text]`);
  else if (text.text.length > max) out.push(`must be at most ${max} characters [json-pointer:${at}/text]`);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

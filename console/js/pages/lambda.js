// Lambda functions: the list, and one function as the Lambda console shows it: its code, its
// layers and configuration, test events (create, save, choose) and Test, with the response, the
// duration and the log of the invocation.
import { api } from '../api.js';
import { h, table, time, errorBox } from '../ui.js';

// The event the Lambda console offers for a new test event (its hello-world template).
const HELLO_WORLD = '{\n  "key1": "value1",\n  "key2": "value2",\n  "key3": "value3"\n}';

const functionPath = (name) => `lambda/functions/${encodeURIComponent(name)}`;

export async function list(view) {
  const body = h('div');
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, 'Functions')), body);
  async function load() {
    const { Functions } = await api('lambda/functions');
    body.replaceChildren(table([
      { title: 'Function name', cell: (f) => h('a', { href: `#/lambda/${encodeURIComponent(f.FunctionName)}` }, f.FunctionName) },
      { title: 'Package type', cell: (f) => f.PackageType },
      { title: 'Runtime', cell: (f) => f.Runtime },
      { title: 'Memory (MB)', cell: (f) => f.MemorySize },
      { title: 'Timeout (s)', cell: (f) => f.Timeout },
      { title: 'Last modified', cell: (f) => time(f.LastModified.replace('+0000', 'Z')) },
    ], Functions, { id: 'functions' }));
  }
  await load();
}

export async function detail(view, _ctx, name) {
  const message = h('div', { id: 'lambda-message' });
  const overview = h('section', { class: 'panel', id: 'function-overview' });
  const code = h('section', { class: 'panel', id: 'function-code' });
  const eventEditor = h('div');
  const result = h('section', { class: 'panel', id: 'execution-result', hidden: true });
  const configuration = h('section', { class: 'panel', id: 'function-configuration' });
  const eventSelect = h('select', { id: 'test-event-select', 'aria-label': 'test event' });
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, name)), message, overview,
    h('h2', {}, 'Code source'),
    h('div', { class: 'row' }, eventSelect,
      h('button', { id: 'create-test-event', onclick: () => openEditor() }, 'Create test event'),
      h('button', { class: 'primary', id: 'test-function', onclick: () => runTest() }, 'Test')),
    eventEditor, result, code, h('h2', {}, 'Configuration'), configuration);

  let events = {};
  const say = (text) => message.replaceChildren(h('p', { class: 'ok', role: 'status' }, text));
  const fail = (e) => message.replaceChildren(errorBox(e));

  function showEvents(chosen) {
    const names = Object.keys(events);
    eventSelect.replaceChildren(...(names.length
      ? names.map((n) => h('option', { value: n, selected: n === chosen }, n))
      : [h('option', { value: '' }, 'No saved test events')]));
  }

  function openEditor() {
    const draft = { name: '', json: HELLO_WORLD };
    eventEditor.replaceChildren(h('div', { class: 'card editor', id: 'test-event-editor' },
      h('h3', {}, 'Configure test event'),
      h('label', {}, h('span', {}, 'Event name'),
        h('input', { id: 'test-event-name', maxlength: 25, oninput: (e) => { draft.name = e.target.value; } })),
      h('label', {}, h('span', {}, 'Event JSON'),
        h('textarea', { id: 'test-event-json', rows: 8, value: draft.json, oninput: (e) => { draft.json = e.target.value; } })),
      h('div', { class: 'row' },
        h('button', { class: 'primary', id: 'test-event-save', onclick: () => save(draft) }, 'Save'),
        h('button', { onclick: () => eventEditor.replaceChildren() }, 'Cancel'))));
  }

  async function save(draft) {
    const eventName = draft.name.trim();
    let event;
    try {
      event = JSON.parse(draft.json);
    } catch (e) {
      return fail(new Error(`The event is not JSON: ${e.message}`));
    }
    try {
      await api(`${functionPath(name)}/test-events/${encodeURIComponent(eventName)}`, { method: 'PUT', body: event });
      events[eventName] = JSON.stringify(event);
      showEvents(eventName);
      eventEditor.replaceChildren();
      say(`The test event ${eventName} was successfully saved.`);
    } catch (e) { fail(e); }
  }

  async function runTest() {
    const chosen = eventSelect.value;
    const event = chosen ? events[chosen] : '{}';
    result.hidden = false;
    result.replaceChildren(h('h3', {}, 'Execution results'), h('p', { class: 'muted', id: 'test-running' }, `Executing function: ${name}`));
    try {
      const r = await api(`${functionPath(name)}/test`, { method: 'POST', body: JSON.parse(event) });
      const failed = !!r.FunctionError;
      result.replaceChildren(
        h('h3', {}, 'Execution results'),
        h('p', { id: 'test-status', class: failed ? 'error' : 'ok' },
          failed ? `Executing function: failed (${r.FunctionError})` : 'Executing function: succeeded'),
        h('p', {}, h('b', {}, 'Test Event Name: '), chosen || '(none)'),
        h('h4', {}, 'Response'),
        h('pre', { id: 'test-response' }, JSON.stringify(r.Payload, null, 2)),
        h('h4', {}, 'Function Logs'),
        h('pre', { id: 'test-log' }, r.Log),
        h('p', {}, h('b', {}, 'Request ID: '), r.RequestId),
        h('p', { id: 'test-duration' }, h('b', {}, 'Duration: '), `${r.DurationMs} ms`));
    } catch (e) {
      result.replaceChildren(h('h3', {}, 'Execution results'), errorBox(e));
    }
  }

  const { Configuration: f, Files, CodeError, TestEvents } = await api(functionPath(name));
  events = TestEvents || {};
  showEvents(Object.keys(events)[0]);
  overview.replaceChildren(
    h('p', {}, h('b', {}, 'Function ARN: '), h('code', { id: 'function-arn' }, f.FunctionArn)),
    h('p', {}, h('b', {}, 'Description: '), f.Description || '-'),
    h('p', {}, h('b', {}, `Layers (${f.Layers.length})`)),
    h('p', {}, h('b', {}, 'Last modified: '), time(f.LastModified.replace('+0000', 'Z'))));
  code.replaceChildren(h('div', {}, CodeError ? errorBox(new Error(CodeError)) : null,
    Files.map((file) => h('details', { open: true, class: 'code-file' },
      h('summary', {}, `${file.name} (${file.size} bytes)`),
      h('pre', {}, file.content)))));
  const env = Object.entries((f.Environment || {}).Variables || {});
  configuration.replaceChildren(
    h('h3', {}, 'General configuration'),
    table([
      { title: 'Description', cell: () => f.Description || '-' },
      { title: 'Memory', cell: () => `${f.MemorySize} MB` },
      { title: 'Ephemeral storage', cell: () => `${f.EphemeralStorage.Size} MB` },
      { title: 'Timeout', cell: () => `${Math.floor(f.Timeout / 60)} min ${f.Timeout % 60} sec` },
    ], [f], { id: 'general-configuration' }),
    h('h3', {}, 'Runtime settings'),
    table([
      { title: 'Runtime', cell: () => f.Runtime },
      { title: 'Handler', cell: () => f.Handler },
      { title: 'Architecture', cell: () => f.Architectures.join(', ') },
      { title: 'Execution role', cell: () => f.Role },
    ], [f]),
    h('h3', {}, 'Environment variables'),
    table([{ title: 'Key', cell: ([k]) => k }, { title: 'Value', cell: ([, v]) => v }], env, { id: 'environment' }),
    h('h3', {}, 'Layers'),
    table([
      { title: 'Merge order', cell: ([i]) => i + 1 },
      { title: 'Version ARN', cell: ([, l]) => l.Arn },
    ], f.Layers.map((l, i) => [i, l]), { id: 'layers' }));
}

// Create and update an experiment template with a form like FIS's: description and name,
// actions (type, parameters, start after, targets), targets (resource IDs or tags, filters and
// selection mode), the role, stop conditions (alarms); and a JSON view that round-trips.
import { api } from '../api.js';
import { h, errorBox, confirmAction } from '../ui.js';

const UNITS = [['S', 'seconds'], ['M', 'minutes'], ['H', 'hours']];

function splitDuration(text) {
  const m = /^PT(\d+)([SMH])$/.exec(text || '');
  return m ? { value: m[1], unit: m[2] } : { value: '', unit: 'M' };
}

function blankModel() {
  return { description: '', name: '', actions: {}, targets: {}, stopConditions: [], roleArn: '' };
}

// The API's template ↔ the form's model.
function fromTemplate(t) {
  return {
    description: t.description || '',
    name: (t.tags || {}).Name || '',
    actions: structuredClone(t.actions || {}),
    targets: structuredClone(t.targets || {}),
    stopConditions: (t.stopConditions || []).filter((s) => s.source !== 'none').map((s) => s.value),
    roleArn: t.roleArn || '',
    tags: t.tags || {},
    experimentOptions: t.experimentOptions,
  };
}

function toBody(model, { forUpdate }) {
  const body = {
    description: model.description,
    actions: model.actions,
    targets: model.targets,
    stopConditions: model.stopConditions.length
      ? model.stopConditions.map((value) => ({ source: 'aws:cloudwatch:alarm', value }))
      : [{ source: 'none' }],
    roleArn: model.roleArn,
  };
  if (!forUpdate) body.tags = { ...(model.tags || {}), ...(model.name ? { Name: model.name } : {}) };
  // Only emptyTargetResolutionMode may change (UpdateExperimentTemplate takes no other option).
  const mode = (model.experimentOptions || {}).emptyTargetResolutionMode;
  if (mode) body.experimentOptions = { emptyTargetResolutionMode: mode };
  return body;
}

export const create = (view, ctx) => form(view, ctx, null);
export const update = (view, ctx, id) => form(view, ctx, id);

async function form(view, ctx, id) {
  const [actionsList, roles, alarms, existing, lambdas, scenarioList, ssmDocuments] = await Promise.all([
    api('actions'), api('roles'), api('alarms'), id ? api(`templates/${id}`) : null,
    api('lambda/functions').catch(() => ({ Functions: [] })), id ? null : api('scenarios'),
    api('ssm-documents').catch(() => ({ documents: [] }))]);
  const actionTypes = actionsList.actions;
  const model = existing ? fromTemplate(existing.experimentTemplate) : blankModel();
  let editing = null;  // {kind: 'action' | 'target', original: name or null, draft}
  let jsonOpen = false;
  const message = h('div');
  const root = h('div');
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, id ? `Update experiment template ${id}` : 'Create experiment template')), message, root);

  const typeOf = (actionId) => actionTypes.find((a) => a.id === actionId);
  const field = (label, input) => h('label', {}, h('span', {}, label), input);
  const bind = (obj, key, attrs = {}) => h('input', { ...attrs, value: obj[key] ?? '', oninput: (e) => { obj[key] = e.target.value; } });

  function newTargetName(resourceType) {
    const bases = { 'aws:ec2:instance': 'Instances', 'aws:lambda:function': 'Functions' };
    const base = bases[resourceType] || resourceType.split(':').pop();
    let n = 1;
    while (model.targets[`${base}-Target-${n}`]) n += 1;
    return `${base}-Target-${n}`;
  }

  // --- aws:ssm:send-command: the document as a choice, its parameters as fields -------------
  const documentOf = (arn) => (ssmDocuments.documents || []).find((doc) => (arn || '').endsWith(`:document/${doc.name}`));
  function documentChooser(d, p) {
    return field(`${p.name}`, h('select', { id: 'param-documentArn-value', title: p.description,
      onchange: (e) => { d.parameters.documentArn = e.target.value; delete d.parameters.documentParameters; draw(); } },
    h('option', { value: '' }, 'Choose a document'),
    (ssmDocuments.documents || []).map((doc) => h('option', { value: doc.arn, selected: documentOf(d.parameters.documentArn) === doc }, doc.name))));
  }
  // One field per parameter of the chosen document (a list parameter: one value per line); the
  // action's documentParameters is their JSON, as FIS takes it.
  function documentParameterFields(d) {
    const doc = documentOf(d.parameters.documentArn);
    if (!doc) return null;
    let values = {};
    try { values = JSON.parse(d.parameters.documentParameters || '{}'); } catch { values = {}; }
    const write = () => {
      if (Object.keys(values).length) d.parameters.documentParameters = JSON.stringify(values);
      else delete d.parameters.documentParameters;
    };
    return doc.parameters.map((dp) => {
      const list = dp.type === 'StringList';
      const shown = Array.isArray(values[dp.name]) ? values[dp.name].join('\n') : (values[dp.name] ?? '');
      const attrs = { id: `ssm-param-${dp.name}`, title: dp.description,
        placeholder: Array.isArray(dp.default) ? dp.default.join('\n') : dp.default,
        oninput: (e) => {
          const text = e.target.value;
          if (text === '') delete values[dp.name];
          else values[dp.name] = list ? text.split('\n') : text;
          write();
        } };
      return field(`${dp.name}${dp.required ? '' : ' (optional)'}`, list ? h('textarea', attrs, shown) : h('input', { ...attrs, value: shown }));
    });
  }

  // --- actions -------------------------------------------------------------------------------
  function actionEditor() {
    const d = editing.draft;
    const type = typeOf(d.actionId);
    // One field per parameter the lab's action registry describes, by its type.
    const params = Object.entries((type && type.parameters) || {}).map(([name, p]) => ({ name, ...p }));
    const others = Object.keys(model.actions).filter((n) => n !== editing.original);
    const label = (p) => `${p.name}${p.required ? '' : ' (optional)'}`;
    const paramFields = params.map((p) => {
      if (d.actionId === 'aws:ssm:send-command' && p.name === 'documentArn') return documentChooser(d, p);
      if (d.actionId === 'aws:ssm:send-command' && p.name === 'documentParameters') return documentParameterFields(d);
      if (p.type === 'boolean') {
        return field(label(p), h('span', { class: 'row', title: p.description },
          h('input', { id: `param-${p.name}-value`, type: 'checkbox', checked: d.parameters[p.name] === 'true',
            onchange: (e) => { if (e.target.checked) d.parameters[p.name] = 'true'; else delete d.parameters[p.name]; } })));
      }
      if (p.type === 'integer') {
        return field(label(p), bind(d.parameters, p.name, { id: `param-${p.name}-value`, type: 'number', min: p.min, max: p.max, placeholder: p.default, title: p.description }));
      }
      if (p.type !== 'duration') {
        return field(label(p), bind(d.parameters, p.name, { id: `param-${p.name}-value`, title: p.description }));
      }
      const parts = splitDuration(d.parameters[p.name]);
      const write = () => {
        if (parts.value) d.parameters[p.name] = `PT${parts.value}${parts.unit}`;
        else delete d.parameters[p.name];
      };
      return field(label(p), h('span', { class: 'row', title: p.description },
        h('input', { id: `param-${p.name}-value`, type: 'number', min: 1, value: parts.value, oninput: (e) => { parts.value = e.target.value; write(); } }),
        h('select', { id: `param-${p.name}-unit`, onchange: (e) => { parts.unit = e.target.value; write(); } },
          UNITS.map(([u, text]) => h('option', { value: u, selected: u === parts.unit }, text)))));
    });
    const targetFields = Object.entries((type && type.targets) || {}).map(([key, spec]) => {
      const choices = Object.entries(model.targets).filter(([, t]) => t.resourceType === spec.resourceType).map(([n]) => n);
      if (!d.targets[key]) d.targets[key] = choices[0] || '(new)';
      return field(`Target (${key})`, h('select', { id: `action-target-${key}`, onchange: (e) => { d.targets[key] = e.target.value; } },
        [...choices, '(new)'].map((n) => h('option', { value: n, selected: n === d.targets[key] }, n === '(new)' ? 'New target' : n))));
    });
    return h('div', { class: 'card editor', id: 'action-editor' },
      field('Name', bind(editing, 'name', { id: 'action-name' })),
      field('Description', bind(d, 'description', { id: 'action-description' })),
      field('Action type', h('select', { id: 'action-type', onchange: (e) => {
        d.actionId = e.target.value; d.parameters = {}; d.targets = {}; draw(); } },
      h('option', { value: '' }, 'Choose an action type'),
      actionTypes.map((a) => h('option', { value: a.id, selected: a.id === d.actionId }, a.id)))),
      type ? h('p', { class: 'muted' }, type.description) : null,
      paramFields,
      field('Start after', h('select', { id: 'action-start-after', multiple: true, size: Math.max(2, others.length),
        onchange: (e) => { d.startAfter = [...e.target.selectedOptions].map((o) => o.value); } },
      others.map((n) => h('option', { value: n, selected: (d.startAfter || []).includes(n) }, n)))),
      targetFields,
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', id: 'action-save', onclick: saveAction }, 'Save'),
        h('button', { type: 'button', onclick: () => { editing = null; draw(); } }, 'Cancel')));
  }

  function saveAction() {
    const d = editing.draft;
    const name = (editing.name || '').trim();
    if (!name) return fail('An action needs a name.');
    if (!d.actionId) return fail('Choose an action type.');
    if (name !== editing.original && model.actions[name]) return fail(`There is already an action ${name}.`);
    for (const [key, target] of Object.entries(d.targets)) {
      if (target !== '(new)') continue;
      const resourceType = typeOf(d.actionId).targets[key].resourceType;
      const tname = newTargetName(resourceType);
      model.targets[tname] = { resourceType, resourceTags: {}, selectionMode: 'ALL' };
      d.targets[key] = tname;
    }
    if (!Object.keys(d.targets).length) delete d.targets;
    if (!d.startAfter || !d.startAfter.length) delete d.startAfter;
    if (!d.description) delete d.description;
    if (editing.original && editing.original !== name) {
      delete model.actions[editing.original];
      for (const a of Object.values(model.actions)) {
        if (a.startAfter) a.startAfter = a.startAfter.map((n) => (n === editing.original ? name : n));
      }
    }
    model.actions[name] = d;
    editing = null;
    draw();
  }

  // --- targets -------------------------------------------------------------------------------
  function targetEditor() {
    const d = editing.draft;
    const byTags = editing.method === 'tags';
    const tags = editing.tags;
    const mode = /^(COUNT|PERCENT)\((\d+)\)$/.exec(d.selectionMode || '') || [null, d.selectionMode || 'ALL', ''];
    const sel = { mode: mode[1], value: mode[2] };
    const writeMode = () => { d.selectionMode = sel.mode === 'ALL' ? 'ALL' : `${sel.mode}(${sel.value || 1})`; };
    return h('div', { class: 'card editor', id: 'target-editor' },
      field('Name', bind(editing, 'name', { id: 'target-name' })),
      field('Resource type', bind(d, 'resourceType', { id: 'target-resource-type' })),
      h('fieldset', {}, h('legend', {}, 'Target method'),
        h('label', {}, h('input', { type: 'radio', name: 'target-method', value: 'ids', checked: !byTags, onchange: () => { editing.method = 'ids'; draw(); } }), ' Resource IDs'),
        h('label', {}, h('input', { type: 'radio', name: 'target-method', value: 'tags', checked: byTags, onchange: () => { editing.method = 'tags'; draw(); } }), ' Resource tags, filters and parameters')),
      byTags ? [
        h('h4', {}, 'Resource tags'),
        tags.map((t, i) => h('div', { class: 'row tag-row' },
          h('input', { class: 'tag-key', placeholder: 'Key', value: t.key, oninput: (e) => { t.key = e.target.value; } }),
          h('input', { class: 'tag-value', placeholder: 'Value', value: t.value, oninput: (e) => { t.value = e.target.value; } }),
          h('button', { type: 'button', onclick: () => { tags.splice(i, 1); draw(); } }, 'Remove'))),
        h('button', { type: 'button', id: 'add-tag', onclick: () => { tags.push({ key: '', value: '' }); draw(); } }, 'Add new tag'),
        h('h4', {}, 'Resource filters'),
        editing.filters.map((f, i) => h('div', { class: 'row filter-row' },
          h('input', { class: 'filter-path', placeholder: 'Attribute path, e.g. State.Name', value: f.path, oninput: (e) => { f.path = e.target.value; } }),
          h('input', { class: 'filter-values', placeholder: 'Values, comma separated', value: f.values, oninput: (e) => { f.values = e.target.value; } }),
          h('button', { type: 'button', onclick: () => { editing.filters.splice(i, 1); draw(); } }, 'Remove'))),
        h('button', { type: 'button', id: 'add-filter', onclick: () => { editing.filters.push({ path: '', values: '' }); draw(); } }, 'Add new filter'),
        subnetParameters(d),
      ] : [field('Resource ARNs (one per line)', h('textarea', { id: 'target-arns', rows: 3, value: editing.arns, oninput: (e) => { editing.arns = e.target.value; } })),
        // As FIS's console's "Add new ARN": pick one of the region's functions.
        d.resourceType === 'aws:lambda:function' ? field('Add new ARN', h('select', { id: 'target-add-arn', onchange: (e) => {
          if (!e.target.value) return;
          editing.arns = [...editing.arns.split('\n').map((a) => a.trim()).filter(Boolean), e.target.value].join('\n');
          draw();
        } }, h('option', { value: '' }, 'Choose a function'),
        lambdas.Functions.map((f) => h('option', { value: f.FunctionArn }, f.FunctionName)))) : null],
      h('div', { class: 'row' },
        field('Selection mode', h('select', { id: 'target-selection-mode', onchange: (e) => { sel.mode = e.target.value; writeMode(); draw(); } },
          [['ALL', 'All'], ['COUNT', 'Count'], ['PERCENT', 'Percent']].map(([v, t]) => h('option', { value: v, selected: v === sel.mode }, t)))),
        sel.mode === 'ALL' ? null : field(sel.mode === 'COUNT' ? 'Number of resources' : 'Percent of resources',
          h('input', { id: 'target-selection-value', type: 'number', min: 1, value: sel.value, oninput: (e) => { sel.value = e.target.value; writeMode(); } }))),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', id: 'target-save', onclick: saveTarget }, 'Save'),
        h('button', { type: 'button', onclick: () => { editing = null; draw(); } }, 'Cancel')));
  }

  // aws:ec2:subnet's target parameters: the subnets of one zone (name or id), in one VPC.
  function subnetParameters(d) {
    if (d.resourceType !== 'aws:ec2:subnet') return null;
    const params = d.parameters || (d.parameters = {});
    const param = (key, label, placeholder) => field(label, h('input', { id: `target-param-${key}`, placeholder, value: params[key] ?? '',
      oninput: (e) => { if (e.target.value.trim()) params[key] = e.target.value.trim(); else delete params[key]; } }));
    return [h('h4', {}, 'Parameters'),
      param('availabilityZoneIdentifier', 'Availability zone', 'eu-west-2a or euw2-az1'),
      param('vpc', 'VPC', 'vpc-...')];
  }

  function saveTarget() {
    const d = editing.draft;
    const name = (editing.name || '').trim();
    if (!name) return fail('A target needs a name.');
    if (name !== editing.original && model.targets[name]) return fail(`There is already a target ${name}.`);
    delete d.resourceTags; delete d.filters; delete d.resourceArns;
    if (d.parameters && !Object.keys(d.parameters).length) delete d.parameters;
    if (editing.method === 'tags') {
      d.resourceTags = Object.fromEntries(editing.tags.filter((t) => t.key).map((t) => [t.key.trim(), t.value.trim()]));
      const filters = editing.filters.filter((f) => f.path).map((f) => ({ path: f.path.trim(), values: f.values.split(',').map((v) => v.trim()).filter(Boolean) }));
      if (filters.length) d.filters = filters;
    } else {
      d.resourceArns = editing.arns.split('\n').map((a) => a.trim()).filter(Boolean);
    }
    if (editing.original && editing.original !== name) {
      delete model.targets[editing.original];
      for (const a of Object.values(model.actions)) {
        for (const k of Object.keys(a.targets || {})) if (a.targets[k] === editing.original) a.targets[k] = name;
      }
    }
    model.targets[name] = d;
    editing = null;
    draw();
  }

  function editTarget(name) {
    const t = structuredClone(model.targets[name]);
    editing = {
      kind: 'target', original: name, name, draft: t,
      method: t.resourceArns && t.resourceArns.length ? 'ids' : 'tags',
      tags: Object.entries(t.resourceTags || {}).map(([key, value]) => ({ key, value })),
      filters: (t.filters || []).map((f) => ({ path: f.path, values: (f.values || []).join(', ') })),
      arns: (t.resourceArns || []).join('\n'),
    };
    draw();
  }

  // --- the whole form ------------------------------------------------------------------------
  function fail(text) { message.replaceChildren(errorBox(new Error(text))); }

  const actionCard = (name, a) => h('div', { class: 'card action-card', 'data-name': name },
    h('b', {}, name), ` ${a.actionId}`,
    a.parameters && Object.keys(a.parameters).length ? ` · ${Object.entries(a.parameters).map(([k, v]) => `${k}=${v}`).join(', ')}` : '',
    a.startAfter ? ` · start after ${a.startAfter.join(', ')}` : '',
    a.targets ? ` · targets ${Object.values(a.targets).join(', ')}` : '', ' ',
    h('button', { type: 'button', class: 'edit', onclick: () => { editing = { kind: 'action', original: name, name, draft: structuredClone({ parameters: {}, targets: {}, ...a }) }; draw(); } }, 'Edit'),
    h('button', { type: 'button', class: 'danger', onclick: () => { delete model.actions[name]; draw(); } }, 'Remove'));
  const targetCard = (name, t) => h('div', { class: 'card target-card', 'data-name': name },
    h('b', {}, name), ` ${t.resourceType} · `,
    t.resourceArns ? `${t.resourceArns.length} ARNs` : `tags ${Object.entries(t.resourceTags || {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}`,
    (t.filters || []).length ? ` · filters ${t.filters.map((f) => `${f.path} in ${f.values.join('|')}`).join(', ')}` : '',
    Object.keys(t.parameters || {}).length ? ` · parameters ${Object.entries(t.parameters).map(([k, v]) => `${k}=${v}`).join(', ')}` : '',
    ` · selection mode ${t.selectionMode}`, ' ',
    h('button', { type: 'button', class: 'edit', onclick: () => editTarget(name) }, 'Edit'),
    h('button', { type: 'button', class: 'danger', onclick: () => { delete model.targets[name]; draw(); } }, 'Remove'));

  function jsonView() {
    const area = h('textarea', { id: 'template-json', rows: 18, value: JSON.stringify(toBody(model, { forUpdate: !!id }), null, 2) });
    return h('section', { class: 'panel' }, h('h2', {}, 'JSON'), area,
      h('button', { type: 'button', id: 'json-apply', onclick: () => {
        try {
          const parsed = JSON.parse(area.value);
          Object.assign(model, fromTemplate({ ...parsed, tags: parsed.tags || model.tags }));
          if (!parsed.tags && model.name) model.tags = { ...model.tags, Name: model.name };
          message.replaceChildren();
          draw();
        } catch (e) { fail(`The JSON does not parse: ${e.message}`); }
      } }, 'Apply JSON to the form'));
  }

  async function submit() {
    message.replaceChildren();
    const body = toBody(model, { forUpdate: !!id });
    try {
      if (id) {
        await api(`templates/${id}`, { method: 'PATCH', body });
        location.hash = `#/templates/${id}`;
      } else {
        const ok = await confirmAction({ title: 'Create experiment template',
          text: 'An experiment created from this template can stop or terminate resources.', word: 'create', ok: 'Create an experiment template' });
        if (!ok) return;
        const created = await api('templates', { method: 'POST', body });
        location.hash = `#/templates/${created.experimentTemplate.id}`;
      }
    } catch (e) { message.replaceChildren(errorBox(e)); }
  }

  // FIS's scenario library (create only): a scenario's template for a zone replaces the form.
  const scenarioChoice = scenarioList && scenarioList.scenarios.length
    ? { id: scenarioList.scenarios[0].id, az: scenarioList.availabilityZone } : null;
  async function useScenario() {
    const role = model.roleArn || ((roles.Roles || [])[0] || {}).Arn || '';
    try {
      const made = await api(`scenarios?az=${encodeURIComponent(scenarioChoice.az)}&role=${encodeURIComponent(role)}`);
      const s = made.scenarios.find((x) => x.id === scenarioChoice.id);
      if (!s || !s.template) throw new Error(`the scenario ${scenarioChoice.id} needs a zone and a role`);
      Object.assign(model, fromTemplate(s.template));
      editing = null;
      message.replaceChildren();
      draw();
    } catch (e) { message.replaceChildren(errorBox(e)); }
  }
  function scenarioPanel() {
    if (!scenarioChoice) return null;
    const chosen = scenarioList.scenarios.find((s) => s.id === scenarioChoice.id);
    return h('section', { class: 'panel', id: 'scenario-panel' }, h('h2', {}, 'Start from a scenario'),
      h('div', { class: 'row' },
        h('select', { id: 'scenario', onchange: (e) => { scenarioChoice.id = e.target.value; draw(); } },
          scenarioList.scenarios.map((s) => h('option', { value: s.id, selected: s.id === scenarioChoice.id }, s.name))),
        field('Availability Zone', h('input', { id: 'scenario-az', value: scenarioChoice.az, oninput: (e) => { scenarioChoice.az = e.target.value; } })),
        h('button', { type: 'button', id: 'scenario-use', onclick: useScenario }, 'Use scenario')),
      h('p', { class: 'muted' }, chosen.description),
      chosen.leftOut.length ? h('p', { class: 'muted', id: 'scenario-left-out' }, `Left out: ${chosen.leftOut.join('; ')}`) : null);
  }

  function draw() {
    const chosenAlarm = h('select', { id: 'stop-condition' }, h('option', { value: '' }, 'Choose an alarm'),
      alarms.MetricAlarms.filter((a) => !model.stopConditions.includes(a.AlarmArn)).map((a) => h('option', { value: a.AlarmArn }, a.AlarmName)));
    root.replaceChildren(h('div', {},
      id ? null : scenarioPanel(),
      h('section', { class: 'panel' }, h('h2', {}, 'Description and name'),
        field('Description', bind(model, 'description', { id: 'template-description', size: 60 })),
        id ? null : field('Name (tag Name)', bind(model, 'name', { id: 'template-name' }))),
      h('section', { class: 'panel' }, h('h2', {}, 'Actions'),
        Object.entries(model.actions).map(([n, a]) => (editing && editing.kind === 'action' && editing.original === n ? actionEditor() : actionCard(n, a))),
        editing && editing.kind === 'action' && !editing.original ? actionEditor()
          : h('button', { type: 'button', id: 'add-action', onclick: () => { editing = { kind: 'action', original: null, name: '', draft: { actionId: '', parameters: {}, targets: {} } }; draw(); } }, 'Add action')),
      h('section', { class: 'panel' }, h('h2', {}, 'Targets'),
        Object.entries(model.targets).map(([n, t]) => (editing && editing.kind === 'target' && editing.original === n ? targetEditor() : targetCard(n, t))),
        Object.keys(model.targets).length ? null : h('p', { class: 'muted' }, 'Adding an action that needs a target creates one.')),
      h('section', { class: 'panel' }, h('h2', {}, 'Service access'),
        field('Use an existing IAM role', h('select', { id: 'template-role', onchange: (e) => { model.roleArn = e.target.value; } },
          h('option', { value: '' }, 'Choose a role'),
          roles.Roles.map((r) => h('option', { value: r.Arn, selected: r.Arn === model.roleArn }, r.RoleName))))),
      h('section', { class: 'panel' }, h('h2', {}, 'Stop conditions'),
        model.stopConditions.map((arn, i) => h('div', { class: 'card stop-condition' }, arn.split(':alarm:').pop(), ' ',
          h('button', { type: 'button', onclick: () => { model.stopConditions.splice(i, 1); draw(); } }, 'Remove'))),
        h('div', { class: 'row' }, chosenAlarm, h('button', { type: 'button', id: 'add-stop-condition', onclick: () => {
          if (chosenAlarm.value) { model.stopConditions.push(chosenAlarm.value); draw(); }
        } }, 'Add stop condition'))),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'json-toggle', onclick: () => { jsonOpen = !jsonOpen; draw(); } }, jsonOpen ? 'Hide JSON' : 'Show JSON'),
        h('button', { type: 'button', class: 'primary', id: 'submit-template', onclick: submit },
          id ? 'Update an experiment template' : 'Create an experiment template')),
      jsonOpen ? jsonView() : null));
  }
  draw();
}

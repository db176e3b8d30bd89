// Experiment templates: the list, and one template with Update, Start experiment and Delete.
import { api } from '../api.js';
import { h, table, time, errorBox, confirmAction } from '../ui.js';

export async function list(view, ctx) {
  const body = h('div');
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, 'Experiment templates'),
    h('a', { href: '#/templates/new' }, h('button', { class: 'primary', id: 'create-template' }, 'Create an experiment template'))), body);
  async function load() {
    const { experimentTemplates } = await api('templates');
    body.replaceChildren(table([
      { title: 'ID', cell: (t) => h('a', { href: `#/templates/${t.id}` }, t.id) },
      { title: 'Name', cell: (t) => (t.tags || {}).Name || '' },
      { title: 'Description', cell: (t) => t.description },
      { title: 'Created', cell: (t) => time(t.creationTime) },
      { title: 'Updated', cell: (t) => time(t.lastUpdateTime) },
    ], experimentTemplates, { id: 'templates' }));
  }
  await load();
  ctx.watch(['templates'], load);
}

export async function detail(view, ctx, id) {
  const message = h('div');
  const body = h('div');
  const start = async () => {
    const ok = await confirmAction({ title: 'Start experiment',
      text: 'You are about to start an experiment that can stop or terminate resources.', word: 'start', ok: 'Start experiment' });
    if (!ok) return;
    try {
      const { experiment } = await api('experiments', { method: 'POST', body: { experimentTemplateId: id } });
      location.hash = `#/experiments/${experiment.id}`;
    } catch (e) { message.replaceChildren(errorBox(e)); }
  };
  const remove = async () => {
    if (!await confirmAction({ title: 'Delete experiment template', text: `Delete ${id}?`, word: 'delete', ok: 'Delete' })) return;
    try { await api(`templates/${id}`, { method: 'DELETE' }); location.hash = '#/templates'; }
    catch (e) { message.replaceChildren(errorBox(e)); }
  };
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, `Experiment template ${id}`),
    h('a', { href: `#/templates/${id}/edit` }, h('button', { id: 'update-template' }, 'Update')),
    h('button', { class: 'danger', onclick: remove }, 'Delete'),
    h('button', { class: 'primary', id: 'start-experiment', onclick: start }, 'Start experiment')), message, body);
  async function load() {
    const { experimentTemplate: t } = await api(`templates/${id}`);
    body.replaceChildren(
      h('section', { class: 'panel' },
        h('p', {}, h('b', {}, 'Description: '), t.description),
        h('p', {}, h('b', {}, 'Name: '), (t.tags || {}).Name || ''),
        h('p', {}, h('b', {}, 'Role: '), t.roleArn),
        h('p', {}, h('b', {}, 'Stop conditions: '), t.stopConditions.map((s) => s.value || s.source).join(', ')),
        h('p', {}, h('b', {}, 'Updated: '), time(t.lastUpdateTime))),
      h('h2', {}, 'Actions'),
      table([
        { title: 'Name', cell: ([n]) => n },
        { title: 'Action type', cell: ([, a]) => a.actionId },
        { title: 'Parameters', cell: ([, a]) => Object.entries(a.parameters || {}).map(([k, v]) => `${k}=${v}`).join(', ') },
        { title: 'Start after', cell: ([, a]) => (a.startAfter || []).join(', ') },
        { title: 'Targets', cell: ([, a]) => Object.values(a.targets || {}).join(', ') },
      ], Object.entries(t.actions), { id: 'template-actions' }),
      h('h2', {}, 'Targets'),
      table([
        { title: 'Name', cell: ([n]) => n },
        { title: 'Resource type', cell: ([, x]) => x.resourceType },
        { title: 'Resource tags', cell: ([, x]) => Object.entries(x.resourceTags || {}).map(([k, v]) => `${k}=${v}`).join(', ') },
        { title: 'Filters', cell: ([, x]) => (x.filters || []).map((f) => `${f.path} in ${f.values.join('|')}`).join(', ') },
        { title: 'Resource ARNs', cell: ([, x]) => (x.resourceArns || []).join(', ') },
        { title: 'Selection mode', cell: ([, x]) => x.selectionMode },
      ], Object.entries(t.targets), { id: 'template-targets' }),
      h('h2', {}, 'JSON'), h('pre', {}, JSON.stringify(t, null, 2)));
  }
  await load();
  ctx.watch(['templates'], load);
}

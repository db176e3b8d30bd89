// Experiments: the list, and one experiment live: state of every action, a timeline, the
// resolved targets, stop-condition alarms, load balancers' health and traffic, the log, the report.
import { api } from '../api.js';
import { h, table, badge, time, errorBox, confirmAction } from '../ui.js';
import { lineChart, timeline } from '../chart.js';

const ACTIVE = ['pending', 'initiating', 'running', 'stopping'];

export async function list(view, ctx) {
  const body = h('div');
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, 'Experiments')), body);
  async function load() {
    const { experiments } = await api('experiments');
    body.replaceChildren(table([
      { title: 'ID', cell: (e) => h('a', { href: `#/experiments/${e.id}` }, e.id) },
      { title: 'Template', cell: (e) => h('a', { href: `#/templates/${e.experimentTemplateId}` }, e.experimentTemplateId) },
      { title: 'State', cell: (e) => badge(e.state.status) },
      { title: 'Reason', cell: (e) => e.state.reason },
      { title: 'Started', cell: (e) => time(e.startTime) },
    ], [...experiments].reverse(), { id: 'experiments' }));
  }
  await load();
  ctx.watch(['experiments'], load);
}

export async function detail(view, ctx, id) {
  const message = h('div');
  const head = h('section', { class: 'panel', id: 'experiment-state' });
  const actions = h('div');
  const chart = h('section', { class: 'panel', id: 'timeline' });
  const targets = h('div');
  const live = h('div');
  const log = h('div');
  const stop = async () => {
    if (!await confirmAction({ title: 'Stop experiment', text: `Stop ${id}? Running actions are cancelled.`, ok: 'Stop experiment' })) return;
    try { await api(`experiments/${id}/stop`, { method: 'POST' }); } catch (e) { message.replaceChildren(errorBox(e)); }
  };
  const stopButton = h('button', { class: 'danger', id: 'stop-experiment', onclick: stop }, 'Stop experiment');
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, `Experiment ${id}`),
    h('a', { href: `/_faultbox/experiments/${id}/report.html`, target: '_blank', id: 'report-link' }, 'HTML report'), stopButton),
  message, head, h('h2', {}, 'Actions'), actions, h('h2', {}, 'Timeline'), chart,
  h('h2', {}, 'Resolved targets'), targets, h('h2', {}, 'Stop conditions and load balancers'), live, h('h2', {}, 'Log'), log);

  async function load() {
    const [{ experiment: e, log: entries = [] }, l] = await Promise.all([api(`experiments/${id}`), api(`experiments/${id}/live`)]);
    const active = ACTIVE.includes(e.state.status);
    stopButton.disabled = !active;
    head.replaceChildren(h('p', {}, h('b', {}, 'State: '), badge(e.state.status), ' ', h('span', { class: 'reason' }, e.state.reason)),
      h('p', {}, h('b', {}, 'Template: '), h('a', { href: `#/templates/${e.experimentTemplateId}` }, e.experimentTemplateId),
        ' · ', h('b', {}, 'Started: '), time(e.startTime), e.endTime ? [' · ', h('b', {}, 'Ended: '), time(e.endTime)] : ''));
    const rows = Object.entries(e.actions).sort((a, b) => (a[1].startTime ?? 1e12) - (b[1].startTime ?? 1e12));
    actions.replaceChildren(table([
      { title: 'Action', cell: ([n]) => n },
      { title: 'Type', cell: ([, a]) => a.actionId },
      { title: 'State', cell: ([, a]) => badge(a.state.status) },
      { title: 'Reason', cell: ([, a]) => a.state.reason },
      { title: 'Start', cell: ([, a]) => time(a.startTime) },
      { title: 'End', cell: ([, a]) => time(a.endTime) },
    ], rows, { id: 'experiment-actions' }));
    const now = active ? l.labTime : (e.endTime ?? l.labTime);
    chart.replaceChildren(timeline(rows.map(([n, a]) => ({ name: n, start: a.startTime, end: a.endTime, status: a.state.status })),
      { from: e.startTime, now }));
    const resolved = entries.filter((x) => x.log_type === 'target-resolution-end');
    targets.replaceChildren(table([
      { title: 'Target', cell: (x) => x.details.target_name },
      { title: 'Type', cell: (x) => x.details.target_type },
      { title: 'Resources', cell: (x) => (x.details.resolved_targets || []).map((r) => r.arn.split('/').pop()).join(', ') },
    ], resolved, { id: 'resolved-targets' }));
    live.replaceChildren(
      table([{ title: 'Alarm', cell: (a) => h('a', { href: `#/alarms/${encodeURIComponent(a.name)}` }, a.name) },
        { title: 'State', cell: (a) => badge(a.state) }], l.alarms),
      ...l.balancers.map((b) => h('section', { class: 'panel' },
        h('p', {}, h('b', {}, b.name), ` · healthy ${b.healthy}${b.desired === null ? '' : ` of ${b.desired} desired`} · unhealthy ${b.unhealthy ?? 0}`),
        lineChart({ label: `${b.name} requests per second`,
          series: [{ points: b.seconds.map((x) => [x.t, x.requests]) }, { cls: 'failed', points: b.seconds.map((x) => [x.t, x.failed]) }] }),
        h('p', { class: 'muted' }, 'Requests per second (blue) and failed requests (red).'))));
    log.replaceChildren(table([
      { title: 'Time', cell: (x) => time(x.event_timestamp) },
      { title: 'Type', cell: (x) => x.log_type },
      { title: 'Details', cell: (x) => JSON.stringify(x.details) },
    ], entries, { id: 'experiment-log' }));
    return active;
  }
  await load();
  // Live: on any change of experiments, and every second while it runs (traffic, timeline).
  let running = true;
  ctx.watch(['experiments'], async () => { running = await load(); });
  ctx.watch(['second'], async () => { if (running) running = await load(); });
}

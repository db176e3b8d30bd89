// CloudWatch alarms: states, and per alarm a live graph of its metric against the threshold and
// its history.
import { api } from '../api.js';
import { h, table, badge, time } from '../ui.js';
import { lineChart } from '../chart.js';

export async function list(view, ctx) {
  const body = h('div');
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, 'Alarms')), body);
  async function load() {
    const { MetricAlarms } = await api('alarms');
    body.replaceChildren(table([
      { title: 'Name', cell: (a) => h('a', { href: `#/alarms/${encodeURIComponent(a.AlarmName)}` }, a.AlarmName) },
      { title: 'State', cell: (a) => badge(a.StateValue) },
      { title: 'Conditions', cell: (a) => `${a.MetricName} ${a.Statistic} ${a.ComparisonOperator} ${a.Threshold} for ${a.DatapointsToAlarm} of ${a.EvaluationPeriods} × ${a.Period} s` },
      { title: 'Since', cell: (a) => time(a.StateUpdatedTimestamp) },
    ], MetricAlarms, { id: 'alarms' }));
  }
  await load();
  ctx.watch(['alarms'], load);
}

export async function detail(view, ctx, name) {
  const head = h('div');
  const graph = h('section', { class: 'panel', id: 'alarm-graph' });
  const history = h('div');
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, name)), head, graph, h('h2', {}, 'History'), history);
  async function loadGraph() {
    const d = await api(`alarms/${encodeURIComponent(name)}/datapoints`);
    const now = Date.parse(d.Now) / 1000;
    const points = d.Datapoints.map((p) => [Date.parse(p.Timestamp) / 1000, p.Value]);
    graph.replaceChildren(h('p', {}, `${d.Namespace} ${d.MetricName} (${d.Statistic} per ${d.Period} s) `, badge(d.StateValue)),
      lineChart({ series: [{ points }], threshold: d.Threshold, from: now - d.Period * 30, to: now, label: d.MetricName }));
  }
  async function load() {
    const { MetricAlarms } = await api('alarms');
    const a = MetricAlarms.find((x) => x.AlarmName === name);
    if (!a) throw new Error(`No alarm ${name}`);
    head.replaceChildren(h('p', {}, badge(a.StateValue), ' ', a.StateReason || ''), h('p', { class: 'muted' }, a.AlarmDescription || ''));
    history.replaceChildren(table([
      { title: 'Time', cell: (x) => time(x.Timestamp) },
      { title: 'Type', cell: (x) => x.HistoryItemType },
      { title: 'Summary', cell: (x) => x.HistorySummary },
    ], [...(a.History || [])].sort((x, y) => y.Timestamp.localeCompare(x.Timestamp))));
  }
  await Promise.all([load(), loadGraph()]);
  ctx.watch(['alarms'], load);
  ctx.watch(['second'], loadGraph);
}

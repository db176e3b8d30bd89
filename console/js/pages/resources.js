// Instances (filters, stop/start/terminate), Auto Scaling groups and load balancers.
import { api } from '../api.js';
import { h, table, badge, time, errorBox, confirmAction } from '../ui.js';

const tagText = (tags) => Object.entries(tags || {})
  .filter(([k]) => !k.startsWith('aws:')).map(([k, v]) => `${k}=${v}`).join(', ');

export async function instances(view, ctx) {
  const filter = { tag: '', state: '', az: '' };
  const body = h('div');
  const message = h('div');
  const tagInput = h('input', { id: 'filter-tag', placeholder: 'Panda=funky or funky', oninput: (e) => { filter.tag = e.target.value; draw(); } });
  const stateSelect = h('select', { id: 'filter-state', onchange: (e) => { filter.state = e.target.value; draw(); } },
    ['', 'pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'].map((s) => h('option', { value: s }, s || 'any state')));
  const azSelect = h('select', { id: 'filter-az', onchange: (e) => { filter.az = e.target.value; draw(); } }, h('option', { value: '' }, 'any AZ'));
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, 'Instances')),
    h('div', { class: 'row' }, h('label', {}, h('span', {}, 'Tag'), tagInput),
      h('label', {}, h('span', {}, 'State'), stateSelect), h('label', {}, h('span', {}, 'Availability Zone'), azSelect)),
    message, body);
  let list = [];

  const matches = (i) => {
    if (filter.state && i.State.Name !== filter.state) return false;
    if (filter.az && i.AvailabilityZone !== filter.az) return false;
    if (!filter.tag) return true;
    const [k, v] = filter.tag.includes('=') ? filter.tag.split('=', 2) : [null, filter.tag];
    return Object.entries(i.Tags || {}).some(([tk, tv]) =>
      k === null ? tv.includes(v) || tk.includes(v) : tk === k.trim() && tv.includes(v.trim()));
  };
  const act = async (i, action) => {
    const ok = await confirmAction({ title: `${action[0].toUpperCase() + action.slice(1)} instance?`,
      text: `${action} ${i.InstanceId} (${tagText(i.Tags)})`, ok: action });
    if (!ok) return;
    try { await api(`instances/${i.InstanceId}/${action}`, { method: 'POST' }); message.replaceChildren(); }
    catch (e) { message.replaceChildren(errorBox(e)); }
    await load();
  };
  function draw() {
    body.replaceChildren(table([
      { title: 'Instance', cell: (i) => i.InstanceId },
      { title: 'Name', cell: (i) => (i.Tags || {}).Name || '' },
      { title: 'State', cell: (i) => badge(i.State.Name) },
      { title: 'AZ', cell: (i) => i.AvailabilityZone },
      { title: 'Private IP', cell: (i) => i.PrivateIpAddress },
      { title: 'Tags', cell: (i) => tagText(i.Tags) },
      { title: 'Launched', cell: (i) => time(i.LaunchTime) },
      { title: '', cell: (i) => h('span', { class: 'row' },
        i.State.Name === 'stopped' ? h('button', { onclick: () => act(i, 'start') }, 'Start')
          : h('button', { disabled: i.State.Name !== 'running', onclick: () => act(i, 'stop') }, 'Stop'),
        h('button', { class: 'danger', disabled: i.State.Name === 'terminated', onclick: () => act(i, 'terminate') }, 'Terminate')) },
    ], list.filter(matches), { id: 'instances' }));
  }
  async function load() {
    list = await api('instances');
    const zones = [...new Set(list.map((i) => i.AvailabilityZone))].sort();
    if (azSelect.options.length !== zones.length + 1) {
      azSelect.replaceChildren(h('option', { value: '' }, 'any AZ'), ...zones.map((z) => h('option', { value: z }, z)));
      azSelect.value = filter.az;
    }
    draw();
  }
  await load();
  ctx.watch(['instances'], load);
}

export async function groups(view, ctx) {
  const body = h('div');
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, 'Auto Scaling groups')), body);
  async function load() {
    const list = await api('groups');
    body.replaceChildren(...list.map((g) => h('section', { class: 'panel' },
      h('h2', {}, g.AutoScalingGroupName),
      h('p', {}, `Desired ${g.DesiredCapacity} · min ${g.MinSize} · max ${g.MaxSize} · instances ${g.Instances.length} · `,
        `AZs ${g.AvailabilityZones.join(', ')} · health check ${g.HealthCheckType} · load balancers ${(g.LoadBalancerNames || []).join(', ')}`),
      h('h3', {}, 'Activity'),
      table([
        { title: 'Start', cell: (a) => time(a.StartTime) },
        { title: 'Description', cell: (a) => a.Description },
        { title: 'Cause', cell: (a) => a.Cause },
      ], [...(g.Activities || [])].reverse().slice(0, 30)))));
    if (!list.length) body.append(h('p', { class: 'muted' }, 'No groups: apply a stack first.'));
  }
  await load();
  ctx.watch(['groups'], load);
}

export async function balancers(view, ctx) {
  const body = h('div');
  view.append(h('div', { class: 'toolbar' }, h('h1', {}, 'Load balancers')), body);
  async function load() {
    const list = await api('lbs');
    body.replaceChildren(...list.map((b) => h('section', { class: 'panel' },
      h('h2', {}, b.LoadBalancerName),
      h('p', {}, `DNS name ${b.DNSName} · health check ${b.HealthCheck.Target} every ${b.HealthCheck.Interval} s`),
      table([
        { title: 'Instance', cell: (i) => i.InstanceId },
        { title: 'State', cell: (i) => badge(i.State) },
        { title: 'Reason', cell: (i) => i.ReasonCode },
        { title: 'Description', cell: (i) => i.Description },
      ], b.InstanceHealth, { class: 'health' }))));
    if (!list.length) body.append(h('p', { class: 'muted' }, 'No load balancers: apply a stack first.'));
  }
  try { await load(); } catch (e) { view.append(errorBox(e)); }
  ctx.watch(['lbs'], load);
}

// Small DOM helpers shared by the pages: an element builder, tables, state badges, times and
// the typed confirmation the AWS console asks for before creating or starting.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function table(columns, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c.title)))),
    h('tbody', {}, rows.length
      ? rows.map((r) => h('tr', {}, columns.map((c) => h('td', {}, c.cell(r)))))
      : h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, 'Nothing to show'))));
}

export const badge = (state) => h('span', { class: `state ${state}` }, state);

// Epoch seconds (FIS) or ISO text (EC2, CloudWatch) → local time of day.
export function time(t) {
  if (t === undefined || t === null || t === '') return '';
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t);
  return d.toLocaleString();
}

export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e.message || String(e));
}

// Resolves true when confirmed; with `word`, only once it has been typed.
export function confirmAction({ title, text, word, ok = 'Confirm' }) {
  const dialog = document.getElementById('confirm');
  dialog.querySelector('.title').textContent = title;
  dialog.querySelector('.text').textContent = text || '';
  const row = dialog.querySelector('.word-row');
  const input = dialog.querySelector('.word-input');
  const button = dialog.querySelector('.ok');
  button.textContent = ok;
  row.hidden = !word;
  dialog.querySelector('.word').textContent = word || '';
  input.value = '';
  button.disabled = !!word;
  input.oninput = () => { button.disabled = input.value.trim() !== word; };
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

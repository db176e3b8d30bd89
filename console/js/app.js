// The console's entry: hash routes (#/instances, #/templates/<id>, ...) to pages, and the live
// connection that lets pages refresh what changed.
import { startLive, onChange } from './live.js';
import { errorBox, h } from './ui.js';
import { api, currentRegion, chooseRegion } from './api.js';
import * as resources from './pages/resources.js';
import * as alarms from './pages/alarms.js';
import * as templates from './pages/templates.js';
import * as templateForm from './pages/template_form.js';
import * as experiments from './pages/experiments.js';
import * as lambda from './pages/lambda.js';

const routes = [
  [/^instances$/, resources.instances],
  [/^groups$/, resources.groups],
  [/^lbs$/, resources.balancers],
  [/^alarms$/, alarms.list],
  [/^alarms\/(.+)$/, alarms.detail],
  [/^templates$/, templates.list],
  [/^templates\/new$/, templateForm.create],
  [/^templates\/([^/]+)\/edit$/, templateForm.update],
  [/^templates\/([^/]+)$/, templates.detail],
  [/^experiments$/, experiments.list],
  [/^experiments\/([^/]+)$/, experiments.detail],
  [/^lambda$/, lambda.list],
  [/^lambda\/(.+)$/, lambda.detail],
];

let disposers = [];

async function show() {
  disposers.forEach((d) => d());
  disposers = [];
  const path = location.hash.replace(/^#\/?/, '') || 'experiments';
  const view = document.getElementById('view');
  view.replaceChildren();
  for (const a of document.querySelectorAll('header nav a')) {
    a.classList.toggle('current', path.startsWith(a.getAttribute('href').slice(2)));
  }
  const ctx = { watch: (areas, fn) => disposers.push(onChange(areas, fn)) };
  for (const [pattern, page] of routes) {
    const m = path.match(pattern);
    if (m) {
      try {
        await page(view, ctx, ...m.slice(1).map(decodeURIComponent));
      } catch (e) {
        view.append(errorBox(e));
      }
      return;
    }
  }
  view.append(errorBox(new Error(`No page ${path}`)));
}

// The region picker: the lab's regions, the last choice kept in the browser.
async function setUpRegions() {
  const select = document.getElementById('region');
  const { default: fallback, regions } = await api('regions');
  const chosen = regions.includes(currentRegion()) ? currentRegion() : fallback;
  chooseRegion(chosen);
  select.replaceChildren(...regions.map((r) => h('option', { value: r, selected: r === chosen }, r)));
  select.onchange = () => { chooseRegion(select.value); show(); };
}

window.addEventListener('hashchange', show);
await setUpRegions().catch(() => {});
startLive(document.getElementById('live'));
show();

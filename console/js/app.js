// The console's entry: hash routes (#/instances, #/templates/<id>, ...) to pages, and the live
// connection that lets pages refresh what changed.
import { startLive, onChange } from './live.js';
import { errorBox } from './ui.js';
import * as resources from './pages/resources.js';
import * as alarms from './pages/alarms.js';
import * as templates from './pages/templates.js';
import * as templateForm from './pages/template_form.js';
import * as experiments from './pages/experiments.js';

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

window.addEventListener('hashchange', show);
startLive(document.getElementById('live'));
show();

// The region the console shows (templates, experiments, alarms, logs); "" is the lab's default.
export function currentRegion() {
  return localStorage.getItem('faultbox.region') || '';
}

export function chooseRegion(region) {
  localStorage.setItem('faultbox.region', region);
}

// The token the lab put in this page: its routes that change something ask for it, so that
// another site's page cannot act through the lab (src/lab/request_guard.h).
const token = document.querySelector('meta[name="faultbox-token"]')?.content || '';

// The lab's JSON API (/_faultbox/...): errors become exceptions with FIS's/AWS's message.
export async function api(path, { method = 'GET', body } = {}) {
  const region = currentRegion();
  if (region) path += (path.includes('?') ? '&' : '?') + 'region=' + encodeURIComponent(region);
  const init = { method, headers: method === 'GET' ? {} : { 'x-faultbox-token': token } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const res = await fetch('/_faultbox/' + path, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : {};
  if (!res.ok) {
    throw new Error(`${data.__type || res.status}: ${data.message || text}`);
  }
  return data;
}

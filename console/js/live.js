// Server-sent events from the lab (/_faultbox/events): a digest per area of the lab, sent when
// something changes (checked every 250 ms) and once a second as a heartbeat. Pages name the
// areas they show; they refresh when one of those changed.
const listeners = new Set();
let last = {};

export function startLive(indicator) {
  const source = new EventSource('/_faultbox/events');
  source.onopen = () => { indicator.textContent = 'live'; indicator.classList.add('on'); };
  source.onerror = () => { indicator.textContent = 'reconnecting'; indicator.classList.remove('on'); };
  source.onmessage = (event) => {
    const digest = JSON.parse(event.data);
    const changed = new Set(Object.keys(digest).filter((k) => digest[k] !== last[k]));
    last = digest;
    for (const l of listeners) {
      if (l.areas.some((a) => changed.has(a))) l.run();
    }
  };
}

// Calls `refresh` when one of `areas` changes ("second" = every second); never two at once.
export function onChange(areas, refresh) {
  let busy = false;
  let again = false;
  const listener = {
    areas,
    async run() {
      if (busy) { again = true; return; }
      busy = true;
      try { await refresh(); } catch (e) { console.warn(e); }
      busy = false;
      if (again) { again = false; listener.run(); }
    },
  };
  listeners.add(listener);
  return () => listeners.delete(listener);
}

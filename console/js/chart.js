// SVG charts drawn from data, no library: a line chart with a threshold, and an action timeline.
const NS = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

// series: [{points: [[tSeconds, value]], cls}]; threshold: a number or undefined.
export function lineChart({ series, threshold, from, to, width = 640, height = 180, label = '' }) {
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
  const left = 40, right = 10, top = 10, bottom = 22;
  const all = series.flatMap((x) => x.points);
  // Lab time runs faster than the browser's clock: the range comes from the data or the caller.
  const t0 = from ?? (all.length ? Math.min(...all.map((p) => p[0])) : 0);
  const t1 = to ?? (all.length ? Math.max(...all.map((p) => p[0]), t0 + 1) : t0 + 60);
  const max = Math.max(1, threshold ?? 0, ...all.map((p) => p[1])) * 1.15;
  const x = (t) => left + ((t - t0) / Math.max(1, t1 - t0)) * (width - left - right);
  const y = (v) => top + (1 - v / max) * (height - top - bottom);
  svg.append(s('line', { x1: left, x2: left, y1: top, y2: height - bottom, stroke: '#ccc' }));
  svg.append(s('line', { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, stroke: '#ccc' }));
  svg.append(s('text', { x: left - 4, y: top + 8, 'text-anchor': 'end' }, Math.round(max)));
  svg.append(s('text', { x: left - 4, y: height - bottom, 'text-anchor': 'end' }, 0));
  svg.append(s('text', { x: left, y: height - 6 }, new Date(t0 * 1000).toLocaleTimeString()));
  svg.append(s('text', { x: width - right, y: height - 6, 'text-anchor': 'end' }, new Date(t1 * 1000).toLocaleTimeString()));
  if (threshold !== undefined) {
    svg.append(s('line', { class: 'threshold', x1: left, x2: width - right, y1: y(threshold), y2: y(threshold) }));
    svg.append(s('text', { x: width - right, y: y(threshold) - 3, 'text-anchor': 'end' }, `threshold ${threshold}`));
  }
  for (const line of series) {
    if (!line.points.length) continue;
    const d = line.points.map((p, i) => `${i ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
    svg.append(s('path', { class: `line ${line.cls || ''}`, d }));
  }
  return svg;
}

// actions: [{name, start, end, status}] in epoch seconds (end undefined = still going).
export function timeline(actions, { from, now, width = 640 }) {
  const row = 22, left = 130, right = 10;
  const height = actions.length * row + 24;
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'timeline' });
  const ends = actions.map((a) => a.end ?? now);
  const t1 = Math.max(now, ...ends, from + 1);
  const x = (t) => left + ((t - from) / (t1 - from)) * (width - left - right);
  actions.forEach((a, i) => {
    const yy = i * row + 4;
    svg.append(s('text', { x: 4, y: yy + 13 }, a.name));
    if (a.start !== undefined) {
      const w = Math.max(2, x(a.end ?? now) - x(a.start));
      svg.append(s('rect', { class: `bar ${a.status}`, x: x(a.start), y: yy, width: w, height: row - 6, rx: 3 }));
    }
  });
  svg.append(s('text', { x: left, y: height - 4 }, '0 s'));
  svg.append(s('text', { x: width - right, y: height - 4, 'text-anchor': 'end' }, `${Math.round(t1 - from)} s`));
  return svg;
}

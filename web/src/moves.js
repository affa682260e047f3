// "Who moved" as a chart per issue: an SVG timeline (no library) with one colour per actor.
// Each shift is an arrow at its date from the old to the new position; an actor's shifts are
// joined by a dashed line. Text reaches the SVG through textContent only.
import {el} from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 200;
const MARGIN = {left: 36, right: 16, top: 12, bottom: 28};
// Colour-blind-safe (Okabe–Ito), then greys: actors beyond eight share the grey.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000',
  '#F0E442'];

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children) {
    if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function day(date) {
  const [year, month, dayOfMonth] = String(date).split('-').map(Number);
  return Date.UTC(year, (month || 1) - 1, dayOfMonth || 1) / 86400000;
}

// actorIndex: position of the actor in the scenario, for a stable colour.
export function actorColour(actorIndex) {
  return actorIndex >= 0 && actorIndex < PALETTE.length ? PALETTE[actorIndex] : '#888888';
}

// `shifts` of one issue, any order; returns a <figure> with the chart and its legend.
export function movesChart(issue, shifts, actorIds, actorName) {
  const sorted = [...shifts].sort((a, b) => (a.date || '').localeCompare(b.date || ''));
  const days = sorted.map((shift) => day(shift.date));
  const first = Math.min(...days) - 3;
  const last = Math.max(...days) + 3;
  const x = (date) => MARGIN.left + (day(date) - first) / (last - first) * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (position) => MARGIN.top + (100 - position) / 100 * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const colourOf = (actor) => actorColour(actorIds.indexOf(actor));

  const chart = svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'moves-chart',
    'aria-label': `Position shifts on ${issue.name} over time`});
  for (const tick of [0, 25, 50, 75, 100]) {
    chart.appendChild(svg('line', {x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick),
      class: 'grid'}));
    chart.appendChild(svg('text', {x: MARGIN.left - 6, y: y(tick) + 4, class: 'tick', 'text-anchor': 'end'},
        String(tick)));
  }
  const firstDate = sorted[0].date;
  const lastDate = sorted[sorted.length - 1].date;
  chart.appendChild(svg('text', {x: x(firstDate), y: HEIGHT - 8, class: 'tick', 'text-anchor': 'middle'},
      firstDate));
  if (lastDate !== firstDate) {
    chart.appendChild(svg('text', {x: x(lastDate), y: HEIGHT - 8, class: 'tick', 'text-anchor': 'middle'},
        lastDate));
  }
  const previous = new Map();
  for (const shift of sorted) {
    const colour = colourOf(shift.actor);
    const before = previous.get(shift.actor);
    if (before) {
      chart.appendChild(svg('line', {x1: x(before.date), y1: y(before.to), x2: x(shift.date), y2: y(shift.from),
        stroke: colour, class: 'between'}));
    }
    previous.set(shift.actor, shift);
    const move = svg('g', {class: 'move', 'data-actor': shift.actor, 'data-date': shift.date},
        svg('title', {}, `${actorName(shift.actor)}: ${shift.from} → ${shift.to} on ${shift.date}`),
        svg('line', {x1: x(shift.date), y1: y(shift.from), x2: x(shift.date), y2: y(shift.to),
          stroke: colour, class: 'arrow'}),
        svg('circle', {cx: x(shift.date), cy: y(shift.from), r: 3, fill: '#fff', stroke: colour}),
        svg('circle', {cx: x(shift.date), cy: y(shift.to), r: 4.5, fill: colour}));
    chart.appendChild(move);
  }
  const movers = [...new Set(sorted.map((shift) => shift.actor))];
  return el('figure', {class: 'moves', 'data-testid': `moves-${issue.id}`},
      el('figcaption', {}, el('strong', {}, issue.name), ' — ',
          movers.map((actor) => {
            const swatch = el('span', {class: 'swatch', 'aria-hidden': 'true'});
            swatch.style.background = colourOf(actor);
            return el('span', {class: 'mover'}, swatch, actorName(actor));
          })),
      chart);
}

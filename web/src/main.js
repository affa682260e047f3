// parley's report and live dashboard. The page carries the analysis snapshot
// (docs/report-data.md) as JSON in <script id="parley-data">; in live mode
// (<script id="parley-config"> says {"live": true}) it also asks the server for what-if forecasts.
import {bandChart, roundsChart, updateBandChart, updateRoundsChart} from './charts.js';
import {append, clear, el, formatNumber, link} from './dom.js';
import {movesChart} from './moves.js';
import {legendGradient, positionColour, textColourOn} from './scale.js';
import {overrideLine, recentNotes, teamNotes, watchGeneration} from './team.js';

const data = JSON.parse(document.getElementById('parley-data').textContent);
const config = JSON.parse(document.getElementById('parley-config').textContent);

const actors = data.scenario.actors;
const issues = data.scenario.issues;
const actorById = new Map(actors.map((actor) => [actor.id, actor]));
const issueById = new Map(issues.map((issue) => [issue.id, issue]));
// The positions shown: the analysis's, or (live mode) those as of a date the analyst picked.
const latestPositions = data.positions;
let cellByKey = cellsOf(data.positions);
const articleByDoc = new Map((data.articles || []).map((article) => [article.doc, article]));

// What-if state (live mode): analyst overrides and the forecasts they produced.
const whatIf = {cells: new Map(), capabilities: new Map(), sequence: 0};
let shownForecasts = data.forecasts;
let selectedKey = null;

function cellKey(actor, issue) {
  return `${actor}|${issue}`;
}

function cellsOf(positions) {
  return new Map(positions.cells.map((cell) => [cellKey(cell.actor, cell.issue), cell]));
}

function actorName(id) {
  return actorById.get(id)?.name ?? id;
}

function issueName(id) {
  return issueById.get(id)?.name ?? id;
}

// The label of the scale anchor nearest to a position: "70 (aspiration dropped for guarantees)".
function anchorLabel(issueId, position) {
  const anchors = issueById.get(issueId)?.anchors ?? [];
  let best = null;
  for (const anchor of anchors) {
    if (!best || Math.abs(anchor.at - position) < Math.abs(best.at - position)) best = anchor;
  }
  return best ? best.label : '';
}

function section(id, title, ...children) {
  return el('section', {id, 'aria-labelledby': `${id}-title`},
      el('h2', {id: `${id}-title`}, title), ...children);
}

// ---- Heat map ----

function heatMap() {
  const head = el('tr', {}, el('th', {scope: 'col'}, 'Actor'),
      issues.map((issue) => el('th', {scope: 'col', title: issue.question || ''}, issue.name)));
  const rows = actors.map((actor) => el('tr', {},
      el('th', {scope: 'row'}, actor.name, ' ', el('span', {class: 'code'}, actor.id)),
      issues.map((issue) => heatCell(actor, issue))));
  return el('div', {class: 'heatmap-wrap'},
      el('table', {class: 'heatmap', 'data-testid': 'heatmap'},
          el('caption', {}, 'Positions of each actor on each issue (0–100). Select a cell for its evidence.'),
          el('thead', {}, head), el('tbody', {}, rows)),
      legend());
}

function heatCell(actor, issue) {
  const cell = cellByKey.get(cellKey(actor.id, issue.id));
  if (!cell) {
    return el('td', {class: 'empty', title: `${actor.name} has no stance on ${issue.name}`},
        el('span', {'aria-label': 'no stance'}, '·'));
  }
  const button = el('button', {
    type: 'button',
    class: `cell basis-${cell.basis}`,
    'aria-label': `${actor.name} on ${issue.name}: ${formatNumber(cell.position)}`,
    'data-actor': actor.id,
    'data-issue': issue.id,
    onclick: () => selectCell(actor.id, issue.id),
  }, formatNumber(cell.position), cell.basis === 'prior' ? el('sup', {}, 'p') : null,
      cell.basis === 'override' ? el('sup', {}, 'o') : null);
  button.style.background = positionColour(cell.position);
  button.style.color = textColourOn(cell.position);
  return el('td', {}, button);
}

function legend() {
  const bar = el('div', {class: 'legend-bar', role: 'img',
    'aria-label': 'colour scale from blue at 0 through yellow at 50 to red at 100'});
  bar.style.background = legendGradient();
  return el('figure', {class: 'legend'},
      el('figcaption', {}, 'Colour scale: position on the issue\'s 0–100 scale. ',
          'Each column\'s ends are named in its header tooltip and in the cell details. ',
          el('sup', {}, 'p'), ' = scenario prior, no evidence yet; ',
          el('sup', {}, 'o'), ' = an analyst\'s override.'),
      bar,
      el('div', {class: 'legend-ticks', 'aria-hidden': 'true'},
          [0, 25, 50, 75, 100].map((tick) => el('span', {}, String(tick)))));
}

// ---- Positions as of a date (live mode: the server rolls later evidence back) ----

function showPositions(positions) {
  data.positions = positions;
  cellByKey = cellsOf(positions);
  document.getElementById('heatmap-host').replaceChildren(heatMap());
  document.getElementById('positions-as-of').textContent = positions.as_of || 'unknown';
  if (selectedKey) selectCell(...selectedKey.split('|'));
}

async function requestPositionsAsOf(date) {
  const status = document.getElementById('as-of-status');
  if (!date) {
    showPositions(latestPositions);
    status.textContent = '';
    return;
  }
  try {
    const response = await fetch(`api/positions?as_of=${encodeURIComponent(date)}`);
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
    showPositions(answer);
    status.textContent = `Positions as they stood at the end of ${date}; the forecasts stay those of the latest evidence.`;
  } catch (error) {
    status.textContent = `Could not load positions as of ${date}: ${error.message}`;
  }
}

function dateControl() {
  const input = el('input', {type: 'date', id: 'as-of', 'data-testid': 'as-of',
    value: latestPositions.as_of || '', max: latestPositions.as_of || undefined,
    onchange: (event) => requestPositionsAsOf(event.target.value)});
  return el('div', {class: 'as-of'},
      el('label', {for: 'as-of'}, 'Positions as of '), input, ' ',
      el('button', {type: 'button', onclick: () => {
        input.value = latestPositions.as_of || '';
        requestPositionsAsOf('');
      }}, 'Latest'),
      el('p', {id: 'as-of-status', class: 'hint', role: 'status'}));
}

// ---- Cell details, with the what-if sliders in live mode ----

function selectCell(actorId, issueId) {
  selectedKey = cellKey(actorId, issueId);
  for (const button of document.querySelectorAll('.heatmap .cell')) {
    button.setAttribute('aria-pressed',
        String(cellKey(button.dataset.actor, button.dataset.issue) === selectedKey));
  }
  renderDetails();
}

function renderDetails() {
  const panel = clear(document.getElementById('details'));
  const cell = cellByKey.get(selectedKey);
  if (!cell) {
    append(panel, [el('p', {class: 'hint'}, 'Select a cell of the heat map to see its evidence.')]);
    return;
  }
  const issue = issueById.get(cell.issue);
  const first = issue?.anchors?.[0];
  const last = issue?.anchors?.[issue.anchors.length - 1];
  append(panel, [
      el('h3', {}, `${actorName(cell.actor)} on ${issueName(cell.issue)}`),
      el('dl', {class: 'facts'},
          el('dt', {}, 'Position'), el('dd', {'data-testid': 'detail-position'},
              `${formatNumber(cell.position)} — ${anchorLabel(cell.issue, cell.position)}`),
          el('dt', {}, 'Range'), el('dd', {}, `${formatNumber(cell.low)}–${formatNumber(cell.high)}`),
          el('dt', {}, 'Salience'), el('dd', {}, formatNumber(cell.salience)),
          el('dt', {}, 'Basis'), el('dd', {}, `${cell.basis}, ${cell.statements ?? 0} statement(s)`),
          overrideLine(cell),
          first && last ? [el('dt', {}, 'Scale'),
            el('dd', {}, `0 = ${first.label}; 100 = ${last.label}`)] : null),
      config.live ? whatIfControls(cell) : null,
      config.live && config.annotations ? teamNotes(cell) : null,
      el('h4', {}, 'Evidence'),
      evidenceList(cell.evidence || [])]);
}

function evidenceList(evidence) {
  if (evidence.length === 0) {
    return el('p', {class: 'hint'}, 'No evidence sentence: this cell comes from the scenario prior.');
  }
  return el('ol', {class: 'evidence', 'data-testid': 'evidence'}, evidence.map((item) => {
    const article = articleByDoc.get(item.doc);
    return el('li', {},
        el('blockquote', {}, item.text),
        el('p', {class: 'source'}, item.outlet || article?.outlet || 'unknown outlet', ', ',
            el('time', {datetime: item.date || ''}, item.date || 'undated'), ' — ',
            link(item.url || article?.url, article?.title || item.url || item.doc)));
  }));
}

function whatIfControls(cell) {
  const override = whatIf.cells.get(selectedKey) || {};
  const capability = whatIf.capabilities.get(cell.actor) ?? actorById.get(cell.actor)?.capability;
  const slider = (name, label, value, apply) => {
    const id = `whatif-${name}`;
    const output = el('output', {for: id, id: `${id}-value`}, formatNumber(value));
    const input = el('input', {type: 'range', id, min: 0, max: 100, step: 1, value,
      'data-testid': id,
      oninput: (event) => {
        const number = Number(event.target.value);
        output.textContent = formatNumber(number);
        apply(number);
        requestWhatIf();
      }});
    return el('div', {class: 'slider'}, el('label', {for: id}, label), input, output);
  };
  const update = (field) => (number) => {
    const current = whatIf.cells.get(selectedKey) || {actor: cell.actor, issue: cell.issue};
    current[field] = number;
    whatIf.cells.set(selectedKey, current);
  };
  return el('fieldset', {class: 'whatif'},
      el('legend', {}, 'What if…'),
      slider('position', 'Position', override.position ?? cell.position, update('position')),
      slider('salience', 'Salience', override.salience ?? cell.salience, update('salience')),
      slider('capability', `Capability of ${actorName(cell.actor)}`, capability, (number) => {
        whatIf.capabilities.set(cell.actor, number);
      }),
      el('button', {type: 'button', onclick: resetWhatIf}, 'Reset all what-ifs'),
      el('p', {class: 'whatif-status', id: 'whatif-status', role: 'status'}));
}

function whatIfBody() {
  const overrides = [...whatIf.cells.values()].map((entry) => ({...entry}));
  for (const [actor, capability] of whatIf.capabilities) overrides.push({actor, capability});
  return JSON.stringify({overrides});
}

// Sends the current overrides; a newer request makes older answers stale, so a fast slider
// never shows an out-of-order forecast.
async function requestWhatIf() {
  const sequence = ++whatIf.sequence;
  const started = performance.now();
  const status = document.getElementById('whatif-status');
  try {
    const response = await fetch('api/whatif', {method: 'POST',
      headers: {'Content-Type': 'application/json'}, body: whatIfBody()});
    const answer = await response.json();
    if (sequence !== whatIf.sequence) return;
    if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
    shownForecasts = answer.forecasts;
    renderForecasts();
    const elapsed = performance.now() - started;
    document.body.dataset.whatifMs = elapsed.toFixed(1);
    if (status) status.textContent = `Re-forecast in ${elapsed.toFixed(0)} ms.`;
  } catch (error) {
    if (status && sequence === whatIf.sequence) status.textContent = `What-if failed: ${error.message}`;
  }
}

function resetWhatIf() {
  whatIf.cells.clear();
  whatIf.capabilities.clear();
  ++whatIf.sequence;
  shownForecasts = data.forecasts;
  renderForecasts();
  renderDetails();
}

// ---- Forecasts ----

// Forecast cards by issue. A what-if answer with the same issues and models updates the
// charts and tables in place, which keeps a slider move well within the 100 ms budget.
const forecastViews = new Map();

function forecastSignature(forecasts) {
  return forecasts.map((forecast) => `${forecast.model}:${Object.keys(forecast.rounds?.[0] ?? {})}`)
      .join('|');
}

function renderForecasts() {
  document.getElementById('whatif-banner').hidden =
      whatIf.cells.size + whatIf.capabilities.size === 0;
  const container = document.getElementById('forecast-list');
  for (const issue of issues) {
    const forecasts = shownForecasts.filter((forecast) => forecast.issue === issue.id);
    const signature = forecastSignature(forecasts);
    const view = forecastViews.get(issue.id);
    if (view && view.signature === signature) {
      updateForecastView(view, issue, forecasts);
      continue;
    }
    if (view) view.charts.forEach((chart) => chart.destroy());
    forecastViews.delete(issue.id);
    if (forecasts.length === 0) {
      view?.card.remove();
      continue;
    }
    const fresh = forecastCard(issue, forecasts, signature);
    if (view) {
      view.card.replaceWith(fresh.card);
    } else {
      append(container, [fresh.card]);
    }
    forecastViews.set(issue.id, fresh);
  }
}

// The headline model (the one that won out of time on past decisions) leads; * marks a forecast
// that leans on priors.
function forecastRows(issue, forecasts) {
  const ordered = [...forecasts].sort((a, b) => Number(Boolean(b.headline)) - Number(Boolean(a.headline)));
  return ordered.map((forecast) => el('tr', {class: forecast.headline ? 'headline' : ''},
      el('th', {scope: 'row'}, forecast.model, forecast.headline ? ' (headline)' : ''),
      el('td', {'data-model': forecast.model, class: 'forecast-value'},
          formatNumber(forecast.forecast, 1),
          forecast.leans_on_priors ? el('span', {title: 'leans on priors'}, '*') : null),
      el('td', {}, formatNumber(forecast.p10, 1)), el('td', {}, formatNumber(forecast.p90, 1)),
      el('td', {}, anchorLabel(issue.id, forecast.forecast))));
}

// What the headline forecast leans on and which inputs move it most.
function forecastNotes(forecasts) {
  const headline = forecasts.find((forecast) => forecast.headline);
  if (!headline) return [];
  const notes = [];
  if (headline.leans_on_priors) {
    notes.push(el('p', {class: 'hint'}, `* Leans on priors (no evidence yet) for ${
      headline.leans_on_priors.map(actorName).join(', ')}.`));
  }
  if (headline.sensitivity?.length) {
    notes.push(el('p', {class: 'sensitivity', 'data-testid': `sensitivity-${headline.issue}`},
        'Moves most with: ', headline.sensitivity.map((item) =>
          `${item.input} of ${actorName(item.actor)} (${formatNumber(item.swing, 1)} points)`).join(', '), '.'));
  }
  return notes;
}

function updateForecastView(view, issue, forecasts) {
  append(clear(view.tbody), forecastRows(issue, forecasts));
  append(clear(view.notes), forecastNotes(forecasts));
  updateBandChart(view.charts[0], forecasts);
  let next = 1;
  for (const forecast of forecasts) {
    if (forecast.rounds && forecast.rounds.length >= 2) updateRoundsChart(view.charts[next++], forecast.rounds);
  }
}

function forecastCard(issue, forecasts, signature) {
  const bandCanvas = el('canvas', {role: 'img',
    'aria-label': `Forecasts for ${issue.name} by model, with p10 to p90 bands`});
  const tbody = el('tbody', {}, forecastRows(issue, forecasts));
  const table = el('table', {class: 'numbers', 'data-testid': `forecast-${issue.id}`},
      el('thead', {}, el('tr', {}, ['model', 'forecast', 'p10', 'p90', 'nearest anchor'].map(
          (name) => el('th', {scope: 'col'}, name)))),
      tbody);
  const notes = el('div', {class: 'forecast-notes'}, forecastNotes(forecasts));
  const card = el('article', {class: 'forecast-card'},
      el('h3', {}, issue.name), issue.question ? el('p', {class: 'question'}, issue.question) : null,
      el('div', {class: 'chart band'}, bandCanvas), table, notes);
  const charts = [bandChart(bandCanvas, issue.name, forecasts)];
  for (const forecast of forecasts) {
    if (!forecast.rounds || forecast.rounds.length < 2) continue;
    const roundsCanvas = el('canvas', {role: 'img',
      'aria-label': `Positions per bargaining round under ${forecast.model} for ${issue.name}`});
    append(card, [el('h4', {}, `Bargaining rounds (${forecast.model})`),
      el('div', {class: 'chart rounds'}, roundsCanvas)]);
    charts.push(roundsChart(roundsCanvas, forecast.rounds, actorName));
  }
  return {signature, card, tbody, notes, charts};
}

// Issues that get no forecast: what evidence is missing.
function noForecastList() {
  return el('div', {class: 'forecast-list'}, (data.no_forecast || []).map((entry) =>
    el('article', {class: 'forecast-card no-forecast', 'data-testid': `no-forecast-${entry.issue}`},
        el('h3', {}, issueName(entry.issue)),
        el('p', {}, el('strong', {}, 'Not enough evidence: '), `${entry.missing}.`))));
}

// ---- Timeline, stories, inputs ----

function timeline() {
  const shifts = [...(data.shifts || [])].sort((a, b) => (b.date || '').localeCompare(a.date || ''));
  if (shifts.length === 0) return el('p', {class: 'hint'}, 'No position shifts recorded.');
  const actorIds = actors.map((actor) => actor.id);
  const charts = issues.filter((issue) => shifts.some((shift) => shift.issue === issue.id))
      .map((issue) => movesChart(issue, shifts.filter((shift) => shift.issue === issue.id), actorIds,
          actorName));
  return [el('p', {class: 'hint'}, 'Each arrow runs from where an actor stood before a shift ',
    '(open circle) to where it stood after (filled), at the date of the statement that shows it.'),
  el('div', {class: 'moves-charts'}, charts), shiftList(shifts)];
}

function shiftList(shifts) {
  return el('ol', {class: 'timeline', 'data-testid': 'timeline'}, shifts.map((shift) => {
    const direction = shift.to > shift.from ? '↑' : shift.to < shift.from ? '↓' : '→';
    return el('li', {},
        el('time', {datetime: shift.date}, shift.date),
        el('div', {},
            el('strong', {}, `${actorName(shift.actor)} on ${issueName(shift.issue)}: `),
            `${formatNumber(shift.from)} ${direction} ${formatNumber(shift.to)}`,
            shift.summary ? el('p', {}, shift.summary) : null,
            articleLinks(shift.docs || [])));
  }));
}

function articleLinks(docs) {
  return el('ul', {class: 'articles'}, docs.map((doc) => {
    const article = articleByDoc.get(doc);
    if (!article) return el('li', {}, doc);
    return el('li', {}, link(article.url, article.title || doc), ` — ${article.outlet || ''}, `,
        el('time', {datetime: article.date || ''}, article.date || 'undated'));
  }));
}

function stories() {
  const list = data.stories || [];
  if (list.length === 0) return el('p', {class: 'hint'}, 'No story clusters.');
  return el('div', {class: 'stories'}, list.map((story) => el('article', {class: 'story'},
      el('h3', {}, story.title),
      el('p', {class: 'dates'}, `${story.first || '?'} – ${story.last || '?'} · ${(story.docs || []).length} article(s)`),
      el('ul', {class: 'outlets', 'aria-label': 'outlets'},
          (story.outlets || []).map((outlet) => el('li', {}, outlet))),
      articleLinks(story.docs || []))));
}

function csvField(value) {
  const text = String(value ?? '');
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// KTAB's scenario CSV: a title line "name,description,nActors,nDims", a header, one line per
// actor with capability then position and salience per issue. An actor without a stance on an
// issue gets salience 0 there, which leaves it out of that issue's bargaining.
function ktabCsv() {
  const lines = [[data.scenario.id, data.scenario.title, actors.length, issues.length]];
  lines.push(['Actor', 'Description', 'Power',
    ...issues.flatMap((issue) => [`${issue.id} Position`, `${issue.id} Salience`])]);
  for (const actor of actors) {
    const row = [actor.id, actor.name, actor.capability];
    for (const issue of issues) {
      const cell = cellByKey.get(cellKey(actor.id, issue.id));
      row.push(cell ? cell.position : (issue.status_quo ?? 50), cell ? cell.salience : 0);
    }
    lines.push(row);
  }
  return lines.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const anchor = el('a', {href: url, download: name});
  append(document.body, [anchor]);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function inputs() {
  const actorTable = el('table', {class: 'numbers'},
      el('caption', {}, 'Actors'),
      el('thead', {}, el('tr', {}, ['id', 'name', 'capability'].map((h) => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, actors.map((actor) => el('tr', {}, el('td', {}, actor.id),
          el('td', {}, actor.name), el('td', {}, formatNumber(actor.capability))))));
  const cellTable = el('table', {class: 'numbers'},
      el('caption', {}, 'Positions (position / salience)'),
      el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'actor'),
          issues.map((issue) => el('th', {scope: 'col'}, issue.id)))),
      el('tbody', {}, actors.map((actor) => el('tr', {}, el('th', {scope: 'row'}, actor.name),
          issues.map((issue) => {
            const cell = cellByKey.get(cellKey(actor.id, issue.id));
            return el('td', {}, cell ? `${formatNumber(cell.position)} / ${formatNumber(cell.salience)}` : '—');
          })))));
  const csv = ktabCsv();
  return el('div', {class: 'inputs'},
      el('p', {}, el('button', {type: 'button', 'data-testid': 'export-ktab',
        onclick: () => download(`${data.scenario.id}-ktab.csv`, csv, 'text/csv')},
      'Export KTAB CSV'), ' The same file as ', el('code', {}, 'parley export --ktab'), '.'),
      el('div', {class: 'tables'}, actorTable, cellTable),
      el('details', {}, el('summary', {}, 'KTAB CSV preview'), el('pre', {'data-testid': 'ktab-csv'}, csv)));
}

// ---- Adding an article (live dashboard with an ingest pipeline) ----

function articleForm() {
  const status = el('p', {role: 'status', class: 'hint', id: 'article-status'});
  const text = el('textarea', {id: 'article-text', rows: 6, required: true,
    placeholder: 'Paste the article text or HTML'});
  const kind = el('select', {id: 'article-kind'},
      el('option', {value: 'text'}, 'plain text'), el('option', {value: 'html'}, 'HTML'));
  const name = el('input', {id: 'article-name', type: 'text', placeholder: 'file name or URL'});
  const submit = async (event) => {
    event.preventDefault();
    status.textContent = 'Analysing…';
    try {
      const article = {name: name.value, [kind.value]: text.value};
      const response = await fetch('api/articles', {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify(article)});
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
      status.textContent = `Added; the analysis now holds ${answer.statements} statements. Reloading…`;
      window.location.reload();
    } catch (error) {
      status.textContent = `Could not add the article: ${error.message}`;
    }
  };
  return el('form', {class: 'article-form', onsubmit: submit},
      el('label', {for: 'article-text'}, 'Article'), text,
      el('div', {class: 'row'}, el('label', {for: 'article-kind'}, 'Format '), kind,
          el('label', {for: 'article-name'}, ' Name '), name,
          el('button', {type: 'submit'}, 'Add and re-analyse')),
      status);
}

// ---- Page ----

function render() {
  const root = document.getElementById('app');
  const scenario = data.scenario;
  document.title = `${scenario.title} — parley`;
  append(root, [
      el('header', {},
          el('h1', {}, scenario.title),
          scenario.description ? el('p', {}, scenario.description) : null,
          el('p', {class: 'meta'}, 'Positions as of ',
              el('span', {id: 'positions-as-of'}, data.positions.as_of || 'unknown'), ' · ',
              `${(data.statements || []).length} statements from ${(data.articles || []).length} articles · `,
              config.live ? 'live dashboard' : `report generated ${data.generated || ''}`),
          el('nav', {'aria-label': 'sections'}, el('ul', {},
              [['positions', 'Positions'], ['forecasts', 'Forecasts'], ['timeline', 'Who moved'],
                ...(config.live && config.annotations ? [['team', 'Team notes']] : []),
                ['stories', 'Stories'], ['inputs', 'Inputs']].map(([id, label]) =>
                el('li', {}, el('a', {href: `#${id}`}, label)))))),
      el('main', {},
          config.live && config.annotations ? el('p', {id: 'store-changed', class: 'store-banner', role: 'status', hidden: true},
              'The store has changed since this page was loaded: a colleague\'s note or override, or new articles. ',
              el('button', {type: 'button', onclick: () => window.location.reload()}, 'Reload')) : null,
          section('positions', 'Positions', config.live ? dateControl() : null,
              el('div', {class: 'positions-layout'},
                  el('div', {id: 'heatmap-host'}, heatMap()),
                  el('aside', {id: 'details', class: 'details', 'aria-live': 'polite'}))),
          section('forecasts', 'Where the deal lands, by model',
              el('p', {class: 'hint'}, 'Bars span p10–p90: the spread of the inputs plus the model\'s own error on past decisions, ',
                  'so the outcome should fall inside about 4 times in 5. The diamond is the point forecast. ',
                  'An issue gets a forecast only with evidence from actors on both sides of it.'),
              el('p', {id: 'whatif-banner', class: 'whatif-banner', role: 'note', hidden: true},
                  'Showing what-if forecasts. Reset the what-ifs to see the analysis again.'),
              el('div', {id: 'forecast-list', class: 'forecast-list'}), noForecastList()),
          section('timeline', 'Who moved', timeline()),
          config.live && config.annotations ? section('team', 'Team notes',
              recentNotes({actorName, issueName, onSelect: selectCell})) : null,
          section('stories', 'Story clusters', stories()),
          section('inputs', 'Inputs', inputs()),
          config.live && config.ingest ? section('add-article', 'Add an article', articleForm()) : null),
      el('footer', {}, 'Made by parley. This file makes no network requests.')]);
  renderDetails();
  renderForecasts();
  if (config.live && config.annotations) {
    watchGeneration(config.generation, document.getElementById('store-changed'));
  }
}

render();

// The team's notes and overrides of a cell (live dashboard over a store): the cell's annotations
// with their author and time, and a form to add one. An override changes the positions and
// forecasts every analyst sees, so the page reloads after one.
import {append, clear, el, formatNumber} from './dom.js';

const authorKey = 'parley.author';

// "2026-12-06T10:00:00Z" -> "2026-12-06 10:00 UTC".
function when(time) {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(time || '') ? `${time.slice(0, 10)} ${time.slice(11, 16)} UTC` : time;
}

function rememberedAuthor() {
  try {
    return localStorage.getItem(authorKey) || '';
  } catch {
    return '';  // storage disabled: the analyst types the name each time
  }
}

function rememberAuthor(author) {
  try {
    localStorage.setItem(authorKey, author);
  } catch {
    // Nothing to keep it in; the note is stored all the same.
  }
}

// The facts line of an overridden cell: who set it, when, and why.
export function overrideLine(cell) {
  if (cell.basis !== 'override') return null;
  const who = cell.author ? `by ${cell.author}, ${when(cell.authored_at)}` : 'in the scenario file';
  return [el('dt', {}, 'Override'), el('dd', {'data-testid': 'override-by'},
      `${who}${cell.note ? `: ${cell.note}` : ''}`)];
}

function annotationItem(annotation) {
  const what = annotation.kind === 'override'
    ? `set the position to ${formatNumber(annotation.position)}`
    : annotation.kind === 'withdraw' ? 'withdrew the team\'s position' : 'noted';
  return el('li', {},
      el('p', {class: 'source'}, el('strong', {}, annotation.author), ` ${what}, `,
          el('time', {datetime: annotation.created_at}, when(annotation.created_at))),
      annotation.note ? el('p', {class: 'note-text'}, annotation.note) : null);
}

// Fills `list` with the annotations the query selects, through `item`, or says why not.
async function loadInto(list, query, item, empty) {
  try {
    const response = await fetch(`api/annotations${query}`);
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
    append(clear(list), answer.length ? item(answer) : [el('li', {class: 'hint'}, empty)]);
  } catch (error) {
    append(clear(list), [el('li', {class: 'hint'}, `Could not load the notes: ${error.message}`)]);
  }
}

function loadAnnotations(list, cell) {
  const query = `?actor=${encodeURIComponent(cell.actor)}&issue=${encodeURIComponent(cell.issue)}`;
  return loadInto(list, query, (answer) => answer.map(annotationItem), 'No notes on this cell yet.');
}

const recentCount = 20;
let reloadRecent = null;  // refills the page's list of recent notes, once it has one

// The team's latest annotations over every cell, newest first; each names its cell, which a
// click selects in the heat map.
export function recentNotes({actorName, issueName, onSelect}) {
  const list = el('ol', {class: 'annotations recent', 'data-testid': 'recent-notes'},
      el('li', {class: 'hint'}, 'Loading…'));
  const item = (annotation) => {
    const entry = annotationItem(annotation);
    entry.prepend(el('button', {type: 'button', class: 'cell-link',
      onclick: () => {
        onSelect(annotation.actor, annotation.issue);
        document.getElementById('positions').scrollIntoView();
      }}, `${actorName(annotation.actor)} on ${issueName(annotation.issue)}`));
    return entry;
  };
  reloadRecent = () => loadInto(list, '', (answer) => answer.slice(-recentCount).reverse().map(item),
      'No notes yet: select a cell of the heat map to add one.');
  reloadRecent();
  return el('div', {},
      el('p', {class: 'hint'}, `The latest ${recentCount} notes and overrides of the team, newest first.`),
      list);
}

const generationPollMs = 30000;

// A dashboard over a store: asks the server every 30 s whether its snapshot moved on (a
// colleague's override, a worker's batches) and then shows `banner`, which offers a reload.
export function watchGeneration(generation, banner) {
  const check = async () => {
    try {
      const response = await fetch('api/generation');
      const answer = await response.json();
      if (response.ok && answer.generation !== generation) {
        banner.hidden = false;
        return;
      }
    } catch {
      // The server is away for now (a restart): ask again at the next tick.
    }
    setTimeout(check, generationPollMs);
  };
  setTimeout(check, generationPollMs);
}

export function teamNotes(cell) {
  const list = el('ol', {class: 'annotations', 'data-testid': 'annotations'},
      el('li', {class: 'hint'}, 'Loading…'));
  loadAnnotations(list, cell);
  const status = el('p', {class: 'whatif-status', role: 'status', 'data-testid': 'annotation-status'});
  const author = el('input', {type: 'text', id: 'annotation-author', required: true, maxlength: 80,
    value: rememberedAuthor(), autocomplete: 'name'});
  const kind = el('select', {id: 'annotation-kind', 'data-testid': 'annotation-kind'},
      el('option', {value: 'note'}, 'Note only'),
      el('option', {value: 'override'}, 'Set the team\'s position'),
      cell.basis === 'override' ? el('option', {value: 'withdraw'}, 'Withdraw the team\'s position') : null);
  const position = el('input', {type: 'number', id: 'annotation-position', min: 0, max: 100, step: 1,
    value: Math.round(cell.position), disabled: true, 'data-testid': 'annotation-position'});
  kind.addEventListener('change', () => {
    position.disabled = kind.value !== 'override';
  });
  const note = el('textarea', {id: 'annotation-note', rows: 3, maxlength: 4000,
    placeholder: 'Why: a briefing, a treaty text, a reading of the evidence'});
  const submit = async (event) => {
    event.preventDefault();
    const body = {actor: cell.actor, issue: cell.issue, author: author.value, kind: kind.value,
      note: note.value};
    if (kind.value === 'override') body.position = Number(position.value);
    status.textContent = 'Saving…';
    try {
      const response = await fetch('api/annotations', {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
      rememberAuthor(author.value.trim());
      if (answer.positions_changed) {
        status.textContent = 'Saved; positions and forecasts changed. Reloading…';
        window.location.reload();
        return;
      }
      note.value = '';
      status.textContent = `Saved at ${when(answer.annotation.created_at)}.`;
      loadAnnotations(list, cell);
      reloadRecent?.();
    } catch (error) {
      status.textContent = `Could not save: ${error.message}`;
    }
  };
  return el('fieldset', {class: 'whatif team-notes'},
      el('legend', {}, 'Team notes'),
      list,
      el('form', {class: 'annotation-form', onsubmit: submit},
          el('div', {class: 'row'}, el('label', {for: 'annotation-author'}, 'Your name '), author),
          el('div', {class: 'row'}, el('label', {for: 'annotation-kind'}, 'Kind '), kind,
              el('label', {for: 'annotation-position'}, ' Position '), position),
          el('label', {for: 'annotation-note'}, 'Note'), note,
          el('button', {type: 'submit', 'data-testid': 'annotation-save'}, 'Save for the team')),
      status);
}

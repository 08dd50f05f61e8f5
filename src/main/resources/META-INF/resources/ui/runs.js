// The run list: GET api/runs every 2 s, newest first.
'use strict';

(() => {
  const { el } = meetload;
  const body = document.querySelector('#runs tbody');
  const empty = document.getElementById('empty');
  const error = document.getElementById('error');
  const updated = document.getElementById('updated');

  function row(run) {
    const status = el('td', 'status', meetload.badge(run.status, run.verdict));
    if (run.verdict) status.append(el('span', 'then', run.status === 'CANCELLED' ? 'cancelled' : 'done'));
    const link = el('a', null, el('code', null, run.id));
    link.href = 'runs/' + encodeURIComponent(run.id);
    const joined = run.joined === null || run.joined === undefined ? '–' : run.joined;
    const started = run.startedAt ? Date.parse(run.startedAt) : null;
    const until = run.endedAt ? Date.parse(run.endedAt) : Date.now();
    const created = el('td', 'created', meetload.time(run.createdAt));
    created.title = run.createdAt || '';
    const tr = el('tr', null, status, el('td', 'plan', run.plan), el('td', 'id', link),
      el('td', 'num joined', joined + ' / ' + run.participants), created,
      el('td', 'num duration', started === null ? '–' : meetload.seconds((until - started) / 1000)));
    tr.dataset.run = run.id;
    return tr;
  }

  meetload.poll(async () => {
    try {
      const runs = await meetload.getJson('api/runs');
      body.replaceChildren(...runs.map(row));
      empty.hidden = runs.length > 0;
      meetload.showError(error, null);
      updated.textContent = 'updated ' + meetload.clock();
    } catch (e) {
      meetload.showError(error, e);
      updated.textContent = 'could not update at ' + meetload.clock();
    }
  }, 2000);
})();

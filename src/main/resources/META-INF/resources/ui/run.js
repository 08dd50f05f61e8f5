// One run: live progress from GET api/runs/{id} every 2 s while it runs; its report once it ended.
'use strict';

(() => {
  const { el } = meetload;
  const id = document.body.dataset.run;
  const api = '../api/runs/' + encodeURIComponent(id);
  const $ = name => document.getElementById(name);
  const FAILURES = ['FAILED_TO_JOIN', 'NO_MEDIA', 'DROPPED', 'BROWSER_CRASHED'];

  function header(run) {
    $('plan').textContent = run.plan;
    document.title = run.plan + ' · ' + run.id + ' · meetload';
    $('status').replaceWith(Object.assign(meetload.badge(run.status, run.verdict, true), { id: 'status' }));
    const times = ['created ' + meetload.time(run.createdAt)];
    if (run.startedAt) times.push('started ' + meetload.time(run.startedAt));
    if (run.deadline && !run.endedAt) times.push('deadline ' + meetload.time(run.deadline));
    if (run.endedAt) times.push('ended ' + meetload.time(run.endedAt) + (run.ending ? ' (' + run.ending + ')' : ''));
    $('times').textContent = times.join(' · ') + ' UTC';
    $('end-note').textContent = run.endNote || '';
    $('end-note').hidden = !run.endNote;
  }

  function instanceState(i) {
    if (i.reported) return el('span', null, 'reported');
    if (i.ended) return el('span', 'silent', i.ended);
    if (i.silent) return el('span', 'silent', 'silent');
    if (i.running === true) return el('span', null, 'running');
    return el('span', 'meta', i.running === false ? 'not running' : '–');
  }

  function cpu(i) {
    if (i.cpuRatio === null || i.cpuRatio === undefined) return '–';
    const fill = el('span');
    fill.style.width = Math.min(100, Math.max(0, i.cpuRatio * 100)) + '%';
    const limit = i.cpuLimitCores ? ' of ' + i.cpuLimitCores + (i.cpuLimitCores === 1 ? ' core' : ' cores') : '';
    return el('span', null, el('span', 'bar', fill), meetload.percent(i.cpuRatio) + limit);
  }

  function instanceRow(i) {
    const beat = i.lastHeartbeatAt ? meetload.seconds(i.heartbeatAgeSeconds) + ' ago' : 'none yet';
    const beatCell = el('td', 'heartbeat' + (i.silent ? ' silent' : ''), beat);
    beatCell.title = i.lastHeartbeatAt || '';
    const tr = el('tr', null, el('td', 'num', i.index), el('td', 'state', instanceState(i)),
      el('td', 'num', i.participants), beatCell, el('td', 'cpu', cpu(i)),
      el('td', 'num memory', meetload.bytes(i.memoryBytes)));
    tr.dataset.instance = i.index;
    return tr;
  }

  function live(run) {
    const p = run.progress;
    $('joined').textContent = p.joined + ' / ' + p.participants;
    $('failed').textContent = p.failed;
    $('time-left').textContent = meetload.seconds(p.timeLeftSeconds);
    $('instance-count').textContent = run.instances;
    const states = Object.entries(p.byState).map(([state, count]) => {
      const chip = el('span', 'state' + (FAILURES.includes(state) ? ' failure' : state === 'MEDIA_FLOWING' ? ' good' : ''),
        state, el('b', null, count));
      chip.dataset.state = state;
      return chip;
    });
    $('states').replaceChildren(...(states.length ? states : [el('span', 'meta', 'no heartbeat yet')]));
    $('instances').tBodies[0].replaceChildren(...p.instances.map(instanceRow));
    $('cancel').hidden = !(run.status === 'ACCEPTED' || run.status === 'RUNNING');
  }

  function done() {
    const frame = $('report');
    if (!frame.getAttribute('src')) {
      // Same origin but sandboxed without scripts: the report's height can be read, nothing in it runs.
      frame.addEventListener('load', () => {
        try { frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 24) + 'px'; } catch (e) { /* keep the default height */ }
      });
      frame.src = api + '/report';
    }
  }

  async function load() {
    let run;
    try {
      run = await meetload.getJson(api);
    } catch (e) {
      meetload.showError($('error'), e);
      $('updated').textContent = 'could not update at ' + meetload.clock();
      return !e.message.startsWith('404:');
    }
    meetload.showError($('error'), null);
    $('updated').textContent = 'updated ' + meetload.clock();
    header(run);
    const finished = run.status === 'DONE' || run.status === 'CANCELLED';
    $('live').hidden = finished;
    $('done').hidden = !finished;
    if (finished) {
      done();
      return false;
    }
    live(run);
    return true;
  }

  $('cancel').addEventListener('click', async () => {
    const button = $('cancel');
    if (!confirm('Cancel run ' + id + '? Its instances are stopped and it ends INCONCLUSIVE.')) return;
    button.disabled = true;
    button.textContent = 'Cancelling…';
    meetload.showError($('cancel-error'), null);
    try {
      await meetload.postJson(api + '/cancel');
      await load();
    } catch (e) {
      meetload.showError($('cancel-error'), e);
    } finally {
      button.disabled = false;
      button.textContent = 'Cancel run';
    }
  });

  meetload.poll(load, 2000);
})();

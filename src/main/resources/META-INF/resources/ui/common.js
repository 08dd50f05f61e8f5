// Helpers shared by the coordinator's pages. Everything that comes from a run (plan names, notes,
// errors) goes into the page as text nodes, never as markup.
'use strict';

const meetload = {
  /** An element with a class and children; strings become text nodes. */
  el(tag, className, ...children) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    for (const c of children) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    }
    return e;
  },

  /** GET as JSON; a refusal becomes an Error whose message is the status and the API's own text. */
  async getJson(url) {
    return meetload.answer(await meetload.send(url, { cache: 'no-store' }, false));
  },

  /** POST (a person's action): asks for the API token when the coordinator wants one. */
  async postJson(url) {
    return meetload.answer(await meetload.send(url, { method: 'POST' }, true));
  },

  /**
   * Sends with the API token this tab was given, if any (meetload.api.token: mutating endpoints
   * need it, and reads too when the coordinator is set so). On 401 it asks for the token (for a
   * person's action, or once per page for reads) and tries again; on 403 the token is forgotten.
   * The token stays in this tab's sessionStorage, never in a URL or a cookie.
   */
  async send(url, init, ask) {
    const attempt = () => {
      const headers = { Accept: 'application/json' };
      const token = sessionStorage.getItem(meetload.TOKEN_KEY);
      if (token) headers.Authorization = 'Bearer ' + token;
      return fetch(url, Object.assign({}, init, { headers }));
    };
    let response = await attempt();
    if (response.status === 401 && (ask || !meetload.askedForReads)) {
      meetload.askedForReads = meetload.askedForReads || !ask;
      const given = window.prompt('This coordinator needs its API token (meetload.api.token). '
          + 'It is kept in this tab only.');
      if (given && given.trim()) {
        sessionStorage.setItem(meetload.TOKEN_KEY, given.trim());
        response = await attempt();
      }
    }
    if (response.status === 403) sessionStorage.removeItem(meetload.TOKEN_KEY);
    return response;
  },

  TOKEN_KEY: 'meetload.api-token',
  askedForReads: false,

  async answer(response) {
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { /* not JSON: shown as it came */ }
    if (!response.ok) {
      const why = body && body.error ? body.error : (text.trim() || response.statusText);
      throw new Error(response.status + ': ' + why);
    }
    return body;
  },

  /** Calls load() now and again `every` ms after each call ends, until it returns false. */
  poll(load, every) {
    const tick = async () => {
      let again = true;
      try { again = (await load()) !== false; } catch (e) { console.error(e); }
      if (again) setTimeout(tick, every);
    };
    tick();
  },

  /** PASS / FAIL / INCONCLUSIVE once there is a verdict, else the run's own status. */
  badge(status, verdict, big) {
    const word = verdict || status;
    const b = meetload.el('span', 'badge ' + word + (big ? ' big' : ''), word);
    b.dataset.status = word;
    return b;
  },

  showError(element, error) {
    element.textContent = error ? (error.message || String(error)) : '';
    element.hidden = !error;
  },

  /** Times in UTC, as the report gives them. */
  time(iso) {
    return iso ? new Date(iso).toISOString().slice(0, 19).replace('T', ' ') : '–';
  },

  clock() {
    return new Date().toISOString().slice(11, 19) + ' UTC';
  },

  seconds(total) {
    if (total === null || total === undefined) return '–';
    const s = Math.max(0, Math.round(total));
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, rest = s % 60;
    if (h > 0) return h + ' h ' + m + ' min';
    if (m > 0) return m + ' min ' + rest + ' s';
    return rest + ' s';
  },

  bytes(n) {
    if (n === null || n === undefined) return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
  },

  percent(ratio) {
    return ratio === null || ratio === undefined ? '–' : Math.round(ratio * 100) + ' %';
  },
};

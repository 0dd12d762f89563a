// The dashboard of a running troupe paper session. Plain JavaScript, no build: it reads the operator's API of the
// server that served it, with the bearer token its user signs in with (kept in this tab's sessionStorage, never in a
// URL), and follows /api/v1/events through fetch() (EventSource cannot send the token). Every value from the API is
// put in the page as text, never as markup.
'use strict';

(() => {
  const TOKEN_KEY = 'troupe.dashboard.token';
  const POLL_MS = 2000;
  const CHART_POINTS = 1000; // asked of /equity; the server downsamples the curve to this
  const CHART_MAX = 4000; // live points kept before the curve is read again, downsampled
  const FILLS_SHOWN = 30;
  const TRADES_SHOWN = 20;

  const $ = (id) => document.getElementById(id);

  let token = sessionStorage.getItem(TOKEN_KEY);
  let me = null; // the /whoami answer
  let running = false;
  let ended = false;
  let stream = null; // AbortController of the event stream
  let pollTimer = null;
  let flattenDefault = true;
  let symbols = [];

  // ---- the API ----

  class Unauthorized extends Error {}

  async function api(path, init) {
    const headers = Object.assign({ Accept: 'application/json' }, (init && init.headers) || {});
    if (token) headers.Authorization = 'Bearer ' + token;
    const r = await fetch('/api/v1' + path, Object.assign({ cache: 'no-store' }, init || {}, { headers }));
    let body = null;
    try {
      body = await r.json();
    } catch (e) {
      body = null;
    }
    if (r.status === 401) throw new Unauthorized((body && body.error) || 'not signed in');
    return { status: r.status, body };
  }

  async function read(path) {
    const a = await api(path);
    return a.status === 200 ? a.body : null;
  }

  // ---- formatting ----

  function money(v) {
    return v == null ? '–' : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  function pct(fraction, digits) {
    return fraction == null ? '–' : (fraction * 100).toFixed(digits == null ? 2 : digits) + '%';
  }
  function qty(v) {
    if (v == null) return '–';
    const a = Math.abs(v);
    return v.toLocaleString('en-US', { maximumSignificantDigits: a >= 1 ? 8 : 6 });
  }
  function price(v) {
    return v == null ? '' : v.toLocaleString('en-US', { maximumFractionDigits: 4 });
  }
  function when(iso) {
    return iso ? iso.replace('T', ' ').replace(/:00Z$|Z$/, '') : '';
  }

  // ---- DOM helpers ----

  function cell(text, cls) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (cls) td.className = cls;
    return td;
  }

  function fillTable(id, rows, columns, empty) {
    const body = $(id).tBodies[0];
    const out = [];
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = cell(empty, 'empty');
      td.colSpan = $(id).tHead.rows[0].cells.length;
      tr.appendChild(td);
      out.push(tr);
    }
    for (const row of rows) {
      const tr = document.createElement('tr');
      for (const c of columns(row, tr)) tr.appendChild(c);
      out.push(tr);
    }
    body.replaceChildren(...out);
  }

  function signed(v, text) {
    return cell(text, 'num ' + (v > 0 ? 'pos' : v < 0 ? 'neg' : ''));
  }

  // ---- header and tiles ----

  function showState(s) {
    if (!s || !s.trading_state) return;
    const el = $('state');
    el.textContent = s.trading_state;
    el.className = 'state state-' + s.trading_state;
    el.title = s.trading_state_reason ? 'because: ' + s.trading_state_reason : 'no restriction in force';
    document.title = s.trading_state + ' · Troupe paper session';
    if (s.phase === 'ended') sessionEnded();
  }

  function showLink(text, cls) {
    const el = $('link');
    el.textContent = text;
    el.className = 'link muted ' + (cls || '');
  }

  function showAccount(e) {
    if (e.equity !== undefined) $('equity').textContent = money(e.equity);
    if (e.drawdown !== undefined) {
      const text = pct(e.drawdown, 3);
      $('drawdown').textContent = text;
      $('drawdown').classList.toggle('down', e.drawdown != null && text !== '0.000%');
    }
    if (e.cash !== undefined) $('cash').textContent = money(e.cash);
    // Exposure is gross open notional over equity (0 flat, 1 fully invested).
    if (e.exposure !== undefined) $('exposure').textContent = pct(e.exposure, 2);
    if (e.step != null) $('step').textContent = e.step.toLocaleString('en-US') + (e.steps ? ' / ' + e.steps.toLocaleString('en-US') : '');
    if (e.time) $('event-time').textContent = when(e.time) + ' UTC';
  }

  let totalSteps = null;

  function showStatus(s) {
    totalSteps = s.steps;
    showAccount(s);
    showState(s);
    $('open-positions').textContent = s.open_positions == null ? '–' : String(s.open_positions);
    const lag = s.data_lag_seconds == null ? '' : ' · data lag ' + s.data_lag_seconds.toFixed(1) + ' s';
    $('session').textContent = (s.session_id || '') + ' · ' + s.phase + lag;
  }

  // ---- the chart ----

  const series = { t: [], equity: [], drawdown: [] };
  let chart = null;
  let redrawQueued = false;

  // Money ticks at 1, 2 or 5 times a power of ten, so two decimals show every tick exactly.
  const STEPS_1_2_5 = [];
  for (let e = -2; e <= 8; e++) for (const m of [1, 2, 5]) STEPS_1_2_5.push(Number((m * Math.pow(10, e)).toFixed(2)));

  // Event time in UTC, 24-hour: the date under the first tick of each day, or the date alone for day-wide ticks.
  function timeLabels(u, ticks, axis, space, incr) {
    let day = null;
    return ticks.map((t) => {
      const iso = new Date(t * 1000).toISOString();
      if (incr >= 86400) return iso.slice(0, 10);
      const label = iso.slice(11, 16) + (iso.slice(0, 10) !== day ? '\n' + iso.slice(0, 10) : '');
      day = iso.slice(0, 10);
      return label;
    });
  }

  function makeChart() {
    const el = $('chart');
    const opts = {
      // Event time in UTC, as every other time on the page.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      width: Math.max(300, el.clientWidth),
      height: 300,
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, dd: { range: (u, min, max) => [0, Math.max(max * 1.25, 0.01)] } },
      series: [
        { value: (u, v) => (v == null ? '' : new Date(v * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC') },
        { label: 'Equity', scale: '$', stroke: '#2563eb', width: 2, value: (u, v) => money(v) },
        { label: 'Drawdown', scale: 'dd', stroke: '#c62828', fill: 'rgba(198, 40, 40, 0.12)', width: 1, value: (u, v) => (v == null ? '' : v.toFixed(3) + '%') },
      ],
      axes: [
        { values: timeLabels },
        { scale: '$', size: 80, incrs: STEPS_1_2_5, values: (u, ticks) => ticks.map((v) => money(v)) },
        { scale: 'dd', side: 1, size: 60, grid: { show: false }, values: (u, ticks) => ticks.map((v) => v.toFixed(3) + '%') },
      ],
    };
    chart = new uPlot(opts, [series.t, series.equity, series.drawdown], el);
    new ResizeObserver(() => chart.setSize({ width: Math.max(300, el.clientWidth), height: 300 })).observe(el);
  }

  function addPoint(timeIso, equity, drawdown) {
    if (!timeIso || equity == null) return;
    const t = Date.parse(timeIso) / 1000;
    const n = series.t.length;
    const dd = drawdown == null ? null : drawdown * 100;
    if (n > 0 && t < series.t[n - 1]) return;
    if (n > 0 && t === series.t[n - 1]) {
      series.equity[n - 1] = equity;
      series.drawdown[n - 1] = dd;
    } else {
      series.t.push(t);
      series.equity.push(equity);
      series.drawdown.push(dd);
    }
    queueRedraw();
  }

  function queueRedraw() {
    if (redrawQueued || !chart) return;
    redrawQueued = true;
    setTimeout(() => {
      redrawQueued = false;
      chart.setData([series.t, series.equity, series.drawdown]);
    }, 250);
  }

  let curveLoading = false;

  async function loadCurve() {
    if (curveLoading) return;
    curveLoading = true;
    let e;
    try {
      e = await read('/equity?max_points=' + CHART_POINTS);
    } finally {
      curveLoading = false;
    }
    if (!e) return;
    series.t.length = series.equity.length = series.drawdown.length = 0;
    for (const p of e.points) addPoint(p.time, p.equity, p.drawdown);
    queueRedraw();
  }

  // ---- the event stream ----

  async function follow() {
    while (running && !ended) {
      const ctl = new AbortController();
      stream = ctl;
      try {
        const headers = { Accept: 'text/event-stream' };
        if (token) headers.Authorization = 'Bearer ' + token;
        const r = await fetch('/api/v1/events', { headers, signal: ctl.signal, cache: 'no-store' });
        if (r.status === 401) throw new Unauthorized('the token is no longer valid');
        if (r.status !== 200 || !r.body) throw new Error('events: HTTP ' + r.status);
        showLink('live', 'live');
        const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            onBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (e) {
        if (e instanceof Unauthorized) return signOut(e.message);
        if (ctl.signal.aborted) return;
      }
      if (!running || ended) return;
      showLink('reconnecting…', 'down');
      await new Promise((done) => setTimeout(done, 1000));
      await loadCurve().catch(() => {});
    }
  }

  function onBlock(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0 || data.join('') === '') return;
    let e;
    try {
      e = JSON.parse(data.join('\n'));
    } catch (err) {
      return;
    }
    if (type === 'equity') {
      e.steps = totalSteps;
      showAccount(e);
      addPoint(e.time, e.equity, e.drawdown);
      if (series.t.length > CHART_MAX) loadCurve().catch(() => {});
    } else if (type === 'state') {
      showState(e);
      soon(pollRisk);
    } else if (type === 'fill') {
      addFills([e]);
      // A fill changes the positions, and may close a trade: read them now rather than at the next poll.
      soon(pollStatus);
      soon(pollPositions);
      soon(pollTrades);
      soon(pollSpecialists);
    } else if (type === 'order') {
      soon(pollOrders);
    }
  }

  // ---- tables ----

  const fills = [];
  let lastFillSeq = 0;

  function addFills(list) {
    let changed = false;
    for (const f of list) {
      if (f.seq <= lastFillSeq) continue;
      lastFillSeq = f.seq;
      fills.unshift(f);
      changed = true;
    }
    if (fills.length > FILLS_SHOWN) fills.length = FILLS_SHOWN;
    if (changed || fills.length === 0) {
      fillTable('fills', fills, (f) => [cell(when(f.time)), cell(f.symbol), cell(f.side, f.side.toLowerCase()), cell(qty(f.quantity), 'num'),
        cell(price(f.price), 'num'), cell(money(f.fee), 'num'), cell(f.reason)], 'no fill yet');
    }
  }

  async function pollFills() {
    if (lastFillSeq === 0) {
      const head = await read('/fills?limit=1');
      if (!head) return;
      const from = Math.max(0, head.last_seq - FILLS_SHOWN);
      const f = await read('/fills?since=' + from + '&limit=' + FILLS_SHOWN);
      if (f) addFills(f.fills);
      return;
    }
    const f = await read('/fills?since=' + lastFillSeq + '&limit=' + FILLS_SHOWN);
    if (f) addFills(f.fills);
  }

  async function pollPositions() {
    const p = await read('/positions');
    if (!p) return;
    symbolsSeen(p.positions.map((x) => x.symbol));
    fillTable('positions', p.positions, (x) => [cell(x.symbol), cell(qty(x.quantity), 'num'), cell(price(x.avg_price), 'num'),
      cell(price(x.last_price), 'num'), signed(x.unrealized_pnl, money(x.unrealized_pnl)), cell(x.specialist)], 'flat: no open position');
  }

  async function pollOrders() {
    const o = await read('/orders?final=0');
    if (!o) return;
    fillTable('orders', o.working, (x) => {
      const out = [cell(x.order_id), cell(x.symbol), cell(x.side, x.side.toLowerCase()), cell(x.type), cell(qty(x.quantity), 'num'),
        cell(price(x.limit_price != null ? x.limit_price : x.stop_price), 'num'), cell(x.status)];
      const action = document.createElement('td');
      if (me && me.controls) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'small';
        b.textContent = 'Cancel';
        b.dataset.order = x.order_id;
        b.addEventListener('click', () => ask('cancel', x.order_id));
        action.appendChild(b);
      }
      out.push(action);
      return out;
    }, 'no working order');
  }

  async function pollTrades() {
    const t = await read('/trades?limit=' + TRADES_SHOWN);
    if (!t) return;
    $('trades-total').textContent = '(' + t.total + ' closed)';
    fillTable('trades', t.trades.slice().reverse(), (x) => [cell(when(x.exit_time)), cell(x.symbol), cell(x.side, x.side.toLowerCase()),
      cell(price(x.entry_price), 'num'), cell(price(x.exit_price), 'num'), signed(x.pnl, money(x.pnl)), cell(x.exit_reason)], 'no closed trade yet');
  }

  async function pollRegimes() {
    const r = await read('/regimes');
    if (!r) return;
    const rows = Object.entries(r.regimes).map(([symbol, v]) => Object.assign({ symbol }, v));
    symbolsSeen(rows.map((x) => x.symbol));
    fillTable('regimes', rows, (x) => [cell(x.symbol), cell(x.regime || 'not confirmed yet'), cell(x.active_specialist || 'none')], 'no desk');
  }

  async function pollSpecialists() {
    const s = await read('/specialists');
    if (!s) return;
    const rows = Object.entries(s.specialists).map(([name, v]) => Object.assign({ name }, v));
    fillTable('specialists', rows, (x) => [cell(x.name), cell(x.trades, 'num'), cell(x.win_rate == null ? '–' : pct(x.win_rate, 1), 'num'),
      signed(x.pnl, money(x.pnl)), cell(money(x.fees), 'num')], 'no specialist has traded yet');
  }

  // What runs where changes seldom, and a cluster's answer asks every member: read it every CLUSTER_MS, not each poll.
  const CLUSTER_MS = 10000;
  let clusterReadAt = 0;

  async function pollCluster() {
    if (Date.now() - clusterReadAt < CLUSTER_MS) return;
    const c = await read('/cluster');
    if (!c) return;
    clusterReadAt = Date.now();
    $('cluster-kind').textContent = c.clustered ? '(' + c.members.length + ' members)' : '(one process)';
    fillTable('cluster', c.members, (m, tr) => {
      tr.className = m.account_singleton ? 'singleton' : '';
      const desks = !m.answered ? 'no answer' : m.desks.length === 0 ? '–' : m.desks.join(' ');
      return [cell(m.address), cell(m.status), cell(m.roles.join(', ')), cell(desks, 'wrap')];
    }, 'no member');
    $('cluster-singleton').textContent = 'Account singleton: ' + (c.account_singleton || 'not running')
      + (c.clustered ? ' · market feed: ' + (c.feed || 'not publishing') : '');
  }

  let lastStatus = null;

  async function pollStatus() {
    const status = await read('/status');
    if (status) {
      lastStatus = status;
      showStatus(status);
    }
  }

  async function pollRisk() {
    const r = await read('/risk?vetoes=0');
    if (!r) return;
    if (r.limits && typeof r.limits.flatten_on_halt === 'boolean') flattenDefault = r.limits.flatten_on_halt;
    const reason = r.trading_state_reason ? ' because of ' + r.trading_state_reason : ', no restriction in force';
    $('risk-state').textContent = 'Trading state ' + r.trading_state + reason + '.';
    const b = r.baselines || {};
    const limits = (r.limits && r.limits.breakers) || {};
    const equity = lastStatus ? lastStatus.equity : null;
    const inForce = new Set(r.restrictions.map((x) => x.code));
    const loss = (base) => (base > 0 && equity != null ? Math.max(0, 1 - equity / base) : null);
    const storm = limits.stop_storm || {};
    const rows = [
      { name: 'daily loss', code: 'daily_loss', now: pct(loss(b.day_start_equity), 3), limit: limits.daily_loss_pct },
      { name: 'weekly loss', code: 'weekly_loss', now: pct(loss(b.week_start_equity), 3), limit: limits.weekly_loss_pct },
      { name: 'drawdown from peak', code: 'drawdown', now: pct(loss(b.peak_equity), 3), limit: limits.drawdown_pct },
      { name: 'stop storm', code: 'stop_storm', now: '', limit: storm.count ? storm.count + ' stops / ' + storm.window : null, raw: true },
    ];
    fillTable('breakers', rows, (x, tr) => {
      const tripped = inForce.has(x.code);
      tr.className = tripped ? 'tripped' : '';
      const limit = x.limit == null || x.limit === 0 ? 'off' : x.raw ? x.limit : x.limit + '%';
      return [cell(x.name), cell(x.now, 'num'), cell(limit, 'num'), cell(tripped ? 'TRIPPED' : 'armed')];
    }, '');
    fillTable('restrictions', r.restrictions, (x) => [cell(x.level), cell(x.code), cell(x.detail), cell(when(x.since)),
      cell(x.operator_only ? 'an operator resumes' : when(x.resumes_at))], 'none');
    const chips = Object.entries(r.vetoes_by_reason || {}).sort((a, z) => z[1] - a[1]);
    const vetoes = $('vetoes');
    if (chips.length === 0) {
      vetoes.textContent = 'none';
    } else {
      vetoes.replaceChildren(...chips.map(([k, n]) => {
        const s = document.createElement('span');
        s.textContent = k + ' ' + n;
        return s;
      }));
    }
  }

  function symbolsSeen(list) {
    for (const s of list) if (!symbols.includes(s)) symbols.push(s);
    symbols.sort();
  }

  const soonTimers = new Map();
  function soon(fn) {
    if (soonTimers.has(fn)) return;
    soonTimers.set(fn, setTimeout(() => {
      soonTimers.delete(fn);
      fn().catch(onError);
    }, 400));
  }

  async function poll() {
    pollTimer = null;
    try {
      await pollStatus();
      await Promise.all([pollPositions(), pollOrders(), pollFills(), pollTrades(), pollRegimes(), pollSpecialists(), pollRisk(), pollCluster()]);
    } catch (e) {
      onError(e);
    }
    if (running && !ended) pollTimer = setTimeout(poll, POLL_MS);
  }

  function onError(e) {
    if (e instanceof Unauthorized) signOut(e.message);
    else if (running) showLink('server unreachable: ' + e.message, 'down');
  }

  function sessionEnded() {
    if (ended) return;
    ended = true;
    showLink('the session has ended', 'down');
    for (const b of document.querySelectorAll('#controls button')) b.disabled = true;
  }

  // ---- controls ----

  const ACTIONS = {
    halt: { title: 'Halt trading?', ok: 'Halt', path: '/halt',
      text: 'HALTED: no new entries, working orders cancelled. Lifted only by a resume.' },
    kill: { title: 'Pull the kill switch?', ok: 'Kill', path: '/kill',
      text: 'HALTED, every working order cancelled and every position closed at market. Lifted only by a resume.' },
    flatten: { title: 'Flatten?', ok: 'Flatten', path: '/flatten',
      text: 'Closes the position at market (every position, unless you pick a symbol). The trading state stays as it is.' },
    reducing: { title: 'Reducing only?', ok: 'Set reducing', path: '/reducing',
      text: 'REDUCING: only orders that shrink a position pass, until a resume.' },
    'cancel-all': { title: 'Cancel every working order?', ok: 'Cancel all', path: '/orders/cancel-all',
      text: 'Cancels every working order except the resting stop and target of an open position.' },
    resume: { title: 'Resume trading?', ok: 'Resume', path: '/resume',
      text: 'Lifts every restriction (operator halt, kill switch, breakers, reducing); the breakers re-base at the current equity.' },
    cancel: { title: 'Cancel this order?', ok: 'Cancel order', path: null, text: '' },
  };

  let pending = null; // { action, order }

  function installControls() {
    const slot = $('controls-slot');
    slot.replaceChildren(document.importNode($('controls-template').content, true));
    for (const b of slot.querySelectorAll('button[data-action]')) b.addEventListener('click', () => ask(b.dataset.action));
  }

  function ask(action, order) {
    const a = ACTIONS[action];
    pending = { action, order };
    $('confirm-title').textContent = a.title;
    $('confirm-text').textContent = action === 'cancel' ? 'Cancels working order ' + order + '.' : a.text;
    $('confirm-ok').textContent = a.ok;
    $('confirm-ok').className = action === 'resume' ? 'ok' : action === 'halt' || action === 'kill' || action === 'flatten' ? 'danger' : 'warn';
    $('confirm-flatten-row').hidden = action !== 'halt';
    $('confirm-flatten').checked = flattenDefault;
    $('confirm-symbol-row').hidden = action !== 'flatten';
    const select = $('confirm-symbol');
    const options = [new Option('every position', '')].concat(symbols.map((s) => new Option(s, s)));
    select.replaceChildren(...options);
    $('confirm-reason').value = '';
    $('confirm-error').hidden = true;
    $('confirm-ok').disabled = false;
    $('confirm').showModal();
    $('confirm-reason').focus();
  }

  async function confirmed(ev) {
    ev.preventDefault();
    if (!pending) return;
    const reason = $('confirm-reason').value.trim();
    if (!reason) {
      showConfirmError('Give a reason: it is journaled with your name.');
      return;
    }
    const { action, order } = pending;
    const body = { reason };
    if (action === 'halt') body.flatten = $('confirm-flatten').checked;
    if (action === 'flatten' && $('confirm-symbol').value) body.symbol = $('confirm-symbol').value;
    const path = action === 'cancel' ? '/orders/' + encodeURIComponent(order) + '/cancel' : ACTIONS[action].path;
    $('confirm-ok').disabled = true;
    try {
      const a = await api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (a.status === 200 || a.status === 202) {
        $('confirm').close();
        pending = null;
        const b = a.body || {};
        $('control-result').textContent = a.status === 200
          ? b.action + ' applied after step ' + b.after_step + ' (' + when(b.time) + ' UTC): ' + b.trading_state + (b.trading_state_reason ? ' (' + b.trading_state_reason + ')' : '')
          : b.action + ' accepted: queued for the next step boundary';
        if (b.trading_state) showState({ trading_state: b.trading_state, trading_state_reason: b.trading_state_reason });
        poll.now();
      } else {
        $('confirm-ok').disabled = false;
        showConfirmError((a.body && a.body.error) || 'HTTP ' + a.status);
      }
    } catch (e) {
      $('confirm-ok').disabled = false;
      if (e instanceof Unauthorized) {
        $('confirm').close();
        signOut(e.message);
      } else {
        showConfirmError('the server did not answer: ' + e.message);
      }
    }
  }

  function showConfirmError(text) {
    $('confirm-error').textContent = text;
    $('confirm-error').hidden = false;
  }

  poll.now = () => {
    if (pollTimer) clearTimeout(pollTimer);
    if (running && !ended) poll();
  };

  // ---- signing in and out ----

  async function start() {
    let who;
    try {
      who = await api('/whoami');
    } catch (e) {
      if (e instanceof Unauthorized) return signOut(token ? 'That token is not valid here.' : null);
      showLink('server unreachable: ' + e.message, 'down');
      setTimeout(start, 2000);
      return;
    }
    if (who.status !== 200) {
      showLink('the server answered ' + who.status, 'down');
      return;
    }
    me = who.body;
    running = true;
    $('sign-in').hidden = true;
    $('board').hidden = false;
    $('who').hidden = false;
    $('who').textContent = me.name + ' (' + me.role + ')';
    $('sign-out').hidden = !me.tokens_configured;
    if (me.controls) installControls();
    if (!chart) makeChart();
    await loadCurve().catch(onError);
    poll();
    follow();
  }

  function showSignIn(message) {
    $('board').hidden = true;
    $('who').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').hidden = !message;
    $('sign-in-error').textContent = message || '';
    showLink('signed out', '');
    $('token').focus();
  }

  function signOut(message) {
    running = false;
    token = null;
    me = null;
    sessionStorage.removeItem(TOKEN_KEY);
    if (stream) stream.abort();
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
    $('controls-slot').replaceChildren();
    showSignIn(message);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('sign-in-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      token = $('token').value.trim();
      $('token').value = '';
      if (!token) return;
      sessionStorage.setItem(TOKEN_KEY, token);
      start();
    });
    $('sign-out').addEventListener('click', () => signOut(null));
    $('confirm-form').addEventListener('submit', confirmed);
    $('confirm-cancel').addEventListener('click', () => {
      pending = null;
      $('confirm').close();
    });
    start();
  });
})();

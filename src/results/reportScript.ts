/**
 * The report page's own script: reads the inlined data (<script id="data">) and draws it with uPlot
 * (inlined before it). Plain ES5-style JavaScript without template literals, so it can live in this
 * string; it runs offline and touches nothing outside the page.
 */
export const REPORT_SCRIPT = String.raw`(function () {
'use strict';
var D = JSON.parse(document.getElementById('data').textContent);
var main = document.querySelector('main');
var W = Math.max(320, Math.min(760, main.clientWidth - 40));
function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function tail(p) { var s = p.split('.'); return s[s.length - 1]; }
function alpha(hex, a) { var n = parseInt(hex.slice(1), 16); return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')'; }
function fmt(v) { return v === null || v === undefined || !isFinite(v) ? '—' : String(Number(v.toPrecision(3))); }
function chart(parent, opts, data) { if (!opts.legend) opts.legend = { live: false }; var box = el('div', 'chart'); parent.appendChild(box); return new uPlot(opts, data, box); }
var noLine = function () { return null; };
function whiskers(lists) {
  // lists: [{lo: [...], hi: [...], dx: offset in bar widths, colour}]; draws a vertical line per x.
  return function (u) {
    var ctx = u.ctx; ctx.save(); ctx.lineWidth = 1.5 * devicePixelRatio;
    lists.forEach(function (w) {
      ctx.strokeStyle = w.colour;
      for (var i = 0; i < w.lo.length; i++) {
        if (w.lo[i] === null || !isFinite(w.lo[i])) continue;
        var x = u.valToPos(i + w.dx, 'x', true), y0 = u.valToPos(w.lo[i], 'y', true), y1 = u.valToPos(w.hi[i], 'y', true), c = 4 * devicePixelRatio;
        ctx.beginPath(); ctx.moveTo(x, y0); ctx.lineTo(x, y1); ctx.moveTo(x - c, y0); ctx.lineTo(x + c, y0); ctx.moveTo(x - c, y1); ctx.lineTo(x + c, y1); ctx.stroke();
      }
    });
    ctx.restore();
  };
}
function categoryAxis(names) {
  return { splits: function () { return names.map(function (_, i) { return i; }); }, values: function (u, s) { return s.map(function (i) { return names[i] === undefined ? '' : tail(names[i]); }); }, rotate: names.length > 5 ? -30 : 0, size: names.length > 5 ? 80 : 40, gap: 4 };
}

// Recovery curves: median and 10–90% band per mode.
var rec = document.getElementById('recovery');
if (rec && D.recovery.length) {
  var tset = {};
  D.recovery.forEach(function (b) { b.t.forEach(function (t) { if (t <= D.tMax + 1e-9) tset[t] = 1; }); });
  var ts = Object.keys(tset).map(Number).sort(function (a, b) { return a - b; });
  var data = [ts], series = [{ label: 'hours' }], bands = [];
  D.recovery.forEach(function (b) {
    var at = {}; b.t.forEach(function (t, i) { at[t] = i; });
    var pick = function (arr) { return ts.map(function (t) { return at[t] === undefined ? null : arr[at[t]]; }); };
    var c = D.colours[b.label], k = data.length;
    data.push(pick(b.p90), pick(b.median), pick(b.p10));
    series.push({ label: b.label + ' 90%', stroke: alpha(c, 0.35), width: 1, points: { show: false } },
      { label: b.label + ' median (' + b.runs + ' runs)', stroke: c, width: 2, points: { show: false } },
      { label: b.label + ' 10%', stroke: alpha(c, 0.35), width: 1, points: { show: false } });
    bands.push({ series: [k, k + 2], fill: alpha(c, 0.15) });
  });
  chart(rec, { title: 'Share of the gap closed (median, 10–90% band)', width: W, height: 340, series: series, bands: bands, scales: { x: { time: false }, y: { range: [0, 1.02] } }, axes: [{ label: 'hours since the start of the run' }, { label: 'share of the gap closed' }] }, data);
}

// Every metric against every varied parameter.
var metricSel = document.getElementById('metric'), modeSel = document.getElementById('mode');
function output(p, metric, mode) {
  if (metric.indexOf('saving:') === 0) { var s = p.saving[metric.slice(7)]; return s ? s[mode] : null; }
  var m = p.mean[metric]; return m ? m[mode] : null;
}
function drawParams() {
  var box = document.getElementById('params'); if (!box) return;
  box.innerHTML = ''; document.getElementById('heatmap').innerHTML = '';
  var metric = metricSel.value, mode = modeSel.value, isSaving = metric.indexOf('saving:') === 0;
  var note = document.getElementById('metric-note');
  if (isSaving && mode === 'hierarchical') { note.textContent = 'The saving is of another mode against the hierarchy: choose a mode other than hierarchical.'; return; }
  var name = metricSel.options[metricSel.selectedIndex].text, colour = D.colours[mode];
  note.textContent = (D.levels ? 'Pooled over the other parameters at each level, with the 95% bootstrap interval (shaded).' : 'One dot per design point (' + D.points.length + ' points): ') + ' ' + name + (isSaving ? ', 1 − median(' + mode + ') / median(hierarchical) over the paired seeds; above 0 = faster than the hierarchy.' : ', ' + mode + '.');
  D.params.forEach(function (param, d) {
    var title = tail(param.path) + (param.path.indexOf('dummy') === 0 ? ' (dummy: applied to nothing)' : '');
    if (D.levels && isSaving && param.numeric) {
      var L = D.levels[d], est = L.saving[metric.slice(7)][mode] || [];
      var xs = L.values.map(Number), order = xs.map(function (_, i) { return i; }).sort(function (a, b) { return xs[a] - xs[b]; });
      var col = function (k) { return order.map(function (i) { return est[i] ? est[i][k] : null; }); };
      chart(box, { title: title, width: Math.min(W, 370), height: 240, series: [{ label: param.path }, { label: 'saving', stroke: colour, width: 2 }, { label: '95% low', stroke: alpha(colour, 0.3) }, { label: '95% high', stroke: alpha(colour, 0.3) }], bands: [{ series: [3, 2], fill: alpha(colour, 0.15) }], scales: { x: { time: false } }, legend: { show: false }, axes: [{ label: param.path }, { label: 'saving' }] }, [order.map(function (i) { return xs[i]; }), col(0), col(1), col(2)]);
      return;
    }
    var pts = D.points.map(function (p) { return [param.numeric ? p.values[param.path] : String(p.values[param.path]), output(p, metric, mode)]; }).filter(function (q) { return q[1] !== null && q[1] !== undefined; });
    var cats = null;
    if (!param.numeric) { cats = []; pts.forEach(function (q) { if (cats.indexOf(q[0]) < 0) cats.push(q[0]); }); pts = pts.map(function (q) { return [cats.indexOf(q[0]), q[1]]; }); }
    pts.sort(function (a, b) { return a[0] - b[0]; });
    var axes = [cats ? categoryAxis(cats) : { label: param.path }, { label: isSaving ? 'saving' : name }];
    chart(box, { title: title, width: Math.min(W, 370), height: 240, series: [{ label: param.path }, { label: name, stroke: colour, paths: noLine, points: { show: true, size: pts.length > 2000 ? 2 : 4, fill: alpha(colour, 0.5), stroke: alpha(colour, 0.5) } }], scales: { x: { time: false } }, legend: { show: false }, cursor: { show: pts.length < 5000 }, axes: axes }, [pts.map(function (q) { return q[0]; }), pts.map(function (q) { return q[1]; })]);
  });
  // A two-factor grid: a heatmap of the chosen output.
  if (D.design === 'grid' && D.params.length === 2) {
    var a = D.params[0].path, b = D.params[1].path, va = [], vb = [], at = {};
    D.points.forEach(function (p) { if (va.indexOf(p.values[a]) < 0) va.push(p.values[a]); if (vb.indexOf(p.values[b]) < 0) vb.push(p.values[b]); at[p.values[a] + '|' + p.values[b]] = output(p, metric, mode); });
    var vals = Object.keys(at).map(function (k) { return at[k]; }).filter(function (v) { return v !== null && isFinite(v); });
    var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals), span = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    var shade = function (v) {
      if (v === null || !isFinite(v)) return '#eee';
      var f = isSaving ? v / span : (v - lo) / ((hi - lo) || 1) * 2 - 1; // −1 … 1
      return f >= 0 ? 'rgba(31,111,178,' + (0.1 + 0.6 * f) + ')' : 'rgba(192,57,43,' + (0.1 - 0.6 * f) + ')';
    };
    var t = el('table', 'heat'), head = el('tr');
    head.appendChild(el('th', 'l', tail(a) + ' ↓  ' + tail(b) + ' →'));
    vb.forEach(function (v) { head.appendChild(el('th', '', String(v))); });
    t.appendChild(head);
    va.forEach(function (x) { var tr = el('tr'); tr.appendChild(el('th', 'l', String(x))); vb.forEach(function (y) { var v = at[x + '|' + y], td = el('td', '', isSaving ? (v === null ? '—' : Math.round(100 * v) + '%') : fmt(v)); td.style.background = shade(v); tr.appendChild(td); }); t.appendChild(tr); });
    var hm = document.getElementById('heatmap'); hm.appendChild(el('p', 'muted', 'Heatmap of ' + name + ' (' + mode + ') over the two varied parameters' + (isSaving ? ': blue = faster than the hierarchy, red = slower.' : '.'))); hm.appendChild(t);
  }
}
if (metricSel) { metricSel.addEventListener('change', drawParams); modeSel.addEventListener('change', drawParams); drawParams(); }

// Analyses from DIR/analysis.
var an = document.getElementById('analyses');
if (an) D.analyses.forEach(function (a) {
  var sec = el('div'); an.appendChild(sec);
  if (a.stale) sec.appendChild(el('p', 'warn', 'Out of date: this analysis read ' + a.runs + ' runs; the report has ' + D.runs + '. Run npx starling analyze again.'));
  if (a.method === 'morris' || a.method === 'sobol') {
    var rows = a.method === 'morris' ? a.morris.slice().sort(function (x, y) { return y.muStar - x.muStar; }) : a.sobol.indices.slice().sort(function (x, y) { return y.total - x.total; });
    var names = rows.map(function (r) { return r.factor; }), xs = names.map(function (_, i) { return i; });
    var title = a.method === 'morris' ? 'Morris μ* of ' + a.metric + ' (' + a.mode + '), ' + a.points + ' points' : 'Sobol indices of ' + a.metric + ' (' + a.mode + '), ' + a.sobol.samples + ' base samples';
    var series, data, hooks;
    if (a.method === 'morris') {
      series = [{}, { label: 'μ*', fill: alpha('#1f6fb2', 0.7), stroke: '#1f6fb2', paths: uPlot.paths.bars({ size: [0.6] }), points: { show: false } }];
      data = [xs, rows.map(function (r) { return r.muStar; })];
      hooks = whiskers([{ lo: rows.map(function (r) { return r.muStarCi.low; }), hi: rows.map(function (r) { return r.muStarCi.high; }), dx: 0, colour: '#222' }]);
    } else {
      series = [{}, { label: 'first order S', fill: alpha('#2e8b57', 0.75), stroke: '#2e8b57', paths: uPlot.paths.bars({ size: [0.35], align: -1 }), points: { show: false } }, { label: 'total ST', fill: alpha('#1f6fb2', 0.75), stroke: '#1f6fb2', paths: uPlot.paths.bars({ size: [0.35], align: 1 }), points: { show: false } }];
      data = [xs, rows.map(function (r) { return r.first; }), rows.map(function (r) { return r.total; })];
      hooks = whiskers([{ lo: rows.map(function (r) { return r.firstCi.low; }), hi: rows.map(function (r) { return r.firstCi.high; }), dx: -0.17, colour: '#145a32' }, { lo: rows.map(function (r) { return r.totalCi.low; }), hi: rows.map(function (r) { return r.totalCi.high; }), dx: 0.17, colour: '#0b3a66' }]);
    }
    var all = [].concat.apply([], data.slice(1)).concat(rows.map(function (r) { return a.method === 'morris' ? r.muStarCi.high : Math.max(r.firstCi.high, r.totalCi.high); }));
    var ymin = Math.min(0, Math.min.apply(null, rows.map(function (r) { return a.method === 'morris' ? 0 : r.firstCi.low; })));
    chart(sec, { title: title, width: W, height: 300, series: series, scales: { x: { time: false, range: [-0.6, names.length - 0.4] }, y: { range: [ymin, Math.max.apply(null, all) * 1.08] } }, axes: [categoryAxis(names), { label: a.method === 'morris' ? 'μ* (per unit of range)' : 'share of variance' }], hooks: { draw: [hooks] }, cursor: { show: false } }, data);
    var t = el('table'), h = el('tr');
    (a.method === 'morris' ? ['parameter', 'μ*', '95% interval', 'μ', 'σ'] : ['parameter', 'S', '95% interval', 'ST', '95% interval']).forEach(function (x, i) { h.appendChild(el('th', i ? '' : 'l', x)); });
    t.appendChild(h);
    rows.forEach(function (r) { var tr = el('tr'); (a.method === 'morris' ? [r.factor, fmt(r.muStar), '[' + fmt(r.muStarCi.low) + ', ' + fmt(r.muStarCi.high) + ']', fmt(r.mu), fmt(r.sigma)] : [r.factor, fmt(r.first), '[' + fmt(r.firstCi.low) + ', ' + fmt(r.firstCi.high) + ']', fmt(r.total), '[' + fmt(r.totalCi.low) + ', ' + fmt(r.totalCi.high) + ']']).forEach(function (x, i) { tr.appendChild(el('td', i ? '' : 'l', x)); }); t.appendChild(tr); });
    sec.appendChild(t);
  } else if (a.method === 'prim') {
    sec.appendChild(el('p', '', 'PRIM: where ' + a.condition + ' (' + a.mode + '): ' + a.prim.hits + ' of ' + a.points + ' points.'));
    a.prim.boxes.forEach(function (b, k) {
      var tr = b.trajectory.map(function (s, i) { return [s.coverage, s.density, i]; }).sort(function (x, y) { return x[0] - y[0]; });
      var chosen = tr.map(function (q) { return q[2] === b.chosen ? q[1] : null; });
      chart(sec, { title: 'Box ' + (k + 1) + ': peeling trajectory (coverage against density)', width: Math.min(W, 420), height: 260, series: [{ label: 'coverage' }, { label: 'density', stroke: '#1f6fb2', paths: noLine, points: { show: true, size: 5 } }, { label: 'chosen box', stroke: '#c0392b', paths: noLine, points: { show: true, size: 10 } }], scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } }, axes: [{ label: 'coverage' }, { label: 'density' }] }, [tr.map(function (q) { return q[0]; }), tr.map(function (q) { return q[1]; }), chosen]);
      var t = el('table', 'boxes'), h = el('tr');
      ['parameter', 'low', 'high', 'range kept'].forEach(function (x) { h.appendChild(el('th', 'l', x)); });
      t.appendChild(h);
      b.limits.forEach(function (l) {
        var vs = D.points.map(function (p) { return Number(p.values[l.dimension]); }), mn = Math.min.apply(null, vs), mx = Math.max.apply(null, vs), span = (mx - mn) || 1;
        var r = el('tr'); r.appendChild(el('td', '', l.dimension)); r.appendChild(el('td', '', l.lowRestricted ? fmt(l.low) : '(any)')); r.appendChild(el('td', '', l.highRestricted ? fmt(l.high) : '(any)'));
        var cell = el('td'), pad = el('span', 'bar'), bar = el('span', 'bar');
        pad.style.width = Math.round(120 * (l.low - mn) / span) + 'px'; pad.style.background = 'transparent';
        bar.style.width = Math.max(2, Math.round(120 * (l.high - l.low) / span)) + 'px';
        cell.appendChild(pad); cell.appendChild(bar); r.appendChild(cell); t.appendChild(r);
      });
      sec.appendChild(el('p', 'muted', 'Box ' + (k + 1) + ': coverage ' + fmt(b.coverage) + ', density ' + fmt(b.density) + ', mass ' + fmt(b.mass) + (b.limits.length ? '' : ': no restriction')));
      sec.appendChild(t);
    });
  }
});
document.body.setAttribute('data-ready', 'true');
})();`;

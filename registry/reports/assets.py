"""The published site's one stylesheet and one script (registry.reports.site).

The script only hides rows of the vacancy table that the filters leave out; without it every
row is shown and the (hidden) filter form stays hidden. It reads each row's ``data-*`` once,
touches only the rows whose visibility changes, and keeps the filters in the address (``#group=…``)
so a link can open the page filtered.
"""

CSS = """
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none !important}
html{font-size:100%}
body{margin:0;font-family:"Segoe UI","Helvetica Neue",Arial,"Liberation Sans",sans-serif;line-height:1.5;
  color:#1d1d1f;background:#fff}
a{color:#1a4a78}
a:hover{color:#0b2c4d}
a:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #c75b00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:#1a4a78;padding:.5rem 1rem;z-index:2}
.skip:focus{left:.5rem}
header.site{background:#1f4e79;color:#fff;padding:.75rem 1.25rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem}
header.site a{color:#fff}
header.site .site-name{margin:0;font-weight:700;font-size:1.1rem}
header.site .site-name a{text-decoration:none}
header.site nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
header.site nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
header.site .switch{margin:0 0 0 auto}
main{max-width:80rem;margin:0 auto;padding:1rem 1.25rem 2rem}
h1{color:#1f4e79;font-size:1.75rem;line-height:1.2;margin:.5rem 0 .75rem}
h2{color:#1f4e79;font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid #c8d3df;padding-bottom:.2rem}
footer.site{border-top:1px solid #c8d3df;color:#4a4a4a;font-size:.875rem;padding:1rem 1.25rem;max-width:80rem;margin:0 auto}
.meta{color:#4a4a4a;font-size:.9em}
.note{color:#4a4a4a;font-size:.9rem}
.empty{font-style:italic;color:#4a4a4a}
.shown{font-weight:600;margin:.5rem 0}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;background:#f1f4f8;border:1px solid #c8d3df;
  border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
form.filters div{display:flex;flex-direction:column;min-width:12rem;flex:1 1 12rem}
form.filters label{font-weight:600;font-size:.9rem;margin-bottom:.2rem}
form.filters select,form.filters input{font:inherit;padding:.4rem .5rem;border:1px solid #6b7785;border-radius:4px;
  background:#fff;color:#1d1d1f;min-height:2.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0;position:absolute;width:1px;height:1px;overflow:hidden;
  clip:rect(0 0 0 0);white-space:nowrap}
th,td{text-align:left;vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid #dde3ea}
td{overflow-wrap:break-word;hyphens:auto}
thead th{background:#e8eef5;color:#15324f;border-bottom:2px solid #9fb1c4;font-size:.9rem}
tbody th{font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.date{white-space:nowrap;font-variant-numeric:tabular-nums}
tr.vacant td{background:#fff6e5}
table.vacancies{table-layout:fixed}
table.vacancies th.c-board{width:18%}
table.vacancies th.c-seat{width:15%}
table.vacancies th.c-requires{width:27%}
table.vacancies th.c-from,table.vacancies th.c-meeting{width:8.5rem}
table.vacancies th.c-group{width:9%}
#board-vacancies th.c-seat{width:30%}
p.basis{max-width:60rem}
table.seats tbody{border-bottom:2px solid #c8d3df}
dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.5rem 1rem;margin:1rem 0}
dl.facts div{background:#f1f4f8;border-left:4px solid #1f4e79;padding:.4rem .75rem}
dl.facts dt{font-size:.85rem;color:#4a4a4a}
dl.facts dd{margin:0;font-weight:600;font-size:1.05rem}
ul.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
ul.cards li{border:1px solid #c8d3df;border-radius:6px;padding:.75rem 1rem}
ul.cards a{font-weight:700;font-size:1.1rem}
ul.cards p{margin:.25rem 0 0}
.chart svg{max-width:100%;height:auto}
@media (max-width:44rem){
  main{padding:.75rem}
  h1{font-size:1.45rem}
  table,thead,tbody,tr,th,td{display:block}
  thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  table.vacancies{table-layout:auto}
  tbody tr{border:1px solid #c8d3df;border-radius:6px;margin:0 0 .75rem;padding:.25rem .5rem}
  table.seats tbody{border:0}
  table.seats tbody tr{border-radius:0;margin:0;border-width:0 0 1px}
  table.seats tbody th{background:#e8eef5;margin:0 -.5rem;padding:.45rem .5rem}
  th,td{border:0;padding:.2rem 0}
  td[data-label]::before{content:attr(data-label);display:block;font-size:.8rem;font-weight:600;color:#4a4a4a}
  td:empty{display:none}
  td.num{text-align:left}
  dl.facts{grid-template-columns:repeat(2,1fr)}
  table.seats td.c-who::before,table.seats td.c-term::before{content:none}
  table.seats td.c-who{font-weight:600;padding-top:.4rem}
  table.seats td.c-term{color:#4a4a4a;font-size:.9rem}
}
"""

JS = """(function () {
  'use strict';
  var form = document.getElementById('filters');
  var table = document.getElementById('vacancies');
  if (!form || !table) return;
  var win = document.getElementById('f-window'), grp = document.getElementById('f-group'),
      brd = document.getElementById('f-board'), mun = document.getElementById('f-mun'),
      shown = document.getElementById('shown'), none = document.getElementById('none');
  var text = form.getAttribute('data-shown');
  var kkrOf = {};
  for (var i = 0; i < mun.options.length; i++) kkrOf[mun.options[i].value] = mun.options[i].getAttribute('data-kkr') || '';
  var trs = table.tBodies[0].rows, rows = new Array(trs.length);
  for (i = 0; i < trs.length; i++) {
    var r = trs[i];
    rows[i] = {el: r, days: +r.getAttribute('data-days'), group: r.getAttribute('data-group') || '-',
               kkr: r.getAttribute('data-kkr'), mun: (r.getAttribute('data-mun') || '').split(' '), board: r.getAttribute('data-board'), on: true};
  }
  function apply() {
    var w = +win.value, g = grp.value, m = mun.value, mk = m ? kkrOf[m] : '', q = brd.value.trim().toLowerCase(), n = 0;
    for (var i = 0; i < rows.length; i++) {
      var x = rows[i];
      var ok = x.days <= w && (!g || x.group === g) && (!m || x.kkr === mk || x.mun.indexOf(m) >= 0) &&
               (!q || x.board.indexOf(q) >= 0);
      if (ok !== x.on) { x.el.hidden = !ok; x.on = ok; }
      if (ok) n++;
    }
    shown.textContent = text.replace('{n}', n).replace('{total}', rows.length);
    if (none) none.hidden = n > 0;
    table.hidden = n === 0;
    var h = [];
    if (g) h.push('group=' + encodeURIComponent(g));
    if (win.selectedIndex !== win.options.length - 1) h.push('window=' + w);
    if (m) h.push('municipality=' + encodeURIComponent(m));
    if (q) h.push('board=' + encodeURIComponent(q));
    var hash = h.length ? '#' + h.join('&') : '';
    if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname + location.search);
    var links = document.querySelectorAll('a.lang-link');
    for (var j = 0; j < links.length; j++) links[j].href = links[j].href.split('#')[0] + hash;
  }
  function fromHash() {
    var parts = location.hash.replace(/^#/, '').split('&');
    for (var i = 0; i < parts.length; i++) {
      var kv = parts[i].split('='), v = decodeURIComponent(kv[1] || '');
      if (kv[0] === 'group') grp.value = v;
      else if (kv[0] === 'window') win.value = v;
      else if (kv[0] === 'municipality') mun.value = v;
      else if (kv[0] === 'board') brd.value = v;
    }
    if (grp.selectedIndex < 0) grp.value = '';
    if (win.selectedIndex < 0) win.selectedIndex = win.options.length - 1;
    if (mun.selectedIndex < 0) mun.value = '';
  }
  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  win.addEventListener('change', apply);
  grp.addEventListener('change', apply);
  mun.addEventListener('change', apply);
  brd.addEventListener('input', apply);
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
"""

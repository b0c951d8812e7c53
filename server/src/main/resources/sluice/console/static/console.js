// The Sluice console's only script: human times, auto-refresh, action buttons and live events.
// Plain browser JavaScript, no build step. Text from the server or from events is only ever set
// with textContent, never parsed as HTML (the page's markup comes escaped from the server).
(function () {
  'use strict';

  // ---- Times: "3 min ago", the local time as a tooltip. ----
  function parseTime(text) {
    // Instants may carry nanoseconds; Date wants milliseconds.
    var time = Date.parse(String(text).replace(/(\.\d{3})\d+/, '$1'));
    return isNaN(time) ? null : new Date(time);
  }
  function relative(date) {
    var seconds = Math.round((Date.now() - date.getTime()) / 1000);
    var future = seconds < 0;
    var abs = Math.abs(seconds);
    var text;
    if (abs < 5) return 'just now';
    if (abs < 60) text = abs + ' s';
    else if (abs < 3600) text = Math.round(abs / 60) + ' min';
    else if (abs < 86400) text = Math.round(abs / 3600) + ' h';
    else if (abs < 86400 * 45) text = Math.round(abs / 86400) + ' d';
    else return date.toLocaleDateString();
    return future ? 'in ' + text : text + ' ago';
  }
  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = '0' + text;
    return text;
  }
  // A log line's time: the local time of day to the millisecond, the date in the tooltip.
  function clock(date) {
    return pad(date.getHours(), 2) + ':' + pad(date.getMinutes(), 2) + ':' + pad(date.getSeconds(), 2) + '.'
      + pad(date.getMilliseconds(), 3);
  }
  function humanTimes(root) {
    (root || document).querySelectorAll('time[datetime]').forEach(function (element) {
      var date = parseTime(element.getAttribute('datetime'));
      if (date) {
        element.textContent = element.classList.contains('clock') ? clock(date) : relative(date);
        element.title = date.toLocaleString();
      }
    });
  }
  window.sluiceTimes = { parse: parseTime, relative: relative };

  // ---- Messages. ----
  var toastTimer;
  function toast(text, bad) {
    var box = document.getElementById('toast');
    if (!box) return;
    box.textContent = text;
    box.className = bad ? 'bad' : '';
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, 6000);
  }

  // ---- Auto-refresh: the page's main content is fetched again and swapped in. ----
  var refreshSeconds = Number(document.body.getAttribute('data-refresh')) || 0;
  var autoRefresh = document.getElementById('auto-refresh');
  if (autoRefresh) {
    autoRefresh.checked = localStorage.getItem('sluice.autoRefresh') !== 'off';
    autoRefresh.addEventListener('change', function () {
      localStorage.setItem('sluice.autoRefresh', autoRefresh.checked ? 'on' : 'off');
    });
  }
  function refresh() {
    return fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (response.redirected && /\/login$/.test(response.url)) {
          window.location.href = '/login';
          return null;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('content');
        var content = document.getElementById('content');
        if (fresh && content) {
          content.replaceWith(fresh);
          humanTimes(fresh);
          document.body.setAttribute('data-refreshed', String(Date.now()));
        }
      });
  }
  // Someone typing, filtering or reading folded-out text would lose it to a swap: wait until they are done.
  function busy() {
    var content = document.getElementById('content');
    var active = document.activeElement;
    if (!content || (active && content.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return true;
    if (content.querySelector('details[open]')) return true;
    return Array.prototype.some.call(content.querySelectorAll('input'), function (input) { return input.value !== ''; });
  }
  if (refreshSeconds > 0) {
    setInterval(function () {
      if ((!autoRefresh || autoRefresh.checked) && !document.hidden && !busy()) refresh();
    }, refreshSeconds * 1000);
  }

  // ---- Buttons that call the admin API (the session cookie stands for the admin token). ----
  function callApi(button, url, body, next, done) {
    button.disabled = true;
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: body || '{}'
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (response.status === 401) {
          window.location.href = '/login';
          return;
        }
        if (!response.ok) {
          toast((json && json.message) || ('HTTP ' + response.status), true);
          return;
        }
        toast(done || 'Started.');
        if (next === 'run' && json.id) {
          window.location.href = '/runs/' + encodeURIComponent(json.id);
        } else if (next === 'reload') {
          setTimeout(refresh, 800);
        }
      });
    }).catch(function (error) {
      toast(String(error), true);
    }).finally(function () {
      button.disabled = false;
    });
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-api]');
    if (!button) return;
    event.preventDefault();
    if (button.hasAttribute('data-confirm') && !window.confirm(button.getAttribute('data-confirm'))) return;
    callApi(button, button.getAttribute('data-api'), button.getAttribute('data-body'), button.getAttribute('data-then'),
      button.getAttribute('data-done'));
  });

  // ---- The overview's run form: the selectors go to POST /api/runs, the browser follows the run. ----
  document.addEventListener('submit', function (event) {
    var form = event.target.closest('#run-form');
    if (!form) return;
    event.preventDefault();
    var select = form.querySelector('#select').value.split(/\s+/).filter(function (word) { return word; });
    callApi(form.querySelector('button'), '/api/runs', JSON.stringify({ select: select, trigger: 'console' }), 'run',
      'Run started');
  });

  // ---- A run that is still going: its page refreshes until it ends. ----
  if (document.querySelector('[data-live-run="true"]')) {
    setTimeout(function () { window.location.reload(); }, 1000);
  }

  // ---- The DAG: hovering a model lights its edges. ----
  var dag = document.getElementById('dag');
  if (dag) {
    dag.addEventListener('mouseover', function (event) {
      var node = event.target.closest('g.node');
      dag.querySelectorAll('.edge.lit').forEach(function (edge) { edge.classList.remove('lit'); });
      if (!node) return;
      var name = node.getAttribute('data-model');
      dag.querySelectorAll('.edge').forEach(function (edge) {
        if (edge.getAttribute('data-from') === name || edge.getAttribute('data-to') === name) edge.classList.add('lit');
      });
    });
  }

  humanTimes(document);
  setInterval(function () { humanTimes(document); }, 30000);
  window.sluiceConsole = { humanTimes: humanTimes, toast: toast, refresh: refresh };
})();

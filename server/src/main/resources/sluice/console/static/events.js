// Live events: polls /api/events, shows each event as a row (time, type, name, user, source) that
// expands to its JSON; a filter and a pause. Event content is only ever set with textContent.
(function () {
  'use strict';
  var KEPT = 500;
  var after = 0;
  var paused = false;
  var missed = 0;
  var body = document.querySelector('#events tbody');
  var filter = document.getElementById('event-filter');
  var typeFilter = document.getElementById('event-type');
  var pause = document.getElementById('pause');
  var state = document.getElementById('pause-state');
  var empty = document.getElementById('no-events');

  function text(value) {
    return value === undefined || value === null ? '' : String(value);
  }
  function nameOf(event) {
    if (event.type === 'track') return text(event.event);
    if (event.type === 'page' || event.type === 'screen') return text(event.name || (event.properties && event.properties.name));
    if (event.type === 'group') return text(event.groupId);
    if (event.type === 'alias') return text(event.previousId);
    return '';
  }
  function cell(row, value, className) {
    var td = document.createElement('td');
    td.textContent = value;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }
  function matches(row) {
    var wanted = filter.value.trim().toLowerCase();
    var type = typeFilter.value;
    if (type && row.getAttribute('data-type') !== type) return false;
    return !wanted || row.getAttribute('data-search').indexOf(wanted) >= 0;
  }
  function applyFilter() {
    var shown = 0;
    body.querySelectorAll('tr.event').forEach(function (row) {
      var visible = matches(row);
      row.hidden = !visible;
      var detail = row.nextElementSibling;
      if (detail && detail.classList.contains('detail')) detail.hidden = !visible || !row.classList.contains('open');
      if (visible) shown++;
    });
    document.getElementById('shown').textContent = shown + ' shown';
    empty.hidden = body.querySelector('tr.event') !== null;
  }
  function toggle(row) {
    var next = row.nextElementSibling;
    if (next && next.classList.contains('detail')) {
      row.classList.remove('open');
      next.remove();
      return;
    }
    var detail = document.createElement('tr');
    detail.className = 'detail';
    var td = document.createElement('td');
    td.colSpan = 6;
    var pre = document.createElement('pre');
    pre.textContent = JSON.stringify(JSON.parse(row.getAttribute('data-json')), null, 2);
    td.appendChild(pre);
    detail.appendChild(td);
    row.after(detail);
    row.classList.add('open');
  }
  function add(sample) {
    var event = sample.event || {};
    var row = document.createElement('tr');
    row.className = 'event';
    row.setAttribute('data-sequence', sample.sequence);
    row.setAttribute('data-type', text(event.type));
    row.setAttribute('data-json', JSON.stringify(event));
    var user = text(event.userId || event.anonymousId);
    row.setAttribute('data-search', [event.type, nameOf(event), user, sample.source, JSON.stringify(event)]
      .join(' ').toLowerCase());
    var when = document.createElement('time');
    when.setAttribute('datetime', sample.receivedAt);
    var date = window.sluiceTimes.parse(sample.receivedAt);
    when.textContent = date ? window.sluiceTimes.relative(date) : text(sample.receivedAt);
    if (date) when.title = date.toLocaleString();
    cell(row, '').appendChild(when);
    cell(row, text(event.type), 'type');
    cell(row, nameOf(event), 'name');
    cell(row, user, 'user mono');
    cell(row, text(sample.source), 'source');
    cell(row, '#' + sample.sequence, 'num muted');
    row.hidden = !matches(row);
    body.insertBefore(row, body.firstChild);
  }
  var PAGE = 100;
  var latest = 0;
  function poll() {
    // Only the events after the newest one shown (?after=); the newest page instead at the start, or when more
    // arrived than a page holds since (a live view never falls behind).
    var url = after === 0 || latest - after > PAGE ? '/api/events?limit=' + PAGE
      : '/api/events?after=' + after + '&limit=' + PAGE;
    var again = 1000;
    fetch(url, { credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 401) {
          window.location.href = '/login';
          throw new Error('logged out');
        }
        return response.json();
      })
      .then(function (page) {
        latest = page.lastSequence;
        var fresh = page.events.filter(function (sample) { return sample.sequence > after; })
          .sort(function (a, b) { return a.sequence - b.sequence; });
        if (paused) {
          missed = Math.max(0, latest - after);
          state.textContent = missed ? 'paused, ' + missed + ' new' : 'paused';
        } else {
          fresh.forEach(function (sample) {
            add(sample);
            after = Math.max(after, sample.sequence);
          });
          var rows = body.querySelectorAll('tr.event');
          for (var index = KEPT; index < rows.length; index++) {
            var detail = rows[index].nextElementSibling;
            if (detail && detail.classList.contains('detail')) detail.remove();
            rows[index].remove();
          }
          applyFilter();
          // A full page: more are waiting, fetch them now.
          if (page.events.length === PAGE && latest > after) again = 50;
        }
        document.getElementById('rate').textContent = page.eventsPerSecond.toFixed(2) + ' events/s';
        document.body.setAttribute('data-polled', String(Date.now()));
        document.body.setAttribute('data-events-url', url);
      })
      .catch(function () {})
      .finally(function () { setTimeout(poll, again); });
  }
  body.addEventListener('click', function (event) {
    var row = event.target.closest('tr.event');
    if (row) toggle(row);
  });
  filter.addEventListener('input', applyFilter);
  typeFilter.addEventListener('change', applyFilter);
  pause.addEventListener('click', function () {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
    state.textContent = paused ? 'paused' : '';
    state.className = paused ? 'paused' : '';
    missed = 0;
  });
  poll();
})();

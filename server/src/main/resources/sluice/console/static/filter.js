// The models page's filter: hides the rows whose text does not contain what was typed. Listens on the
// document, so it keeps working after an auto-refresh swaps the table.
(function () {
  'use strict';
  document.addEventListener('input', function (event) {
    if (event.target.id !== 'model-filter') return;
    var wanted = event.target.value.trim().toLowerCase();
    document.querySelectorAll('#model-list tbody tr').forEach(function (row) {
      row.hidden = wanted !== '' && row.textContent.toLowerCase().indexOf(wanted) < 0;
    });
  });
})();

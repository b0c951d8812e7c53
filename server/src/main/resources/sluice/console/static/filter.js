// The models page's filter: hides the rows whose text does not contain what was typed.
(function () {
  'use strict';
  var input = document.getElementById('model-filter');
  input.addEventListener('input', function () {
    var wanted = input.value.trim().toLowerCase();
    document.querySelectorAll('#model-list tbody tr').forEach(function (row) {
      row.hidden = wanted !== '' && row.textContent.toLowerCase().indexOf(wanted) < 0;
    });
  });
})();

// Refreshes the parts of a page marked data-refresh="URL" data-every="seconds" in place (data-now: load at once too).
// If the session has expired, the server answers with the login page: then reload.
(function () {
  function refresh(el) {
    fetch(el.dataset.refresh, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) {
        if (r.redirected && r.url.indexOf('/login') >= 0) { window.location.reload(); return null; }
        return r.ok ? r.text() : null;
      })
      .then(function (html) { if (html !== null) { el.innerHTML = html; } })
      .catch(function () { /* offline for a moment: keep what is shown */ });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-refresh]').forEach(function (el) {
      var every = parseInt(el.dataset.every || '5', 10) * 1000;
      if (el.hasAttribute('data-now')) { refresh(el); }
      setInterval(function () { refresh(el); }, every);
    });
  });
})();

// What cannot be undone asks first: a form with data-confirm="question" is sent only when the
// user confirms (delegated, so forms inside refreshed fragments ask too).
document.addEventListener('submit', function (e) {
  var form = e.target;
  if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    e.preventDefault();
  }
}, true);

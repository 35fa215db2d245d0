// Progressive enhancement only: every page works without this file.
// Moves keyboard focus to a form's error summary so screen readers announce it.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("form-errors");
  if (box) box.focus();
});

// Search suggestions: fills the datalist of an input with data-suggest from
// the suggest API as the user types. Without JavaScript the form simply
// submits to the results page.
(function () {
  var inputs = document.querySelectorAll("input[data-suggest]");
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null, last = "";
    if (!list || !window.fetch) return;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        fetch(input.getAttribute("data-suggest") + "?limit=8&q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) {
            list.textContent = "";
            (data.items || []).forEach(function (s) {
              var o = document.createElement("option");
              o.value = s.title;
              list.appendChild(o);
            });
          })
          .catch(function () {});
      }, 150);
    });
  });
})();

// Progressive enhancement only: every page works without this file.
// Moves keyboard focus to a form's error summary so screen readers announce it.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("form-errors");
  if (box) box.focus();
});

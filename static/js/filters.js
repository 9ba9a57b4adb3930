// List filters (exercises, workouts): the panel stays open beside the results on wide screens (CSS alone does it where
// ::details-content is supported); after "Show results" the form lands on #result-count, focused here so a
// screen reader starts at the new count. Without JS the panel still opens and applies as a plain form.
(function () {
  var panel = document.getElementById("filter-panel");
  if (!panel) return;
  var wide = window.matchMedia("(min-width: 60rem)");
  function fit() { if (wide.matches) panel.open = true; }
  fit();
  wide.addEventListener("change", fit);
  var count = document.getElementById("result-count");
  if (count && location.hash === "#result-count") count.focus();
})();

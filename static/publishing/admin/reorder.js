"use strict";
// Drag-and-drop (or ↑/↓ buttons, for the keyboard) ordering of every admin inline that has an order column.
// The rows' DOM order is the truth; on submit it is written into the order inputs as 1, 2, 3…
(function () {
  const names = { "Drag to reorder": "drag", "Move up": "up", "Move down": "down", "Moved to position %s of %s.": "moved" };
  // The labels come translated from the page (#editor-strings); English when it has none.
  const text = (key) => document.getElementById("editor-strings")?.dataset[names[key]] || key;

  function orderInputs(group) {
    return Array.from(group.querySelectorAll('input[name$="-order"]')).filter(
      (input) => /-\d+-order$/.test(input.name) && !input.closest(".empty-form")
    );
  }

  function rowOf(input) {
    return input.closest("tr.form-row, .inline-related");
  }

  function rows(group) {
    return orderInputs(group).map(rowOf);
  }

  function indexOf(row) {
    const input = row.querySelector('input[name$="-order"]');
    return Number(input.name.match(/-(\d+)-order$/)[1]);
  }

  function errorRowOf(row) {
    const previous = row.previousElementSibling;
    return previous && previous.classList.contains("row-form-errors") ? previous : null;
  }

  function placeBefore(row, anchor) {
    const errors = errorRowOf(row);
    anchor.parentNode.insertBefore(row, anchor);
    if (errors) row.parentNode.insertBefore(errors, row);
  }

  function isBlankNewRow(row) {
    if (row.classList.contains("has_original")) return false;
    return Array.from(row.querySelectorAll("input[type=text], input[type=number], textarea, select")).every(
      (field) => field.name.endsWith("-order") || field.value === "" || field.value === field.defaultValue
    );
  }

  function announce(group, row) {
    const all = rows(group);
    const live = group.querySelector(".reorder-status");
    live.textContent = text("Moved to position %s of %s.")
      .replace("%s", all.indexOf(row) + 1)
      .replace("%s", all.length);
  }

  function move(group, row, step) {
    const all = rows(group);
    const position = all.indexOf(row);
    const other = all[position + step];
    if (!other) return;
    if (step < 0) placeBefore(row, errorRowOf(other) || other);
    else placeBefore(other, errorRowOf(row) || row);
    announce(group, row);
  }

  function button(label, symbol, className) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = symbol;
    element.setAttribute("aria-label", label);
    element.title = label;
    return element;
  }

  function addControls(group, input) {
    const row = rowOf(input);
    if (!row || row.querySelector(".reorder-controls")) return;
    input.type = "hidden";
    const controls = document.createElement("span");
    controls.className = "reorder-controls";
    const handle = button(text("Drag to reorder"), "⠿", "reorder-handle");
    const up = button(text("Move up"), "↑", "reorder-up");
    const down = button(text("Move down"), "↓", "reorder-down");
    up.addEventListener("click", () => { move(group, row, -1); up.focus(); });
    down.addEventListener("click", () => { move(group, row, 1); down.focus(); });
    handle.addEventListener("keydown", (event) => {
      const step = { ArrowUp: -1, ArrowDown: 1 }[event.key];
      if (step) { event.preventDefault(); move(group, row, step); handle.focus(); }
    });
    // Only the handle starts a drag, so text in the row's fields can still be selected with the mouse.
    handle.addEventListener("pointerdown", () => { row.draggable = true; });
    row.addEventListener("dragstart", (event) => {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", "");
      group.dragged = row;
      row.classList.add("reorder-dragging");
    });
    row.addEventListener("dragend", () => {
      row.draggable = false;
      row.classList.remove("reorder-dragging");
      if (group.dragged) announce(group, group.dragged);
      group.dragged = null;
    });
    row.addEventListener("dragover", (event) => {
      const dragged = group.dragged;
      if (!dragged || dragged === row) return;
      event.preventDefault();
      const box = row.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      const all = rows(group);
      const anchor = after ? all[all.indexOf(row) + 1] : row;
      if (anchor === dragged) return;
      if (anchor) placeBefore(dragged, errorRowOf(anchor) || anchor);
      else placeBefore(dragged, row.nextElementSibling);
    });
    row.addEventListener("drop", (event) => event.preventDefault());
    controls.append(handle, up, down);
    input.after(controls);
  }

  function setUp(group) {
    if (!orderInputs(group).length) return;
    if (!group.querySelector(".reorder-status")) {
      const live = document.createElement("p");
      live.className = "reorder-status";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      group.prepend(live);
    }
    orderInputs(group).forEach((input) => addControls(group, input));
  }

  function numberRows(form) {
    form.querySelectorAll(".inline-group").forEach((group) => {
      let position = 0;
      rows(group).forEach((row) => {
        if (isBlankNewRow(row)) return; // an untouched extra row stays unchanged, so it is not validated
        position += 1;
        row.querySelector('input[name$="-order"]').value = position;
      });
    });
  }

  // Django's inlines.js renames every row by its DOM position when an unsaved row is deleted; saved rows must
  // keep the first numbers, so put the rows back in number order for that, then restore the editor's order.
  function keepNumbersOnDelete(event) {
    const link = event.target.closest(".inline-deletelink");
    const group = link && link.closest(".inline-group");
    if (!group || !rows(group).length) return;
    const removed = link.closest("tr.form-row, .inline-related");
    const inDomOrder = rows(group);
    const parent = inDomOrder[0].parentNode;
    const after = inDomOrder[inDomOrder.length - 1].nextElementSibling; // the template or "Add another" row
    const visual = inDomOrder.filter((row) => row !== removed);
    const inIndexOrder = [...inDomOrder].sort((a, b) => indexOf(a) - indexOf(b));
    inIndexOrder.forEach((row) => moveTo(parent, row, after));
    window.setTimeout(() => visual.forEach((row) => moveTo(parent, row, after)), 0);
  }

  function moveTo(parent, row, before) {
    const errors = errorRowOf(row);
    parent.insertBefore(row, before);
    if (errors) parent.insertBefore(errors, row);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".inline-group").forEach(setUp);
    document.addEventListener("formset:added", (event) => setUp(event.target.closest(".inline-group")));
    document.addEventListener("click", keepNumbersOnDelete, true);
    document.querySelectorAll("form").forEach((form) => form.addEventListener("submit", () => numberRows(form)));
  });
})();

"use strict";
// "Preview" beside the Markdown body: the server renders it with the site's own renderer and sanitiser.
(function () {
  const names = { Preview: "preview", Edit: "edit", "The preview could not be made; your text is unchanged.": "failed" };
  // The labels come translated from the page (#editor-strings); English when it has none.
  const text = (key) => document.getElementById("editor-strings")?.dataset[names[key]] || key;

  function setUp(textarea) {
    const form = textarea.form;
    const url = textarea.dataset.markdown;
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "button markdown-preview-toggle";
    toggle.textContent = text("Preview");
    toggle.setAttribute("aria-expanded", "false");
    const panel = document.createElement("div");
    panel.className = "markdown-preview";
    panel.id = textarea.id + "_preview";
    panel.hidden = true;
    panel.setAttribute("aria-live", "polite");
    toggle.setAttribute("aria-controls", panel.id);
    textarea.after(toggle, panel);
    toggle.addEventListener("click", async () => {
      if (!panel.hidden) {
        panel.hidden = true;
        textarea.hidden = false;
        toggle.textContent = text("Preview");
        toggle.setAttribute("aria-expanded", "false");
        textarea.focus();
        return;
      }
      const body = new FormData();
      body.append("text", textarea.value);
      const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
      const response = await fetch(url, { method: "POST", body, headers: { "X-CSRFToken": token }, credentials: "same-origin" });
      if (!response.ok) {
        panel.textContent = text("The preview could not be made; your text is unchanged.");
      } else {
        panel.innerHTML = (await response.json()).html; // sanitised by the server (nh3 allow-list)
      }
      panel.hidden = false;
      textarea.hidden = true;
      toggle.textContent = text("Edit");
      toggle.setAttribute("aria-expanded", "true");
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("textarea[data-markdown]").forEach(setUp);
  });
})();

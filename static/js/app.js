// Small progressive enhancements: drag-and-drop upload with per-file progress,
// adding a claim from a text selection, and keyboard shortcuts on pages that declare them.
(function () {
  "use strict";

  function csrfToken() {
    const headers = document.body.getAttribute("hx-headers");
    try { return JSON.parse(headers)["X-CSRFToken"]; } catch (e) { return ""; }
  }

  // ---- Upload with progress -------------------------------------------------------------
  function uploadOne(url, file, list) {
    const item = document.createElement("li");
    const bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    const label = document.createElement("span");
    label.textContent = " " + file.name + ": uploading…";
    item.append(bar, label);
    list.append(item);
    const form = new FormData();
    form.append("files", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("X-CSRFToken", csrfToken());
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
    xhr.onload = () => {
      bar.value = 100;
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) {
        const links = (body.letters || []).map((l) => {
          const a = document.createElement("a");
          a.href = l.page_url; a.textContent = l.duplicate ? "already in the workbench" : "received, processing";
          return a;
        });
        label.textContent = " " + file.name + ": ";
        links.forEach((a) => label.append(a, " "));
      } else {
        item.classList.add("error");
        label.textContent = " " + file.name + ": " + ((body.error && body.error.message) || "upload failed (" + xhr.status + ")");
      }
    };
    xhr.onerror = () => { label.textContent = " " + file.name + ": network error"; };
    xhr.send(form);
  }

  function setupUpload() {
    const form = document.getElementById("upload-form");
    if (!form) return;
    const zone = document.getElementById("dropzone");
    const input = document.getElementById("id_files");
    const list = document.getElementById("upload-progress");
    const send = (files) => Array.from(files).forEach((f) => uploadOne(form.dataset.api, f, list));
    input.addEventListener("change", () => { send(input.files); input.value = ""; });
    ["dragenter", "dragover"].forEach((t) => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.add("over"); }));
    ["dragleave", "drop"].forEach((t) => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.remove("over"); }));
    zone.addEventListener("drop", (e) => send(e.dataTransfer.files));
  }

  // ---- Add a claim from the selected text -----------------------------------------------
  function selectionOffsets(container) {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!container.contains(range.commonAncestorContainer)) return null;
    const pre = document.createRange();
    pre.selectNodeContents(container);
    pre.setEnd(range.startContainer, range.startOffset);
    const start = pre.toString().length;
    return { start: start, end: start + range.toString().length };
  }

  function setupAddClaim() {
    const button = document.getElementById("add-claim-btn");
    const text = document.getElementById("letter-text");
    if (!button || !text) return;
    const add = () => {
      const span = selectionOffsets(text);
      if (!span) { alert("Select the words of the claim in the letter text first."); return; }
      const body = new URLSearchParams({ start: span.start, end: span.end });
      fetch(button.dataset.url, { method: "POST", body: body, headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" } })
        .then((r) => (r.ok ? window.location.reload() : r.text().then((m) => alert(m))));
    };
    button.addEventListener("click", add);
    document.addEventListener("keydown", (e) => {
      if (e.key === "a" && !e.ctrlKey && !e.metaKey && !/INPUT|TEXTAREA|SELECT/.test(e.target.tagName) && selectionOffsets(text)) add();
    });
    text.addEventListener("click", (e) => {
      const mark = e.target.closest("mark[data-claim]");
      if (!mark) return;
      const item = document.getElementById("c" + mark.dataset.claim);
      if (item) { item.scrollIntoView({ block: "nearest" }); item.classList.add("active"); setTimeout(() => item.classList.remove("active"), 1500); }
    });
  }

  document.addEventListener("DOMContentLoaded", () => { setupUpload(); setupAddClaim(); });
})();

// ---- Evidence on the claim page: add-mode tabs, letter passage picking, error swaps -------
(function () {
  "use strict";

  function passageOffsets(container) {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
    const pre = document.createRange();
    pre.selectNodeContents(container);
    pre.setEnd(range.startContainer, range.startOffset);
    const start = pre.toString().length;
    return { start: start, end: start + range.toString().length, text: range.toString() };
  }

  function selectTab(button) {
    const section = button.closest(".evidence-add");
    if (!section) return;
    const mode = button.dataset.evidenceTab;
    section.querySelectorAll("[data-evidence-tab]").forEach((b) => b.setAttribute("aria-selected", String(b === button)));
    section.querySelectorAll("[data-evidence-panel]").forEach((p) => { p.hidden = p.dataset.evidencePanel !== mode; });
    const modeInput = section.querySelector("#evidence-mode");
    if (modeInput) modeInput.value = mode;
    const panel = section.querySelector('[data-evidence-panel="' + mode + '"]');
    const first = panel && panel.querySelector("input:not([type=hidden])");
    if (first) first.focus();
  }

  function recordPassage() {
    const text = document.getElementById("evidence-letter-text");
    if (!text) return;
    const span = passageOffsets(text);
    if (!span) return;
    document.getElementById("evidence-passage-start").value = span.start;
    document.getElementById("evidence-passage-end").value = span.end;
    const label = document.getElementById("evidence-passage-label");
    if (label) label.textContent = "Selected characters " + span.start + "–" + span.end + ": “" + span.text.slice(0, 200) + (span.text.length > 200 ? "…" : "") + "”";
  }

  document.addEventListener("click", (e) => {
    const tab = e.target.closest("[data-evidence-tab]");
    if (tab) selectTab(tab);
  });
  document.addEventListener("mouseup", recordPassage);
  document.addEventListener("keyup", (e) => { if (e.shiftKey || e.key === "Shift") recordPassage(); });
  // "e" jumps to the add-evidence box (paste a URL, press Enter).
  document.addEventListener("keydown", (e) => {
    if (e.key !== "e" || e.ctrlKey || e.metaKey || e.altKey || /INPUT|TEXTAREA|SELECT/.test(e.target.tagName)) return;
    const url = document.getElementById("evidence-url");
    if (url) { e.preventDefault(); url.scrollIntoView({ block: "center" }); url.focus(); }
  });
  // The evidence section answers bad input with status 400 and the message in the fragment.
  document.addEventListener("htmx:beforeSwap", (e) => {
    const xhr = e.detail.xhr;
    if (xhr && xhr.status === 400 && e.detail.target && e.detail.target.closest("[data-swap-errors]")) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
})();

// ---- Review: keyboard triage (j/k or arrows, a accept, d then 1-3 dismiss, o open, ? help) ----
(function () {
  "use strict";

  function card() { return document.getElementById("triage-card"); }
  function press(key) {
    const el = card() && card().querySelector('[data-key="' + key + '"]');
    if (!el) return;
    if (el.tagName === "FORM") { const b = el.querySelector("button[type=submit]"); if (b) b.click(); }
    else if (el.tagName === "A") { window.location.href = el.href; }
    else if (!el.disabled) { el.click(); }
  }
  function dismissing(on) {
    const form = card() && card().querySelector(".dismiss-form");
    if (form) form.classList.toggle("armed", on);
    return form;
  }

  function setup() {
    const root = document.querySelector("[data-triage]");
    if (!root) return;
    const help = document.getElementById("triage-help");
    let armed = false;
    // htmx wires up a swapped-in card only when it settles: keys pressed before then wait,
    // so a fast typist never submits a form the ordinary way (a full page load).
    let busy = false;
    const pending = [];
    document.body.addEventListener("htmx:beforeRequest", () => { busy = true; });
    document.body.addEventListener("htmx:afterSettle", () => {
      busy = false;
      while (!busy && pending.length) handle(pending.shift());
    });
    document.body.addEventListener("htmx:responseError", () => { busy = false; });
    document.body.addEventListener("htmx:sendError", () => { busy = false; });
    document.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || /INPUT|TEXTAREA|SELECT/.test(e.target.tagName)) return;
      if (e.key === "?") { e.preventDefault(); if (help.open) help.close(); else help.showModal(); return; }
      if (help.open) return;
      if (busy) { if (e.key.length === 1 || e.key.startsWith("Arrow")) { e.preventDefault(); pending.push(e.key); } return; }
      if (handle(e.key)) e.preventDefault();
    });
    function handle(key) {
      const e = { key: key };
      if (e.key === "Escape") { armed = false; dismissing(false); return true; }
      if (armed && /^[1-9]$/.test(e.key)) {
        const b = card() && card().querySelector('[data-reason="' + e.key + '"]');
        armed = false; dismissing(false);
        if (b) b.click();
        return true;
      }
      const map = { j: "next", ArrowRight: "next", ArrowDown: "next", k: "prev", ArrowLeft: "prev", ArrowUp: "prev", a: "accept", o: "open" };
      if (e.key === "d") { armed = !!dismissing(true); return true; }
      if (map[e.key]) { armed = false; dismissing(false); press(map[e.key]); return true; }
      return false;
    }
  }

  document.addEventListener("DOMContentLoaded", setup);
})();

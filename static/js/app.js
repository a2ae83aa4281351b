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

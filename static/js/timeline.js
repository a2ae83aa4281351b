// Timeline: draws the bars the server aggregated (GET data-src -> JSON) as an SVG, and lists
// the claims behind a bar (GET data-bar&start&end -> an HTML fragment rendered and escaped by
// the server). No inline script: the page passes its URLs in data-* attributes.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const HEIGHT = 220, TOP = 18, BOTTOM = 34, LEFT = 36;

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function fmt(iso) {
    const d = new Date(iso + "T00:00:00Z");
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }

  function describe(bar, bucket) {
    const when = bucket === "day" ? fmt(bar.start) : fmt(bar.start) + " to " + fmt(bar.end);
    const parts = bar.stacks.map((s) => s.n + " " + s.label);
    return when + ": " + bar.total + " claim" + (bar.total === 1 ? "" : "s") +
      (bar.incidents ? ", " + bar.incidents + " incident" + (bar.incidents === 1 ? "" : "s") : "") +
      " (" + parts.join(", ") + ")";
  }

  function loadBar(root, url) {
    const target = document.getElementById("timeline-bar");
    target.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then((r) => r.text())
      .then((html) => {
        target.innerHTML = html;  // server-rendered, escaped fragment
        target.removeAttribute("aria-busy");
        const heading = target.querySelector("h2");
        if (heading) heading.focus();
      });
  }

  function draw(root, data) {
    const status = document.getElementById("timeline-status");
    const legendList = document.getElementById("timeline-legend");
    root.textContent = "";
    legendList.textContent = "";
    const colours = {};
    data.legend.forEach((item) => {
      colours[item.label] = item.colour;
      const li = document.createElement("li");
      const sw = el("svg", { width: 12, height: 12, "aria-hidden": "true" });
      el("rect", { width: 12, height: 12, fill: item.colour }, sw);
      li.append(sw, " " + item.label);
      legendList.appendChild(li);
    });
    const bars = data.bars;
    status.textContent = bars.length
      ? data.claims + " claims in " + bars.length + " " + data.bucket + "s"
      : "No specific claims with an event date match these filters.";
    if (!bars.length) return;
    setTimeout(() => document.dispatchEvent(new Event("timeline:drawn")), 0);
    const order = data.legend.map((l) => l.label);
    // A real time axis: each bar sits at its date, so quiet periods show as gaps.
    const slot = (iso) => {
      const d = new Date(iso + "T00:00:00Z"), first = new Date(bars[0].start + "T00:00:00Z");
      if (data.bucket === "month") return (d.getUTCFullYear() - first.getUTCFullYear()) * 12 + d.getUTCMonth() - first.getUTCMonth();
      return Math.round((d - first) / 86400000 / (data.bucket === "week" ? 7 : 1));
    };
    const slots = slot(bars[bars.length - 1].start) + 1;
    const avail = Math.max(320, root.parentElement.clientWidth - LEFT - 8);
    const step = Math.max(6, Math.min(48, Math.floor(avail / slots)));
    const width = LEFT + slots * step + 8;
    const max = Math.max(...bars.map((b) => b.total));
    const plot = HEIGHT - TOP - BOTTOM;
    const svg = el("svg", { width: width, height: HEIGHT, viewBox: "0 0 " + width + " " + HEIGHT,
      role: "group", "aria-label": "Claims per " + data.bucket + " by verdict", class: "timeline-svg" }, root);
    el("line", { x1: LEFT, y1: TOP + plot, x2: width, y2: TOP + plot, stroke: "#59636e" }, svg);
    el("text", { x: LEFT - 4, y: TOP + 4, "text-anchor": "end", "font-size": 11, fill: "#1f2328" }, svg).textContent = max;
    el("text", { x: LEFT - 4, y: TOP + plot, "text-anchor": "end", "font-size": 11, fill: "#1f2328" }, svg).textContent = "0";
    let lastLabel = -Infinity;
    bars.forEach((bar) => {
      const x = LEFT + slot(bar.start) * step;
      const g = el("g", { tabindex: 0, role: "button", class: "tl-bar", "data-start": bar.start,
        "data-end": bar.end, "aria-label": describe(bar, data.bucket) }, svg);
      el("title", {}, g).textContent = describe(bar, data.bucket);
      el("rect", { x: x, y: TOP, width: step, height: plot, fill: "transparent", class: "tl-hit" }, g);
      let y = TOP + plot;
      bar.stacks.sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label)).forEach((s) => {
        const h = (s.n / max) * plot;
        y -= h;
        el("rect", { x: x + 1, y: y, width: Math.max(1, step - 2), height: Math.max(h, 0.5), fill: colours[s.label] || "#8c959f" }, g);
      });
      if (bar.incidents) {
        const cx = x + step / 2, cy = y - 7;
        el("path", { d: "M" + cx + " " + (cy - 5) + "l5 5-5 5-5-5z", fill: "#1f2328" }, g);
      }
      if (x - lastLabel >= 80) {
        lastLabel = x;
        el("text", { x: x, y: HEIGHT - 12, "font-size": 11, fill: "#1f2328" }, svg).textContent = fmt(bar.start);
      }
    });
    const open = (g) => loadBar(root, root.dataset.bar + "&start=" + g.dataset.start + "&end=" + g.dataset.end);
    svg.addEventListener("click", (e) => { const g = e.target.closest(".tl-bar"); if (g) open(g); });
    svg.addEventListener("keydown", (e) => {
      const g = e.target.closest(".tl-bar");
      if (g && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); open(g); }
    });
  }

  function setup() {
    const root = document.getElementById("timeline");
    if (!root) return;
    fetch(root.dataset.src, { credentials: "same-origin" })
      .then((r) => r.json())
      .then((data) => draw(root, data))
      .catch(() => { document.getElementById("timeline-status").textContent = "The timeline could not be loaded."; });
    document.getElementById("timeline-bar").addEventListener("click", (e) => {
      const link = e.target.closest("a[data-bar-page]");
      if (link) { e.preventDefault(); loadBar(root, link.href); }
    });
  }

  document.addEventListener("DOMContentLoaded", setup);
})();

/* GPU Glossary concept-graph explorer: pan, zoom, highlight, filter, search-to-focus.
   The SVG is drawn at build time and works without this script (every node is a link). */
(function () {
  "use strict";

  function setup() {
    var root = document.querySelector("[data-gg-explorer]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var svg = root.querySelector("svg.gg-graph");
    var form = root.querySelector("form");
    form.hidden = false;
    var base = svg.viewBox.baseVal;
    var home = { x: base.x, y: base.y, w: base.width, h: base.height };
    var view = Object.assign({}, home);
    var nodes = Array.prototype.slice.call(svg.querySelectorAll(".gg-node"));
    var edges = Array.prototype.slice.call(svg.querySelectorAll(".gg-edge"));
    var bySlug = {}, neighbours = {};
    nodes.forEach(function (n) { bySlug[n.dataset.slug] = n; neighbours[n.dataset.slug] = []; });
    edges.forEach(function (e) {
      neighbours[e.dataset.a].push(e.dataset.b);
      neighbours[e.dataset.b].push(e.dataset.a);
    });

    function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }

    function toSvg(clientX, clientY) {
      var r = svg.getBoundingClientRect();
      return { x: view.x + (clientX - r.left) / r.width * view.w,
               y: view.y + (clientY - r.top) / r.height * view.h };
    }

    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      var f = e.deltaY > 0 ? 1.15 : 1 / 1.15;
      var w = Math.min(home.w * 4, Math.max(home.w / 20, view.w * f));
      var k = w / view.w;
      view = { x: p.x - (p.x - view.x) * k, y: p.y - (p.y - view.y) * k, w: w, h: view.h * k };
      apply();
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (e) {
      if (e.target.closest("a")) return;  // clicks on nodes open the entry
      drag = { x: e.clientX, y: e.clientY, view: Object.assign({}, view) };
      svg.setPointerCapture(e.pointerId);
    });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var r = svg.getBoundingClientRect();
      view.x = drag.view.x - (e.clientX - drag.x) / r.width * view.w;
      view.y = drag.view.y - (e.clientY - drag.y) / r.height * view.h;
      apply();
    });
    svg.addEventListener("pointerup", function () { drag = null; });

    function highlight(slug) {
      svg.classList.toggle("gg-graph--focus", !!slug);
      var keep = {};
      if (slug) { keep[slug] = true; neighbours[slug].forEach(function (s) { keep[s] = true; }); }
      nodes.forEach(function (n) { n.classList.toggle("gg-on", !!keep[n.dataset.slug]); });
      edges.forEach(function (e) {
        e.classList.toggle("gg-on", !!slug && (e.dataset.a === slug || e.dataset.b === slug));
      });
    }
    svg.addEventListener("mouseover", function (e) {
      var n = e.target.closest(".gg-node");
      if (n) highlight(n.dataset.slug);
    });
    svg.addEventListener("mouseout", function (e) {
      if (e.target.closest(".gg-node")) highlight(form.q.value ? focused : null);
    });

    function filter() {
      var cats = {}, vendors = {};
      form.querySelectorAll("input[name=category]").forEach(function (i) { cats[i.value] = i.checked; });
      form.querySelectorAll("input[name=vendor]").forEach(function (i) { vendors[i.value] = i.checked; });
      var visible = {};
      nodes.forEach(function (n) {
        var on = cats[n.dataset.category] && vendors[n.dataset.vendor];
        n.classList.toggle("gg-hidden", !on);
        visible[n.dataset.slug] = on;
      });
      edges.forEach(function (e) {
        e.classList.toggle("gg-hidden", !(visible[e.dataset.a] && visible[e.dataset.b]));
      });
    }
    form.addEventListener("change", filter);

    var focused = null;
    function focus(title) {
      var q = title.trim().toLowerCase();
      if (!q) { focused = null; highlight(null); return; }
      var hit = nodes.filter(function (n) {
        return n.querySelector("text").textContent.toLowerCase() === q;
      })[0] || nodes.filter(function (n) {
        return n.querySelector("text").textContent.toLowerCase().indexOf(q) >= 0;
      })[0];
      if (!hit) return;
      focused = hit.dataset.slug;
      var c = hit.querySelector("circle");
      var cx = +c.getAttribute("cx"), cy = +c.getAttribute("cy");
      view = { w: home.w / 3, h: home.h / 3, x: cx - home.w / 6, y: cy - home.h / 6 };
      apply();
      highlight(focused);
    }
    form.q.addEventListener("input", function () { focus(form.q.value); });
    form.addEventListener("submit", function (e) { e.preventDefault(); focus(form.q.value); });
    form.reset.addEventListener("click", function () {
      view = Object.assign({}, home); apply(); form.q.value = ""; focused = null; highlight(null);
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();

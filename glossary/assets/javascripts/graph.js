/* GPU Glossary concept graph in the browser.
   - The explorer (graph page): pan, zoom, highlight, filter, search-to-focus. Its SVG is drawn
     at build time and works without this script (every node is a link), with each category in
     a sector of a disc; for graphs of up to a few hundred entries (data-gg-relax), this script
     first relaxes that picture with a force-directed layout.
   - Each entry's local graph: the entry in the middle, its neighbours around it, then theirs,
     drawn here from graph.json into <figure data-gg-local>. Without this script the figure
     stays hidden; the page's "Related" and "Referenced by" lists say the same in text. */
(function () {
  "use strict";

  var config = (function () {
    var el = document.getElementById("__config");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  })();
  var root = new URL(config.base || ".", location.href);  // the site root, as a URL

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
    if (svg.hasAttribute("data-gg-relax")) relax(svg, nodes, edges, bySlug, home);

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

  /* ---- explorer layout ---- */

  /* Fruchterman-Reingold force layout, as networkx's spring_layout computes it for small graphs
     (every node moves by the current temperature towards its net force; the temperature cools
     linearly over 50 steps), from the build's sector layout; then fitted to the picture's box
     as graphview._fit does, and the circles, labels and edges moved there. */
  function springLayout(start, pairs, iterations) {
    var n = start.length, x = new Float64Array(n), y = new Float64Array(n), i, j;
    var nbrs = [];
    for (i = 0; i < n; i++) { x[i] = start[i][0]; y[i] = start[i][1]; nbrs.push([]); }
    pairs.forEach(function (p) { nbrs[p[0]].push(p[1]); nbrs[p[1]].push(p[0]); });
    var k = 1.6 / Math.sqrt(n), k2 = k * k;
    var minx = Infinity, maxx = -Infinity, miny = Infinity, maxy = -Infinity;
    for (i = 0; i < n; i++) {
      minx = Math.min(minx, x[i]); maxx = Math.max(maxx, x[i]);
      miny = Math.min(miny, y[i]); maxy = Math.max(maxy, y[i]);
    }
    var t = Math.max(maxx - minx, maxy - miny) * 0.1, dt = t / (iterations + 1);
    var fx = new Float64Array(n), fy = new Float64Array(n);
    for (var it = 0; it < iterations; it++) {
      var moved = 0;
      for (i = 0; i < n; i++) {
        var sx = 0, sy = 0, xi = x[i], yi = y[i], dx, dy, d2;
        for (j = 0; j < n; j++) {  // every pair repels: k^2 / distance
          dx = xi - x[j]; dy = yi - y[j];
          d2 = dx * dx + dy * dy;
          if (d2 < 1e-4) d2 = 1e-4;  // distances below 0.01 count as 0.01
          sx += dx * k2 / d2; sy += dy * k2 / d2;
        }
        var mine = nbrs[i];
        for (j = 0; j < mine.length; j++) {  // joined pairs attract: distance^2 / k
          dx = xi - x[mine[j]]; dy = yi - y[mine[j]];
          var d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
          sx -= dx * d / k; sy -= dy * d / k;
        }
        var len = Math.max(Math.sqrt(sx * sx + sy * sy), 0.01);
        fx[i] = sx * t / len; fy[i] = sy * t / len;
      }
      for (i = 0; i < n; i++) { x[i] += fx[i]; y[i] += fy[i]; moved += fx[i] * fx[i] + fy[i] * fy[i]; }
      t -= dt;
      if (Math.sqrt(moved) / n < 1e-4) break;
    }
    var out = [];
    for (i = 0; i < n; i++) out.push([x[i], y[i]]);
    return out;
  }

  function fit(raw, w, h) {
    var xs = raw.map(function (p) { return p[0]; }), ys = raw.map(function (p) { return p[1]; });
    var minx = Math.min.apply(null, xs), maxx = Math.max.apply(null, xs);
    var miny = Math.min.apply(null, ys), maxy = Math.max.apply(null, ys);
    var sx = (w - 120) / ((maxx - minx) || 1), sy = (h - 80) / ((maxy - miny) || 1);
    return raw.map(function (p) {
      return [round1(60 + (p[0] - minx) * sx), round1(40 + (p[1] - miny) * sy)];
    });
  }

  function relax(svg, nodes, edges, bySlug, box) {
    if (nodes.length < 2) return;
    var index = {}, start = [];
    nodes.forEach(function (n, i) {
      var c = n.querySelector("circle");
      index[n.dataset.slug] = i;
      start.push([+c.getAttribute("cx") / box.w, +c.getAttribute("cy") / box.h]);
    });
    var pairs = edges.map(function (e) { return [index[e.dataset.a], index[e.dataset.b]]; })
      .filter(function (p) { return p[0] !== p[1]; });
    var pos = fit(springLayout(start, pairs, 50), box.w, box.h);
    nodes.forEach(function (n, i) {
      var c = n.querySelector("circle"), label = n.querySelector("text"), r = +c.getAttribute("r");
      c.setAttribute("cx", pos[i][0]); c.setAttribute("cy", pos[i][1]);
      if (label) { label.setAttribute("x", pos[i][0]); label.setAttribute("y", round1(pos[i][1] - r - 3)); }
    });
    edges.forEach(function (e) {
      var a = pos[index[e.dataset.a]], b = pos[index[e.dataset.b]];
      e.setAttribute("x1", a[0]); e.setAttribute("y1", a[1]);
      e.setAttribute("x2", b[0]); e.setAttribute("y2", b[1]);
    });
  }

  /* ---- local graphs ---- */
  var RING1_MAX = 14, RING2_MAX = 20;  // as graphview.LOCAL_RING1_MAX / LOCAL_RING2_MAX
  var graphPromise = null;

  function getJSON(name) {
    return fetch(new URL(name, root)).then(function (r) {
      if (!r.ok) throw new Error(name + ": " + r.status);
      return r.json();
    });
  }

  /* graph.json (and the summaries of terms.json, for the tooltips), loaded once per visit and
     turned into undirected neighbour lists. */
  function loadGraph() {
    if (!graphPromise) {
      var summaries = getJSON("terms.json").then(function (data) {
        var out = {};
        data.terms.forEach(function (t) { out[t.slug] = t.summary; });
        return out;
      }, function () { return {}; });
      graphPromise = Promise.all([getJSON("graph.json"), summaries]).then(function (both) {
        var data = both[0], nodes = {}, nb = {}, typed = {};
        data.nodes.forEach(function (n) { nodes[n.id] = n; nb[n.id] = {}; });
        data.edges.forEach(function (e) {
          var a = e.source, b = e.target;
          if (a === b || !nb[a] || !nb[b]) return;
          nb[a][b] = true;
          nb[b][a] = true;
          if (e.kind !== "links") typed[a < b ? a + " " + b : b + " " + a] = true;
        });
        var neighbours = {};
        Object.keys(nb).forEach(function (n) { neighbours[n] = Object.keys(nb[n]); });
        return { nodes: nodes, neighbours: neighbours, typed: typed, summaries: both[1], ranked: {} };
      });
      graphPromise.catch(function () { graphPromise = null; });  // try again on the next page
    }
    return graphPromise;
  }

  function isTyped(g, a, b) { return !!g.typed[a < b ? a + " " + b : b + " " + a]; }

  /* Neighbours of a: typed relations first, then better-connected terms, then by slug. */
  function ranked(g, a) {
    if (!g.ranked[a]) {
      g.ranked[a] = g.neighbours[a].slice().sort(function (x, y) {
        var tx = isTyped(g, a, x) ? 0 : 1, ty = isTyped(g, a, y) ? 0 : 1;
        if (tx !== ty) return tx - ty;
        var dx = g.neighbours[x].length, dy = g.neighbours[y].length;
        if (dx !== dy) return dy - dx;
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    return g.ranked[a];
  }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function round1(x) { return Math.round(x * 10) / 10; }

  /* The SVG of slug's neighbourhood within two steps, or null if it has no neighbours. */
  function localSvg(g, slug, href) {
    var first = ranked(g, slug).slice(0, RING1_MAX);
    if (!first.length) return null;
    var second = [], seen = {};
    seen[slug] = true;
    first.forEach(function (n) { seen[n] = true; });
    first.forEach(function (n) {
      ranked(g, n).forEach(function (m) {
        if (second.length < RING2_MAX && !seen[m]) { seen[m] = true; second.push(m); }
      });
    });
    var W = 640, H = 420, cx = W / 2, cy = H / 2, pos = {};
    pos[slug] = [cx, cy];
    [[1, first, 120], [2, second, 190]].forEach(function (ring) {
      var members = ring[1], r = ring[2];
      members.forEach(function (n, i) {
        var a = 2 * Math.PI * i / members.length + (ring[0] === 1 ? 0 : Math.PI / members.length);
        pos[n] = [round1(cx + r * 1.45 * Math.cos(a)), round1(cy + r * Math.sin(a))];
      });
    });
    var nodes = [slug].concat(first, second), index = {}, out = [];
    nodes.forEach(function (n, i) { index[n] = i; });
    out.push('<svg class="gg-local-graph" viewBox="0 0 ' + W + " " + H + '" role="img" ' +
             'aria-labelledby="gg-local-title" xmlns="http://www.w3.org/2000/svg">');
    out.push('<title id="gg-local-title">Terms within two steps of ' + esc(g.nodes[slug].title) + "</title>");
    nodes.forEach(function (a, ia) {
      ranked(g, a).forEach(function (b) {
        if (index[b] !== undefined && index[b] > ia) {  // each pair once
          out.push('<line x1="' + pos[a][0] + '" y1="' + pos[a][1] + '" x2="' + pos[b][0] +
                   '" y2="' + pos[b][1] + '" class="gg-edge' + (isTyped(g, a, b) ? " gg-edge--typed" : "") + '"/>');
        }
      });
    });
    var firstSet = {};
    first.forEach(function (n) { firstSet[n] = true; });
    nodes.forEach(function (n) {
      var node = g.nodes[n], x = pos[n][0], y = pos[n][1];
      var r = n === slug ? 9 : (firstSet[n] ? 6 : 4);
      var body = '<circle cx="' + x + '" cy="' + y + '" r="' + r + '"/><text x="' + x + '" y="' +
                 round1(y - r - 3) + '">' + esc(node.title) + "</text>";
      var cat = esc(node.category);
      if (n === slug) {
        out.push('<g class="gg-node gg-cat--' + cat + ' gg-node--self">' + body + "</g>");
      } else {
        var tip = node.title + (g.summaries[n] ? ": " + g.summaries[n] : "");
        out.push('<a href="' + esc(href.replace("{slug}", n)) + '" class="gg-node gg-cat--' + cat +
                 '" data-slug="' + esc(n) + '"><title>' + esc(tip) + "</title>" + body + "</a>");
      }
    });
    out.push("</svg>");
    return out.join("\n");
  }

  function setupLocal() {
    var figure = document.querySelector("figure[data-gg-local]");
    if (!figure || figure.dataset.ready) return;
    figure.dataset.ready = "1";
    loadGraph().then(function (g) {
      var slug = figure.dataset.ggLocal;
      var svg = g.nodes[slug] && localSvg(g, slug, figure.dataset.ggHref || "../{slug}/");
      if (!svg) return;
      figure.innerHTML = svg;
      figure.hidden = false;
    }).catch(function () { /* no graph.json: the lists on the page say the same */ });
  }

  function setupAll() { setup(); setupLocal(); }

  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(setupAll);
  else document.addEventListener("DOMContentLoaded", setupAll);
})();

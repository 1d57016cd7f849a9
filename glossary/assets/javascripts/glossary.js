/* GPU Glossary: hover previews of linked entries and copy-link buttons.
   Plain JavaScript, no dependencies, nothing loaded from another host.
   Works with Material's instant navigation (re-runs on every page through document$). */
(function () {
  "use strict";

  var config = (function () {
    var el = document.getElementById("__config");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  })();
  var root = new URL(config.base || ".", location.href);  // the site root, as a URL
  var termsPromise = null;
  var terms = null;  // path ("terms/warp/") -> term

  function loadTerms() {
    if (!termsPromise) {
      termsPromise = fetch(new URL("terms.json", root)).then(function (r) { return r.json(); })
        .then(function (data) {
          terms = {};
          data.terms.forEach(function (t) { terms[t.path] = t; });
          terms.__categories = data.categories;
          return terms;
        }).catch(function () { terms = {}; return terms; });
    }
    return termsPromise;
  }

  function termFor(link) {
    if (!terms || !link.href) return null;
    var url = new URL(link.href, location.href);
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    var path = url.pathname.slice(root.pathname.length).replace(/index\.html$/, "");
    var term = terms[path];
    if (!term) return null;
    var here = location.pathname.slice(root.pathname.length).replace(/index\.html$/, "");
    return path === here ? null : term;  // no preview of the page you are on
  }

  /* ---- hover previews ---- */
  var preview = null, current = null, hideTimer = null;
  var vendors = { nvidia: "NVIDIA", amd: "AMD", neutral: "Vendor-neutral" };

  function ensurePreview() {
    if (preview) return preview;
    preview = document.createElement("div");
    preview.className = "gg-preview";
    preview.id = "gg-preview";
    preview.setAttribute("role", "tooltip");
    preview.hidden = true;
    preview.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    preview.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(preview);
    return preview;
  }

  function text(tag, cls, value) {
    var el = document.createElement(tag);
    el.className = cls;
    el.textContent = value;
    return el;
  }

  function show(link, term) {
    var box = ensurePreview();
    clearTimeout(hideTimer);
    box.replaceChildren();
    var abbr = term.abbreviations.length ? " (" + term.abbreviations.join(", ") + ")" : "";
    box.appendChild(text("div", "gg-preview__title", term.title + abbr));
    var cat = (terms.__categories || {})[term.category] || term.category;
    box.appendChild(text("div", "gg-preview__meta", cat + " · " + (vendors[term.vendor] || term.vendor)));
    box.appendChild(text("p", "gg-preview__summary", term.summary));
    box.hidden = false;
    var r = link.getBoundingClientRect();
    var top = window.scrollY + r.bottom + 8;
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
    box.style.top = top + "px";
    box.style.left = left + "px";
    link.setAttribute("aria-describedby", "gg-preview");
    current = link;
  }

  function hide() {
    if (preview) preview.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 150);
  }

  function onEnter(event) {
    var link = event.target.closest && event.target.closest(".md-content a[href]");
    if (!link || link.classList.contains("headerlink")) return;
    loadTerms().then(function () {
      var term = termFor(link);
      if (term) show(link, term);
    });
  }

  function onLeave(event) {
    var link = event.target.closest && event.target.closest(".md-content a[href]");
    if (link && link === current) scheduleHide();
  }

  document.addEventListener("mouseover", onEnter);
  document.addEventListener("focusin", onEnter);
  document.addEventListener("mouseout", onLeave);
  document.addEventListener("focusout", onLeave);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && preview && !preview.hidden) hide();
  });

  /* ---- copy-link buttons ---- */
  function permalink(hash) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.href : location.href.split("#")[0];
    return base.split("#")[0] + (hash || "");
  }

  function copy(value, button) {
    function done(ok) {
      button.classList.add(ok ? "gg-copied" : "gg-copy-failed");
      button.setAttribute("data-gg-status", ok ? "copied" : "failed");
      button.title = ok ? "Copied" : "Copy failed";
      setTimeout(function () { button.classList.remove("gg-copied", "gg-copy-failed"); button.title = button.getAttribute("aria-label"); }, 1500);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(value).then(function () { done(true); }, function () { done(false); });
    } else {
      var area = document.createElement("textarea");
      area.value = value;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      done(ok);
    }
  }

  function addButton(heading, hash, label) {
    if (heading.querySelector(".gg-copy-link")) return;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "gg-copy-link";
    b.setAttribute("aria-label", label);
    b.title = label;
    var ns = "http://www.w3.org/2000/svg";
    var icon = document.createElementNS(ns, "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M3.9 12c0-1.7 1.4-3.1 3.1-3.1h4V7H7a5 5 0 0 0 0 10h4v-1.9H7c-1.7 0-3.1-1.4-3.1-3.1M8 13h8v-2H8v2m9-6h-4v1.9h4c1.7 0 3.1 1.4 3.1 3.1s-1.4 3.1-3.1 3.1h-4V17h4a5 5 0 0 0 0-10");
    icon.appendChild(path);
    b.appendChild(icon);
    b.addEventListener("click", function (e) {
      e.preventDefault();
      copy(permalink(hash), b);
    });
    heading.appendChild(b);
  }

  function setupPage() {
    hide();
    var content = document.querySelector(".md-content article");
    if (!content) return;
    var h1 = content.querySelector("h1");
    if (h1) addButton(h1, "", "Copy link to this page");
    content.querySelectorAll("h2[id], h3[id], h4[id]").forEach(function (h) {
      addButton(h, "#" + h.id, "Copy link to this section");
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setupPage);
  } else {
    document.addEventListener("DOMContentLoaded", setupPage);
  }
})();

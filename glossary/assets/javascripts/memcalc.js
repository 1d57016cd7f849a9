/* GPU memory calculator: the same arithmetic as generator/memcalc.py (tests keep them equal). */
(function (exports) {
  "use strict";
  var BYTES = { fp32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, int4: 0.5, fp4: 0.5 };
  var ADAM = 16;
  var GPUS = [["NVIDIA GeForce RTX 4090", 24], ["NVIDIA GeForce RTX 5090", 32], ["NVIDIA L40S", 48],
    ["NVIDIA A100 80GB", 80], ["NVIDIA H100 SXM", 80], ["NVIDIA H200", 141], ["NVIDIA B200", 180],
    ["AMD Instinct MI300X", 192], ["AMD Instinct MI325X", 256], ["AMD Instinct MI355X", 288]];

  function kvCacheBytes(layers, kvHeads, headDim, context, batch, bytesPerValue) {
    return 2 * layers * kvHeads * headDim * context * batch * bytesPerValue;
  }

  function estimate(o) {
    var params = o.paramsBillion * 1e9;
    if (o.training) {
      var w = params * 2;
      return { weights: w, kvCache: 0, training: params * ADAM - w, total: params * ADAM };
    }
    var weights = params * BYTES[o.weightFormat];
    var kv = kvCacheBytes(o.layers || 0, o.kvHeads || 0, o.headDim || 0, o.context || 0,
                          o.batch || 0, BYTES[o.kvFormat || "bf16"]);
    return { weights: weights, kvCache: kv, training: 0, total: weights + kv };
  }

  function fits(totalBytes) {
    return GPUS.filter(function (g) { return totalBytes <= g[1] * 1e9; }).map(function (g) { return g[0]; });
  }

  exports.estimate = estimate;
  exports.fits = fits;
  exports.kvCacheBytes = kvCacheBytes;
  exports.GPUS = GPUS;

  if (typeof document === "undefined") return;

  function fmt(bytes) { return (bytes / 1e9).toFixed(1) + " GB (" + (bytes / Math.pow(2, 30)).toFixed(1) + " GiB)"; }

  function setup() {
    document.querySelectorAll("form.gg-memcalc:not([data-ready])").forEach(function (form) {
      form.dataset.ready = "1";
      form.hidden = false;
      function update() {
        var v = function (name) { return form.elements[name].value; };
        var o = { paramsBillion: +v("params"), weightFormat: v("weights"), kvFormat: v("kv"),
          layers: +v("layers"), kvHeads: +v("kvheads"), headDim: +v("headdim"),
          context: +v("context"), batch: +v("batch"), training: form.elements.training.checked };
        var e = estimate(o);
        var out = form.querySelector("output");
        out.replaceChildren();
        [["Weights", e.weights], ["KV cache", e.kvCache], ["Training state", e.training], ["Total", e.total]]
          .forEach(function (row) {
            if (row[0] === "Training state" && !o.training) return;
            var p = document.createElement("div");
            p.className = "gg-memcalc__row" + (row[0] === "Total" ? " gg-memcalc__total" : "");
            p.textContent = row[0] + ": " + fmt(row[1]);
            out.appendChild(p);
          });
        var f = fits(e.total);
        var p = document.createElement("div");
        p.className = "gg-memcalc__fits";
        p.textContent = f.length ? "Fits in the memory of one: " + f.join(", ") + "."
          : "Does not fit on any single GPU listed: split it across GPUs or quantize.";
        out.appendChild(p);
      }
      form.addEventListener("input", update);
      update();
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})(typeof module !== "undefined" ? module.exports : (window.ggMemcalc = {}));

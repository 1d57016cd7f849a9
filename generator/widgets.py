"""Interactive widgets that entries can ask for in front matter (``widgets: [...]``).

Each widget is an HTML fragment that works with a small plain script from the site's assets.
"""

from __future__ import annotations

from generator.memcalc import BYTES_PER_VALUE

WIDGETS = ("memory-calculator",)


def _select(name: str, default: str) -> str:
    opts = "".join(f'<option value="{k}"{" selected" if k == default else ""}>{k.upper()}</option>'
                   for k in BYTES_PER_VALUE)
    return f'<select name="{name}">{opts}</select>'


def memory_calculator() -> str:
    """The GPU memory calculator (memcalc.js). Defaults: a 70B model shaped like Llama 3 70B."""
    field = lambda label, name, value, step="1": (  # noqa: E731
        f'<label>{label} <input type="number" name="{name}" value="{value}" min="0" step="{step}"></label>')
    return "\n".join([
        '<form class="gg-memcalc" hidden data-search-exclude aria-label="GPU memory calculator">',
        "<fieldset><legend>Model</legend>",
        field("Parameters (billions)", "params", "70", "0.1"),
        f"<label>Weights {_select('weights', 'bf16')}</label>",
        '<label><input type="checkbox" name="training"> Training (Adam, mixed precision: '
        "16 bytes per parameter, activations not counted)</label>",
        "</fieldset>",
        "<fieldset><legend>KV cache (inference)</legend>",
        field("Layers", "layers", "80"), field("KV heads", "kvheads", "8"),
        field("Head size", "headdim", "128"), field("Context (tokens)", "context", "8192"),
        field("Batch (sequences)", "batch", "1"),
        f"<label>KV format {_select('kv', 'bf16')}</label>",
        "</fieldset>",
        '<output aria-live="polite"></output>',
        "</form>",
        '<noscript><p>The memory calculator needs JavaScript; the formulas are in the text '
        "above.</p></noscript>",
    ])


def render(name: str) -> str:
    if name == "memory-calculator":
        return memory_calculator()
    raise KeyError(name)

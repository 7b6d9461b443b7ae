"""The review page's keyboard handling that Streamlit's button shortcuts cannot do.

Streamlit binds ``st.button(shortcut=...)`` keys with hotkeys-js and already ignores them
while the focus is in a text box. This adds, in the page itself:

- ``n`` focuses the note box (a shortcut can only click a button), ``Esc`` in the note
  leaves it (which saves it);
- no shortcut fires while the table (the Glide grid, which is a canvas, not a text box) has
  the focus: there ``1`` or ``j`` start editing a cell, arrows move between cells.

The script is constant (no data in it), so it is safe to run with JavaScript allowed.
"""

from __future__ import annotations

import streamlit as st

from ui import state

SCRIPT = """
<script data-fc-keys="1">
(() => {
  const w = window;
  if (w.__factCheckKeys) return;
  w.__factCheckKeys = true;
  const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);
  const typing = (el) => !!el && (el.isContentEditable || TYPING.has(el.tagName));
  const inGrid = (event) => event.composedPath().some(
    (node) => node instanceof HTMLElement && node.dataset.testid === "stDataFrame"
  );
  const plain = (event) => !event.ctrlKey && !event.metaKey && !event.altKey;
  let wrapped = null;
  const guardShortcuts = () => {
    const hotkeys = w.hotkeys;
    if (!hotkeys || hotkeys.filter === wrapped) return;
    const original = hotkeys.filter;
    wrapped = function (event) {
      if (inGrid(event)) return false;
      return original.call(this, event);
    };
    hotkeys.filter = wrapped;
  };
  document.addEventListener("keydown", (event) => {
    guardShortcuts();
    const note = document.querySelector(".st-key-NOTE_BOX textarea");
    if (event.key === "Escape" && note && event.target === note) {
      note.blur();
      return;
    }
    if (event.key !== "n" || !plain(event) || typing(event.target) || inGrid(event)) return;
    if (!note) return;
    event.preventDefault();
    note.focus();
    note.setSelectionRange(note.value.length, note.value.length);
  }, true);
})();
</script>
""".replace("NOTE_BOX", state.NOTE_BOX)


def install_keys() -> None:
    """Add the key handler to the page (once per browser tab; harmless on every run)."""
    st.html(SCRIPT, unsafe_allow_javascript=True)

r"""Helpers for text written by someone else (articles, sources, uploads, web pages).

- ``reveal_controls``: invisible Unicode direction controls (U+202E RIGHT-TO-LEFT OVERRIDE
  and friends, the "Trojan Source" characters) become a visible ``[U+202E]``, so they are
  shown as text instead of reordering what follows. Only for display: spans and stored text
  keep the original characters.
- ``safe_url``: an http(s) address with the characters that could end a Markdown or HTML
  link (``<``, ``>``, ``"``, ``\``, spaces, control characters) percent-encoded; anything else
  (``javascript:``, ``data:``, ``file:``, a relative path) becomes ``""``.
- ``json_text``: ``json.dumps`` whose output can sit inside an HTML ``<script>`` element and
  survives any line splitter: ``< > &``, U+2028/U+2029, the other line separators Python's
  ``str.splitlines`` knows, and direction controls are ``\uXXXX``-escaped (same JSON value).

>>> reveal_controls("abc\u202edef")
'abc[U+202E]def'
>>> safe_url("https://a.example/x?q=<b>"), safe_url("javascript:alert(1)")
('https://a.example/x?q=%3Cb%3E', '')
>>> json_text({"t": "</script>"})
'{"t": "\\u003c/script\\u003e"}'
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

# Bidirectional formatting characters (Unicode TR9): embeddings, overrides, isolates, marks.
BIDI_CONTROLS: Final = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_HTTP = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)
_URL_UNSAFE = re.compile(
    r'[\s\x00-\x20\x7f-\x9f<>"\\`\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]'
)
# Characters to \u-escape in JSON: HTML-significant ones, line separators, direction controls.
_JSON_UNSAFE = re.compile(
    "[<>&\u0085\u2028\u2029\x1c\x1d\x1e" + "".join(sorted(BIDI_CONTROLS)) + "]"
)


def reveal_controls(text: str) -> str:
    """Direction controls as visible ``[U+XXXX]`` markers; every other character as it is."""
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def safe_url(url: str) -> str:
    """The address if it is http(s), with link-breaking characters percent-encoded; else ""."""
    url = url.strip()
    if not _HTTP.match(url):
        return ""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


def json_text(value: Any, *, indent: int | None = None) -> str:
    """``json.dumps(value, ensure_ascii=False)`` with the characters above ``\\u``-escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

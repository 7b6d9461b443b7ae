"""The one way text reaches Streamlit's Markdown: written in the code, or escaped with ``md``.

Streamlit renders Markdown (links, images, HTML-like tags, emphasis) in ``st.markdown``,
``st.caption``, ``st.write``, ``st.info/warning/error/success``, ``st.toast``, ``st.title``
and the headers, and in every widget's ``label`` and ``help``, in popover, expander and tab
labels, progress and status texts, and in the options of radios and segmented controls. A
Markdown image there makes the browser fetch its address: a beacon that tells a hostile site
that a journalist is checking its story. So every piece of text that comes from an article,
a source, a file's metadata, a URL, the query string, a setting or an error message goes
through ``md`` (``checks.report.escape_markdown``: every Markdown character made literal,
direction controls shown as ``[U+202E]``). Functions that build such text declare it with
the return type ``Markdown``; ``code`` writes a path or a setting as an inline code span that
its text cannot close. ``tests/test_markdown_escaping.py`` reads app.py, pages/ and ui/
and fails on any call whose text is neither a literal, a number (``{n:d}``, ``{x:.2f}``),
``md(...)``, ``code(...)`` nor a ``Markdown`` function's result.

>>> md("![x](http://host/beacon) The bridge will close")
'\\\\!\\\\[x\\\\](http://host/beacon) The bridge will close'
>>> code("/home/a`b/x.zim")
'`` /home/a`b/x.zim ``'
"""

from __future__ import annotations

import re
from typing import TypeAlias

from checks.report import escape_markdown
from checks.untrusted import reveal_controls

Markdown: TypeAlias = str  # text that is safe to render as Markdown (literal or escaped)


def md(value: object) -> Markdown:
    """``value`` as text that Streamlit's Markdown shows exactly as written."""
    return escape_markdown(str(value))


def code(value: object) -> Markdown:
    """``value`` as an inline code span (a path, a setting): nothing inside a code span is
    Markdown, and the fence is longer than any run of backticks in the text, so the text
    cannot close it. Line breaks become spaces, direction controls visible."""
    text = " ".join(reveal_controls(str(value)).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"

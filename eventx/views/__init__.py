"""See the events: one or several documents as a self-contained HTML page.

>>> html = eventx.render_html(result)              # doctest: +SKIP
>>> Path("report.html").write_text(html)           # doctest: +SKIP

In a notebook a :class:`eventx.DocumentResult` shows itself this way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventx.views.model import DocumentView, views_of

__all__ = ["DocumentView", "render_html"]


def render_html(
    results: Any,
    *,
    text: str | None = None,
    texts: Mapping[str, str] | None = None,
    title: str | None = None,
    full_page: bool = True,
) -> str:
    """The HTML view of one document result or of several (one page, with a list of documents).

    Each result's text is ``text`` (for one result), ``texts[doc_id]``, or the text the
    result carries; without one, the page lists the events only.  ``full_page=False``
    gives one ``<div>`` (with its style and script) to embed in another page.
    """
    from eventx.views.html import default_title, fragment, page

    views = views_of(results, text=text, texts=texts)
    title = title or default_title(views)
    return page(views, title) if full_page else fragment(views, title)

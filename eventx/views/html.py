"""The HTML page: one or several documents with their events marked, tables beside, in one self-contained file.

Everything is inline (CSS, a small script, no fonts or images from elsewhere), so the
file opens offline and can be mailed.  The marking is plain HTML and CSS: it shows
without JavaScript; the script only adds the table's click-to-highlight.
"""

from __future__ import annotations

import re
import uuid
import zlib
from collections.abc import Iterable, Sequence
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from eventx._version import __version__
from eventx.records import MODALITIES, Event, Span
from eventx.views.markup import Annotation, attributes, render_spans, tag_name
from eventx.views.model import DocumentView, count_roles, span_roles, type_totals

# (strong, tint) per type: the strong colour carries white label text at 4.5:1 or more (WCAG AA).
TYPE_COLOURS = {
    "Meeting": ("#1d4ed8", "#dbeafe"),
    "Demand": ("#b45309", "#fef3c7"),
    "Attack": ("#b91c1c", "#fee2e2"),
    "Exchange": ("#047857", "#d1fae5"),
    "Control": ("#7e22ce", "#f3e8ff"),
}
PALETTE = (
    ("#0e7490", "#cffafe"),
    ("#be185d", "#fce7f3"),
    ("#4d7c0f", "#ecfccb"),
    ("#4338ca", "#e0e7ff"),
    ("#a16207", "#fef9c3"),
    ("#374151", "#e5e7eb"),
)
MODALITY_NOTES = {
    "asserted": "said to have happened or to be happening",
    "negated": "said not to happen (struck through)",
    "hypothetical": "possible, conditional (dashed)",
    "planned": "agreed or planned (dotted)",
    "requested": "asked for (double border)",
}


def colours(event_type: str) -> tuple[str, str]:
    """A type's colours: fixed for the core types, a stable pick from the palette for others."""
    return TYPE_COLOURS.get(event_type) or PALETTE[zlib.crc32(event_type.encode()) % len(PALETTE)]


def type_class(event_type: str) -> str:
    return "ev-" + re.sub(r"[^A-Za-z0-9_-]", "_", event_type)


def _asset(name: str) -> str:
    return files("eventx.views").joinpath(name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- page
PAGE = Template("""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="eventx $version">
<title>$title</title>
<style>
$css
</style>
</head>
<body>
$body
<script>
$script
</script>
</body>
</html>
""")


def default_title(views: Sequence[DocumentView]) -> str:
    """The document id for one document, else how many there are."""
    return f"eventx: {views[0].doc_id}" if len(views) == 1 else f"eventx: {len(views)} documents"


def page(views: Sequence[DocumentView], title: str) -> str:
    """A whole HTML document for the views."""
    return PAGE.substitute(
        version=escape(__version__),
        title=escape(title),
        css=_asset("view.css") + type_css(views),
        body=fragment_body(views, title, "d"),
        script=_asset("view.js"),
    )


def fragment(views: Sequence[DocumentView], title: str) -> str:
    """The view as one ``<div>`` with its style and script (for notebooks, where several share a page)."""
    prefix = f"x{uuid.uuid4().hex[:8]}-d"
    return (
        f"<style>{_asset('view.css')}{type_css(views)}</style>\n"
        + fragment_body(views, title, prefix)
        + f"\n<script>{_asset('view.js')}</script>"
    )


def fragment_body(views: Sequence[DocumentView], title: str, prefix: str) -> str:
    several = len(views) > 1
    anchors = [f"{prefix}{number}" for number in range(1, len(views) + 1)]
    skip = f'<a class="skip" href="#{anchors[0]}-table">Skip to the events table</a>' if views else ""
    parts = [
        '<div class="eventx-view">',
        skip,
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="totals">{_totals_line(views)}</p>',
        legend(views),
        "</header>",
        summary(views, anchors) if several else "",
        "<main>",
        *(document_section(view, anchor) for view, anchor in zip(views, anchors, strict=True)),
        "</main>",
        f"<footer>Made by eventx {escape(__version__)}. Hover or focus a marked word for its role.</footer>",
        "</div>",
    ]
    return "\n".join(part for part in parts if part)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _totals_line(views: Sequence[DocumentView]) -> str:
    events = sum(len(v.events) for v in views)
    parts = [_plural(len(views), "document"), *([_plural(events, "event")] if events else [])]
    return " · ".join([*parts, _plural(sum(len(v.mentions) for v in views), "event mention")])


def type_css(views: Iterable[DocumentView]) -> str:
    names = {m.type for v in views for m in v.mentions} | set(TYPE_COLOURS)
    rules = []
    for name in sorted(names):
        strong, tint = colours(name)
        rules.append(f".eventx-view .{type_class(name)}{{--c:{strong};--bg:{tint}}}")
    return "\n" + "\n".join(rules) + "\n"


def legend(views: Sequence[DocumentView]) -> str:
    present = list(type_totals(views)) or list(TYPE_COLOURS)[:4]
    types = "".join(
        f'<li><mark class="trigger sample {type_class(t)} mod-asserted">{escape(t)}</mark></li>' for t in present
    )
    modalities = "".join(
        f'<li><mark class="trigger sample ev-legend mod-{m}" title="{escape(MODALITY_NOTES[m])}">{m}</mark></li>'
        for m in MODALITIES
    )
    return (
        '<section class="legend" aria-label="Legend">'
        f'<div><h2>Event types</h2><ul class="marks">{types}</ul></div>'
        f'<div><h2>Modality</h2><ul class="marks">{modalities}</ul></div>'
        '<div><h2>Other marks</h2><ul class="marks"><li><span class="role sample ev-legend">role</span> '
        '(name on hover or focus)</li><li><span class="source sample">source</span> (linked to its event)</li>'
        "</ul></div></section>"
    )


def summary(views: Sequence[DocumentView], anchors: Sequence[str]) -> str:
    """The list of documents with their counts per type."""
    totals = type_totals(views)
    head = "".join(f'<th scope="col">{escape(t)}</th>' for t in totals)
    rows = []
    for view, anchor in zip(views, anchors, strict=True):
        counts = view.type_counts()
        cells = "".join(f'<td class="num">{counts.get(t, 0)}</td>' for t in totals)
        status = ' <span class="failed">(failed)</span>' if view.error else ""
        rows.append(
            f'<tr><th scope="row"><a href="#{anchor}">{escape(view.doc_id)}</a>{status}</th>{cells}'
            f'<td class="num">{len(view.mentions)}</td></tr>'
        )
    foot = "".join(f'<td class="num">{count}</td>' for count in totals.values())
    return (
        '<nav aria-label="Documents"><table class="summary"><caption>Documents and event mentions per type</caption>'
        f'<thead><tr><th scope="col">Document</th>{head}<th scope="col">All</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr><th scope="row">All documents</th>{foot}'
        f'<td class="num">{sum(totals.values())}</td></tr></tfoot></table></nav>'
    )


# ---------------------------------------------------------------------------- one document
def document_section(view: DocumentView, anchor: str) -> str:
    counts = " · ".join(f"{escape(t)} {n}" for t, n in view.type_counts().items())
    if view.events:
        counts = f"{_plural(len(view.events), 'event')}; mentions: {counts or 'none'}"
    error = f'<p class="error" role="alert">{escape(view.error)}</p>' if view.error else ""
    if view.text is None:
        text = '<p class="no-text">The text of this document is not available: only its events are listed.</p>'
    else:
        text = f'<div class="text" lang="en">{marked_text(view, anchor)}</div>'
    tables = events_table(view, anchor) + mentions_table(view, anchor)
    return (
        f'<section class="doc" id="{anchor}" aria-labelledby="{anchor}-title">'
        f'<h2 id="{anchor}-title">{escape(view.doc_id)}</h2>'
        f'<p class="counts">{counts or "no events found"}</p>{error}'
        f'<div class="doc-body"><article aria-label="Text of {escape(view.doc_id)}">{text}</article>'
        f'<div class="side">{tables}</div></div></section>'
    )


def trigger_anchors(mentions: Sequence[Event], anchor: str) -> list[str]:
    """The element id each mention's row links to: mentions sharing a trigger share its mark."""
    first: dict[tuple[int, int], int] = {}
    return [f"{anchor}-m{first.setdefault((m.trigger.start, m.trigger.end), i)}" for i, m in enumerate(mentions)]


def marked_text(view: DocumentView, anchor: str) -> str:
    assert view.text is not None
    links = trigger_anchors(view.mentions, anchor)
    annotations = [
        *_trigger_annotations(view.mentions, links),
        *_role_annotations(view.mentions, anchor),
        *_source_annotations(view.mentions, links, anchor),
    ]
    return render_spans(view.text, annotations, _opener)


def _group(items: Iterable[tuple[Span, int, Any]]) -> dict[tuple[int, int], list[tuple[int, Any]]]:
    groups: dict[tuple[int, int], list[tuple[int, Any]]] = {}
    for span, index, payload in items:
        groups.setdefault((span.start, span.end), []).append((index, payload))
    return groups


def _describe(mention: Event) -> str:
    return f"{mention.type} “{mention.trigger.text}”"


def _trigger_annotations(mentions: Sequence[Event], links: Sequence[str]) -> list[Annotation]:
    out = []
    for (start, end), members in _group((m.trigger, i, m) for i, m in enumerate(mentions)).items():
        first = members[0][1]
        kinds = list(dict.fromkeys(m.type for _, m in members))
        modalities = list(dict.fromkeys(m.modality for _, m in members))
        tip = "; ".join(_trigger_tip(m) for _, m in members)
        attrs = (
            ("class", " ".join(["trigger", type_class(first.type), *(f"mod-{m}" for m in modalities)])),
            ("id", links[members[0][0]]),
            ("data-m", " ".join(str(i) for i, _ in members)),
            ("data-types", " ".join(kinds)),
            ("data-start", str(start)),
            ("data-end", str(end)),
            ("tabindex", "0"),
            ("aria-describedby", f"{links[members[0][0]]}-tip"),
        )
        label = f'<span class="tag">{escape(" + ".join(kinds))}</span>' + _tip(tip, f"{links[members[0][0]]}-tip")
        out.append(Annotation(start, end, "trigger", attrs, label))
    return out


def _tip(text: str, tip_id: str) -> str:
    """The label shown on hover or focus; the marked element names it in ``aria-describedby``."""
    return f'<span class="tip" role="tooltip" id="{tip_id}">{escape(text)}</span>'


def _trigger_tip(mention: Event) -> str:
    parts = [f"{mention.type}, {mention.modality}"]
    if mention.attributed_to is not None:
        parts.append(f"according to {mention.attributed_to.text}")
    parts += [f"{name}: {', '.join(s.text for s in spans)}" for name, spans in span_roles(mention)]
    parts += [f"{name}: {value}" for name, value in count_roles(mention)]
    return " · ".join(parts)


def _role_annotations(mentions: Sequence[Event], anchor: str) -> list[Annotation]:
    items = ((span, i, (name, m)) for i, m in enumerate(mentions) for name, spans in span_roles(m) for span in spans)
    out = []
    for number, ((start, end), members) in enumerate(_group(items).items()):
        tip = "; ".join(f"{name} of {_describe(m)}" for _, (name, m) in members)
        attrs = (
            ("class", f"role {type_class(members[0][1][1].type)}"),
            ("data-m", " ".join(dict.fromkeys(str(i) for i, _ in members))),
            ("data-roles", " ".join(dict.fromkeys(name for _, (name, _m) in members))),
            ("tabindex", "0"),
            ("aria-describedby", f"{anchor}-role{number}-tip"),
        )
        out.append(Annotation(start, end, "role", attrs, _tip(tip, f"{anchor}-role{number}-tip")))
    return out


def _source_annotations(mentions: Sequence[Event], links: Sequence[str], anchor: str) -> list[Annotation]:
    """Sources, merged where they overlap (a link cannot hold another), each linked to its first event."""
    spans = sorted(
        ((m.attributed_to, i) for i, m in enumerate(mentions) if m.attributed_to is not None),
        key=lambda item: (item[0].start, -item[0].end),
    )
    merged: list[tuple[int, int, list[int]]] = []
    for span, index in spans:
        if merged and span.start < merged[-1][1]:
            merged[-1][2].append(index)
            merged[-1] = (merged[-1][0], max(merged[-1][1], span.end), merged[-1][2])
        else:
            merged.append((span.start, span.end, [index]))
    out = []
    for number, (start, end, indices) in enumerate(merged):
        tip = "source of " + "; ".join(_describe(mentions[i]) for i in indices)
        attrs = (
            ("class", "source"),
            ("href", f"#{links[indices[0]]}"),
            ("data-m", " ".join(str(i) for i in indices)),
            ("aria-describedby", f"{anchor}-source{number}-tip"),
        )
        out.append(Annotation(start, end, "source", attrs, _tip(tip, f"{anchor}-source{number}-tip")))
    return out


def _opener(annotation: Annotation, continued: bool, depth: int) -> str:
    pairs = list(annotation.attrs)
    if continued:
        # A later piece: same look and data, but no second id, and one tab stop per span.
        dropped = ("id", "tabindex", "href", "aria-describedby")
        pairs = [(k, v + " cont" if k == "class" else v) for k, v in pairs if k not in dropped]
    return f"<{tag_name(annotation)}{attributes(pairs)}>"


# ---------------------------------------------------------------------------- tables
def mentions_table(view: DocumentView, anchor: str) -> str:
    links = trigger_anchors(view.mentions, anchor)
    rows = [_mention_row(m, i, anchor, links[i], view.text is not None) for i, m in enumerate(view.mentions)]
    if not rows:
        return f'<p class="empty" id="{anchor}-table">No event mentions.</p>'
    return (
        f'<table class="events mentions" id="{anchor}-table"><caption>Event mentions ({len(rows)})</caption>'
        '<thead><tr><th scope="col">Type</th><th scope="col">Trigger</th><th scope="col">Roles and source</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _mention_row(mention: Event, index: int, anchor: str, link: str, has_text: bool) -> str:
    trigger = escape(mention.trigger.text)
    cell = f'<a href="#{link}">{trigger}</a>' if has_text else trigger
    return (
        f'<tr id="{anchor}-r{index}" data-m="{index}" data-target="{link}">'
        f'<td><span class="chip {type_class(mention.type)}">{escape(mention.type)}</span></td>'
        f'<td title="sentence {mention.sentence_index + 1}, characters {mention.trigger.start}–{mention.trigger.end}">'
        f'{cell}<br><span class="modality">{escape(mention.modality)}</span></td><td>{_roles_cell(mention)}</td></tr>'
    )


def _roles_cell(mention: Event) -> str:
    items = [(name, ", ".join(s.text for s in spans)) for name, spans in span_roles(mention)]
    items += [(name, str(value)) for name, value in count_roles(mention)]
    if mention.attributed_to is not None:
        items.append(("source", mention.attributed_to.text))
    if not items:
        return ""
    return '<dl class="roles">' + "".join(f"<dt>{escape(n)}</dt><dd>{escape(v)}</dd>" for n, v in items) + "</dl>"


def events_table(view: DocumentView, anchor: str) -> str:
    """Document-level events, when the result carries them: one row each, linked to its mentions."""
    if not view.events:
        return ""
    rows = [_event_row(event, i, view, anchor) for i, event in enumerate(view.events)]
    return (
        f'<table class="events document-events" id="{anchor}-events"><caption>Events ({len(rows)})</caption>'
        '<thead><tr><th scope="col">Type</th><th scope="col">Date</th><th scope="col">Actors</th>'
        '<th scope="col">Place</th><th scope="col">Count</th><th scope="col">Mentions</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


ACTOR_ROLES = ("participants", "demander", "addressee", "attacker", "parties", "controller")
COUNT_FIELDS = ("killed", "injured", "quantity")


def _event_row(event: dict[str, Any], number: int, view: DocumentView, anchor: str) -> str:
    indices = mention_indices(event, view.mentions)
    links = trigger_anchors(view.mentions, anchor)
    target = links[indices[0]] if indices and view.text is not None else ""
    kind = str(event.get("type", ""))
    actors = "; ".join(dict.fromkeys(_span_text(s) for role in ACTOR_ROLES for s in event.get(role) or []))
    counts = ", ".join(f"{k} {event[k]}" for k in COUNT_FIELDS if event.get(k) is not None)
    mention_links = " ".join(
        f'<a href="#{links[i]}">{escape(view.mentions[i].trigger.text)}</a>' if view.text is not None else ""
        for i in indices
    )
    identity = escape(str(event.get("event_id") or ""))
    return (
        f'<tr id="{anchor}-e{number}" data-m="{" ".join(map(str, indices))}" data-target="{target}">'
        f'<td title="{identity}"><span class="chip {type_class(kind)}">{escape(kind)}</span><br>'
        f'<span class="modality">{escape(str(event.get("modality") or ""))}</span></td>'
        f'<td class="nowrap">{escape(str(event.get("date") or ""))}</td><td>{escape(actors)}</td>'
        f'<td>{escape(_place(event))}</td><td>{escape(counts)}</td><td class="links">{mention_links}</td></tr>'
    )


def _span_text(span: Any) -> str:
    if isinstance(span, dict):
        return str(span.get("normalized") or span.get("text") or "")
    return str(span)


def _place(event: dict[str, Any]) -> str:
    place = event.get("place")
    if isinstance(place, dict) and place.get("name"):
        return ", ".join(str(place[k]) for k in ("name", "admin1", "country") if place.get(k))
    locations = "; ".join(_span_text(s) for s in event.get("location") or [])
    country = event.get("country")
    return f"{locations} ({country})" if locations and country else locations or str(country or "")


def mention_indices(event: dict[str, Any], mentions: Sequence[Event]) -> list[int]:
    """The mentions of a document-level event, matched by trigger offsets (or ``event_id``)."""
    triggers = {
        (m["trigger"]["start"], m["trigger"]["end"])
        for m in event.get("mentions") or []
        if isinstance(m, dict) and isinstance(m.get("trigger"), dict)
    }
    event_id = event.get("event_id")
    return [
        i
        for i, m in enumerate(mentions)
        if (m.trigger.start, m.trigger.end) in triggers
        or (event_id is not None and getattr(m, "event_id", None) == event_id)
    ]

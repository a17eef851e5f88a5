"""The HTML view: well-nested marking, every trigger and role shown, self-contained pages, `eventx show`."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner, Result
from helpers import FIXTURES, Ceasefire, span

import eventx
from eventx import Attack, DocumentResult, Meeting
from eventx.cli import main
from eventx.views.html import PALETTE, TYPE_COLOURS, colours
from eventx.views.markup import Annotation, render_spans, tag_name

TEXT = "Talks between Armenia and Azerbaijan resumed in Geneva. Shelling killed nine people, Kyiv said."
MEETING = Meeting(
    doc_id="geneva",
    sentence_index=0,
    trigger=span("Talks", 0),
    modality="hypothetical",
    participants=[span("Armenia", 14), span("Azerbaijan", 26)],
    location=[span("Geneva", 48)],
)
ATTACK = Attack(
    doc_id="geneva",
    sentence_index=1,
    trigger=span("killed", 65),
    attributed_to=span("Kyiv", 85),
    victims=[span("nine people", 72)],
    attacker=[span("Shelling killed", 56)],  # crosses nothing, but holds the trigger
    killed=9,
)
VOID = frozenset({"meta", "br", "link", "input", "img"})


class Tree(HTMLParser):
    """Checks that tags nest, and collects each element's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == [], f"unclosed tags {tree.stack}"
    return tree


def marks(html: str, kind: str) -> list[dict[str, str]]:
    return [a for tag, a in parse(html).elements if kind in a.get("class", "").split() and "cont" not in a["class"]]


def opener(annotation: Annotation, continued: bool, depth: int) -> str:
    return f'<{tag_name(annotation)} class="{annotation.kind}{" cont" if continued else ""}">'


def test_crossing_spans_are_split_into_well_nested_pieces() -> None:
    text = "abcdefghij"
    annotations = [
        Annotation(0, 6, "role", (), "[R1]"),
        Annotation(3, 9, "role", (), "[R2]"),
        Annotation(4, 5, "trigger", (), "[T]"),
    ]
    html = render_spans(text, annotations, opener)
    assert html == (
        '<span class="role">abc<span class="role">d<mark class="trigger">e[T]</mark>f</span>[R1]</span>'
        '<span class="role cont">ghi[R2]</span>j'
    )


def test_spans_outside_the_text_or_empty_are_left_out_and_text_is_escaped() -> None:
    html = render_spans("<b>&", [Annotation(2, 9, "role", ()), Annotation(1, 1, "role", ())], opener)
    assert html == "&lt;b&gt;&amp;"


def test_every_trigger_role_and_source_is_marked() -> None:
    html = eventx.render_html(DocumentResult("geneva", [MEETING, ATTACK]), text=TEXT)
    triggers = marks(html, "trigger")
    page = [t for t in triggers if "sample" not in t["class"]]
    assert [(t["data-types"], t["data-start"], t["data-end"]) for t in page] == [
        ("Meeting", "0", "5"),
        ("Attack", "65", "71"),
    ]
    assert "mod-hypothetical" in page[0]["class"] and "ev-Meeting" in page[0]["class"]
    assert all(t.get("tabindex") == "0" for t in page), "triggers are reachable by keyboard"
    roles = {(r["data-roles"], r["data-m"]) for r in marks(html, "role") if "sample" not in r["class"]}
    assert roles == {
        ("participants", "0"),
        ("location", "0"),
        ("victims", "1"),
        ("attacker", "1"),
    }
    (source,) = [s for s in marks(html, "source") if "sample" not in s["class"]]
    assert source["href"] == f"#{page[1]['id']}" and source["data-m"] == "1"


def test_the_page_text_is_the_document_text() -> None:
    html = eventx.render_html(DocumentResult("geneva", [MEETING, ATTACK]), text=TEXT)
    body = re.search(r'<div class="text" lang="en">(.*?)</div>', html, re.S)
    assert body is not None
    plain = re.sub(r'<span class="(tag|tip)"[^>]*>[^<]*</span>', "", body.group(1))
    plain = re.sub(r"<[^>]+>", "", plain)
    assert plain == TEXT


def test_the_page_is_self_contained_and_escapes_the_text() -> None:
    text = 'Talks <script>alert("x")</script> & more'
    html = eventx.render_html(DocumentResult("x<y", [MEETING]), text=text)
    parse(html)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "nothing is loaded from elsewhere"
    assert "@import" not in html and "url(" not in html
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert "x&lt;y" in html


def test_rows_link_to_their_marks_and_shared_triggers_share_one_mark() -> None:
    twin = Meeting(doc_id="geneva", trigger=span("Talks", 0), participants=[span("Armenia", 14)])
    html = eventx.render_html(DocumentResult("geneva", [MEETING, twin, ATTACK]), text=TEXT)
    rows = [a for tag, a in parse(html).elements if tag == "tr" and "data-target" in a]
    assert [r["data-target"] for r in rows] == ["d1-m0", "d1-m0", "d1-m2"]
    (shared,) = [t for t in marks(html, "trigger") if t.get("id") == "d1-m0"]
    assert shared["data-m"] == "0 1"
    assert re.search(r'<a href="#d1-m2">killed</a>', html)


def test_several_documents_give_one_page_with_counts_per_type() -> None:
    other = Attack(doc_id="other", trigger=span("strike", 2))
    results = [DocumentResult("geneva", [MEETING, ATTACK]), DocumentResult("other", [other], error="boom")]
    html = eventx.render_html(results, texts={"geneva": TEXT, "other": "A strike."})
    summary = re.search(r'<table class="summary">.*?</table>', html, re.S)
    assert summary is not None
    cells = re.findall(r"<t[hd](?:\s[^>]*)?>(.*?)</t[hd]>", summary.group(0))
    assert cells[:4] == ["Document", "Meeting", "Attack", "All"]
    assert cells[4:8] == ['<a href="#d1">geneva</a>', "1", "1", "2"]
    assert cells[-4:] == ["All documents", "1", "2", "3"]
    assert 'id="d2"' in html and "boom" in html
    assert "<title>eventx: 2 documents</title>" in html


def test_without_text_the_events_are_listed_and_plugin_types_get_a_colour() -> None:
    truce = Ceasefire(doc_id="c", trigger=span("truce", 4), parties=[span("the rebels", 20)], days=30)
    html = eventx.render_html(DocumentResult("c", [truce]))
    assert "not available" in html and "<td>" in html
    assert ".ev-Ceasefire{--c:#" in html
    assert "<dt>days</dt><dd>30</dd>" in html
    assert marks(html, "role") == [a for a in marks(html, "role") if "sample" in a["class"]]


def test_repr_html_is_an_embeddable_fragment_with_unique_ids() -> None:
    result = DocumentResult("geneva", [MEETING])
    first, second = result._repr_html_(), result._repr_html_()
    assert first.startswith("<style>") and "<html" not in first
    ids = re.findall(r'id="([^"]+)"', first)
    assert ids and not set(ids) & set(re.findall(r'id="([^"]+)"', second))


def test_document_level_events_get_a_table_linked_to_their_mentions() -> None:
    with_events = SimpleNamespace(
        doc_id="geneva",
        events=[MEETING, ATTACK],
        text=TEXT,
        document_events=[
            {
                "event_id": "geneva-1",
                "type": "Attack",
                "date": "2025-05-17",
                "attacker": [{"text": "Shelling", "start": 56, "end": 64}],
                "place": {"name": "Kyiv", "country": "UKR"},
                "killed": 9,
                "mentions": [{"trigger": {"text": "killed", "start": 65, "end": 71}}],
            }
        ],
    )
    html = eventx.render_html(with_events)
    row = re.search(r'<tr id="d1-e0"[^>]*>.*?</tr>', html, re.S)
    assert row is not None
    assert 'data-m="1"' in row.group(0) and 'data-target="d1-m1"' in row.group(0)
    for value in ("2025-05-17", "Shelling", "Kyiv, UKR", "killed 9", 'href="#d1-m1"'):
        assert value in row.group(0)


def test_render_html_refuses_what_is_not_a_result() -> None:
    with pytest.raises(TypeError, match="document result"):
        eventx.render_html(["not a result"])
    with pytest.raises(ValueError, match="texts="):
        eventx.render_html([DocumentResult("a"), DocumentResult("b")], text="x")


# ---------------------------------------------------------------------------- eventx show
def run(*args: str, stdin: bytes | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), prog_name="eventx", input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_show_conllu_writes_a_page_with_the_extracted_events(tmp_path: Path) -> None:
    out = tmp_path / "talks.html"
    result = run("show", "--input-format", "conllu", str(FIXTURES / "talks.conllu"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    expected = run("extract", "--input-format", "conllu", str(FIXTURES / "talks.conllu")).stdout.splitlines()
    triggers = [t for t in marks(html, "trigger") if "sample" not in t["class"]]
    assert len(expected) == len(triggers) > 0
    for line, mark in zip(expected, triggers, strict=True):
        event = json.loads(line)
        assert (mark["data-types"], int(mark["data-start"])) == (event["type"], event["trigger"]["start"])
    assert "<title>eventx: talks</title>" in html


def test_show_stored_events_on_stdin_text_needs_no_model(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text(eventx.to_json(MEETING) + "\n" + eventx.to_json(ATTACK) + "\n", encoding="utf-8")
    result = run("show", "-", "--events", str(events), "--title", "Check <me>", stdin=TEXT.encode())
    assert result.exit_code == 0, result.stderr
    # stdin is named "stdin": the events' document "geneva" is shown apart, without its text.
    assert "<title>Check &lt;me&gt;</title>" in result.stdout
    assert "shown without text" in result.stderr
    assert result.stdout.count('class="doc"') == 2


def test_show_reports_bad_input_and_bad_events_in_one_line(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text('{"type": "Nope"}\n', encoding="utf-8")
    result = run("show", str(tmp_path / "missing.txt"), "--events", str(events))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "unknown event type 'Nope'" in result.stderr
    empty = tmp_path / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    result = run("show", str(tmp_path / "missing.txt"), "--events", str(empty))
    assert result.exit_code == 1 and "missing.txt: no such file" in result.stderr
    assert "<!doctype html>" in result.stdout


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("strong", "tint"), [*TYPE_COLOURS.values(), *PALETTE])
def test_type_colours_are_readable(strong: str, tint: str) -> None:
    assert contrast("#ffffff", strong) >= 4.5, "white label text on the type colour (WCAG AA)"
    assert contrast("#1f2328", tint) >= 7, "body text on the highlight (WCAG AAA)"


def test_plugin_types_get_a_stable_colour_from_the_palette() -> None:
    assert colours("Siege") in PALETTE and colours("Siege") == colours("Siege")
    assert colours("Attack") == TYPE_COLOURS["Attack"]


def test_show_stored_document_level_events_beside_their_mentions(tmp_path: Path) -> None:
    text_file = tmp_path / "geneva.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    mentions = tmp_path / "mentions.jsonl"
    mentions.write_text(eventx.to_json(MEETING) + "\n\n" + eventx.to_json(ATTACK) + "\n", encoding="utf-8")
    events = tmp_path / "events.jsonl"
    document_event = {
        "event_id": "geneva-1",
        "type": "Attack",
        "doc_id": "geneva",
        "date": "2025-05-17",
        "mentions": [{"trigger": {"text": "killed", "start": 65, "end": 71}, "sentence_index": 1}],
    }
    events.write_text(json.dumps(document_event) + "\n", encoding="utf-8")
    result = run("show", str(text_file), "--events", str(mentions), "--events", str(events))
    assert result.exit_code == 0, result.stderr
    assert "<caption>Events (1)</caption>" in result.stdout and "2025-05-17" in result.stdout
    assert result.stdout.count('class="doc"') == 1
    broken = tmp_path / "broken.jsonl"
    broken.write_text(eventx.to_json(MEETING) + "\n[1, 2]\n", encoding="utf-8")
    result = run("show", str(text_file), "--events", str(broken))
    assert result.exit_code == 1 and result.stderr == f"eventx: {broken}:2: not a JSON object\n"


def test_ids_are_unique_and_every_label_reference_resolves() -> None:
    twin = Meeting(doc_id="geneva", trigger=span("Talks", 0), participants=[span("Armenia", 14)])
    results = [DocumentResult("geneva", [MEETING, twin, ATTACK]), DocumentResult("again", [ATTACK])]
    html = eventx.render_html(results, texts={"geneva": TEXT, "again": TEXT})
    elements = parse(html).elements
    ids = [a["id"] for _, a in elements if "id" in a]
    assert len(ids) == len(set(ids))
    references = [a[key] for _, a in elements for key in ("aria-describedby", "href", "data-target") if key in a]
    assert references and all(ref.removeprefix("#") in ids for ref in references if ref)


def test_show_resolves_dates_from_date_and_refuses_a_bad_one() -> None:
    talks = str(FIXTURES / "talks.conllu")
    result = run("show", "--input-format", "conllu", talks, "--date", "2025-05-17")
    assert result.exit_code == 0, result.stderr
    events = re.search(r'<table class="events document-events".*?</table>', result.stdout, re.S)
    assert events is not None and "2025-05-12" in events.group(0), "Monday before the 17th"
    result = run("show", "--input-format", "conllu", talks, "--date", "17/05/2025")
    assert result.exit_code == 2 and "--date" in result.stderr


def test_a_result_from_the_engine_carries_its_text_so_a_notebook_shows_the_article() -> None:
    from eventx.testing import parse_conllu

    document = parse_conllu(FIXTURES / "talks.conllu")
    result = next(eventx.Extractor().results([document]))
    assert result.text == document.text
    html = result._repr_html_()
    assert "not available" not in html
    assert marks(html, "trigger"), "the article's triggers are marked in the notebook view"

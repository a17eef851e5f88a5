"""The ``eventx`` command line: a thin layer over the library.

Exit codes: 0 all went well; 1 an input, a plugin or the model failed (the
other inputs were still processed); 2 usage errors.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import IO, Any, cast

import click

from eventx import __version__

_INPUT_HELP = (
    "text: *.txt files (folders searched recursively); conllu: pre-parsed CoNLL-U; jsonl: one JSON record per line."
)


_TRACEBACK = "eventx.traceback"  # click context meta key: --traceback was given


def _want_traceback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value or os.environ.get("EVENTX_TRACEBACK", "") not in ("", "0"):
        ctx.find_root().meta[_TRACEBACK] = True


def _tracebacks() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().meta.get(_TRACEBACK))


_input_format_option = click.option(
    "--input-format",
    type=click.Choice(["text", "conllu", "jsonl"]),
    default="text",
    show_default=True,
    help=_INPUT_HELP,
)


def _jsonl_field_options(func: Any) -> Any:
    """``--id-field`` and ``--text-field``, naming a JSONL input record's fields."""
    text = click.option("--text-field", default="text", show_default=True, help="JSONL input: the record's text field.")
    ident = click.option("--id-field", default="id", show_default=True, help="JSONL input: the record's id field.")
    return ident(text(func))


def _plugin_options(func: Any) -> Any:
    func = click.option(
        "--traceback",
        is_flag=True,
        expose_value=False,
        callback=_want_traceback,
        help="Print the Python traceback of a plugin failure (also EVENTX_TRACEBACK=1).",
    )(func)
    func = click.option(
        "--strict", is_flag=True, default=None, help="Make a failing plugin fatal (also EVENTX_STRICT=1)."
    )(func)
    func = click.option(
        "--block-plugin",
        "block",
        multiple=True,
        metavar="NAME",
        help="Do not load this plugin (repeatable; also EVENTX_BLOCK_PLUGINS).",
    )(func)
    func = click.option(
        "--plugins", "load", metavar="NAMES", help="Load only these plugins, comma-separated (also EVENTX_PLUGINS)."
    )(func)
    return func


def _names(load: str | None) -> tuple[str, ...] | None:
    return tuple(n.strip() for n in load.split(",") if n.strip()) if load is not None else None


def _manager(load: str | None, block: Sequence[str], strict: bool | None) -> Any:
    from eventx.plugins import PluginManager

    names = _names(load)
    return PluginManager(
        load=list(names) if names is not None else None,
        block=list(block),
        strict=strict,
        report=lambda message: click.echo(message, err=True),
        tracebacks=_tracebacks(),
    )


def _engine_options(func: Any) -> Any:
    func = click.option(
        "--cache",
        metavar="DIR",
        envvar="EVENTX_CACHE",
        help="Keep each document's parse here and reuse it on later runs (also EVENTX_CACHE).",
    )(func)
    func = click.option(
        "--device",
        metavar="DEVICE",
        help="Where Stanza runs: cpu, cuda or cuda:N (default: a GPU when torch sees one).",
    )(func)
    return func


class _Group(click.Group):
    """Reports a strict-mode plugin failure, a write error or a missing optional extra (exit 1),
    or an invalid setting (exit 2), as one line wherever met."""

    def invoke(self, ctx: click.Context) -> Any:
        from eventx.inputs import SettingError
        from eventx.outfile import OutputError
        from eventx.plugins import PluginError
        from eventx.tables import TablesUnavailable

        try:
            return super().invoke(ctx)
        except SettingError as exc:
            click.echo(f"eventx: {exc}", err=True)
            sys.exit(2)
        except (OutputError, TablesUnavailable) as exc:  # a write error; a format needing an optional extra
            click.echo(f"eventx: {exc}", err=True)
            sys.exit(1)
        except PluginError as exc:
            message = str(exc)
            click.echo(message if message.startswith("eventx: ") else f"eventx: {message}", err=True)
            if ctx.meta.get(_TRACEBACK):
                cause = exc.__cause__ or exc
                click.echo(
                    "".join(traceback.format_exception(type(cause), cause, cause.__traceback__)).rstrip(), err=True
                )
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="eventx")
def main() -> None:
    """eventx: typed, structured events from news text."""


# ---------------------------------------------------------------------------- extract
@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="Write events here (default: standard output).",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    default="jsonl",
    show_default=True,
    help="Output format: jsonl, json, csv, parquet, or one a plugin adds; acled (CSV, one row per event: --level "
    "events).",
)
@click.option(
    "--level",
    type=click.Choice(["mentions", "events"]),
    default=None,
    help="mentions: one record per event mention, with its event_id (default); "
    "events: one per document-level event (the default for --format acled).",
)
@click.option(
    "--date",
    "document_date",
    metavar="YYYY-MM-DD",
    help="The date of documents that bring none (a JSONL record's 'date' field wins); else each dateline decides.",
)
@_input_format_option
@click.option(
    "--model",
    metavar="NAME|DIR",
    help="Stanza model: an installed model name, 'stanza' or a folder (also EVENTX_MODEL).",
)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Parallel worker processes, each with its own pipeline.",
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=32, show_default=True, help="Documents per pipeline call."
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    default=None,
    help="Refuse documents larger than this (default 2000000; 0: no limit; also EVENTX_MAX_BYTES).",
)
@_engine_options
@_jsonl_field_options
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal)."
)
@click.option(
    "--resume",
    is_flag=True,
    help="Skip the documents already finished in the -o file (JSONL) and append the rest.",
)
@click.option(
    "--dask",
    metavar="SCHEDULER",
    help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' (needs eventx[dask]).",
)
@_plugin_options
def extract(
    paths: tuple[str, ...],
    output: str,
    output_format: str,
    level: str | None,
    document_date: str | None,
    input_format: str,
    model: str | None,
    workers: int,
    batch_size: int,
    max_bytes: int | None,
    device: str | None,
    cache: str | None,
    id_field: str,
    text_field: str,
    progress: bool | None,
    resume: bool,
    dask: str | None,
    load: str | None,
    block: tuple[str, ...],
    strict: bool | None,
) -> None:
    """Extract events from PATHS (files, folders, or - for standard input)."""
    from eventx.eventdata.acled import EVENT_FORMATS
    from eventx.eventdata.dates import parse_input_date
    from eventx.extractor import Settings
    from eventx.inputs import iter_inputs
    from eventx.models import ModelNotFoundError
    from eventx.runner import DaskUnavailable, run_batch

    settings = Settings(
        model=model,
        load=_names(load),
        block=block,
        strict=strict,
        batch_size=batch_size,
        device=device,
        cache=cache,
        tracebacks=_tracebacks(),
        document_date=document_date,
    )
    extractor = settings.build(report=lambda message: click.echo(message, err=True))
    manager = extractor.plugins
    formats = manager.output_formats
    level = level or ("events" if output_format == "acled" else "mentions")
    if level == "events" and output_format not in EVENT_FORMATS:
        raise click.BadParameter(
            f"format {output_format!r} has no events level; available: {', '.join(EVENT_FORMATS)}",
            param_hint="--format",
        )
    if level == "mentions" and output_format not in formats:
        extra = " (acled writes events: --level events)" if output_format == "acled" else ""
        raise click.BadParameter(
            f"unknown format {output_format!r}; available: {', '.join(formats)}{extra}", param_hint="--format"
        )
    if document_date is not None:
        try:
            parse_input_date(document_date)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from None
    if resume and (output == "-" or output_format != "jsonl"):
        raise click.BadParameter("needs -o FILE and --format jsonl", param_hint="--resume")
    items = iter_inputs(paths, input_format, max_bytes=max_bytes, id_field=id_field, text_field=text_field)
    show = progress if progress is not None else sys.stderr.isatty()
    with ExitStack() as stack:
        out = _Output(output, resume, stack)
        stream = cast(IO[str], out.stream)
        event_writer: Any = EVENT_FORMATS[output_format](stream) if level == "events" else None
        writer: Any = event_writer or formats[output_format].open(stream, list(manager.event_types.values()))
        completed = False
        try:
            summary = run_batch(
                extractor,
                out.skip_done(items),
                writer,
                workers=workers if input_format != "conllu" else 1,
                progress=show,
                report=lambda message: click.echo(message, err=True),
                on_document=out.document_done,
                dask=dask if input_format != "conllu" else None,
                event_writer=event_writer,
            )
            completed = True
        except (ModelNotFoundError, DaskUnavailable) as exc:  # a PluginError (strict mode) is reported by the group
            click.echo(f"eventx: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            out.finish(writer, completed=False)
            click.echo(f"eventx: interrupted; {out.interrupted_summary()}", err=True)
            sys.exit(130)
        finally:
            out.finish(writer, completed=completed)  # an OutputError is reported by the group
    if summary.failed_inputs or manager.failures or summary.plugin_failures:
        sys.exit(1)


class _Output:
    """Where ``eventx extract`` writes: per-document commits, and with ``--resume`` the progress record."""

    def __init__(self, output: str, resume: bool, stack: ExitStack) -> None:
        from eventx.outfile import OutputFile
        from eventx.resume import DocumentStream, Progress, prepare_resume, progress_path

        self.done: set[str] = set()
        self.progress: Progress | None = None
        self.finished = 0
        self._closed = False
        if output == "-":
            self.target = OutputFile(stream=sys.stdout)
            self.stream = DocumentStream(cast(IO[str], self.target))
            return
        if resume:
            self.done = prepare_resume(output)
            self.progress = Progress(output)
            stack.callback(self.progress.close)
        else:
            progress_path(output).unlink(missing_ok=True)
        # Opened on the first write: a run that fails before its first result leaves an existing file alone.
        self.target = OutputFile(output, "a" if resume else "w")
        stack.callback(self.target.close)
        self.stream = DocumentStream(cast(IO[str], self.target))

    def skip_done(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            if not self.done or getattr(item, "doc_id", None) not in self.done:
                yield item

    def document_done(self, result: Any) -> None:
        with self.target.reporting_errors():
            self.stream.commit()
        self.finished += 1
        if self.progress is not None:
            self.progress.done(result.doc_id)

    def finish(self, writer: Any, *, completed: bool) -> None:
        """Close the writer into the output, once; unless the run stopped before writing anything."""
        if self._closed or not (completed or self.target.opened):
            return
        self._closed = True
        if self.target.failed:  # reported already: let the writer let go of the file quietly
            with suppress(OSError, ValueError):
                writer.close()
            return
        with self.target.reporting_errors():
            writer.close()
            self.stream.commit()
            self.target.touch()

    def interrupted_summary(self) -> str:
        where = self.target.name_for_messages
        if not self.target.opened:
            return f"{self.finished} documents finished, nothing written to {where}"
        return f"{self.finished} documents finished and written to {where}"


# ---------------------------------------------------------------------------- parse
@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="Write CoNLL-U here (default: standard output).",
)
@click.option("--model", metavar="NAME|DIR", help="Stanza model (see 'eventx models').")
@click.option("--max-bytes", type=click.IntRange(min=0), default=None, help="Refuse documents larger than this.")
@_engine_options
@_plugin_options
def parse(
    paths: tuple[str, ...],
    output: str,
    model: str | None,
    max_bytes: int | None,
    device: str | None,
    cache: str | None,
    load: str | None,
    block: tuple[str, ...],
    strict: bool | None,
) -> None:
    """Parse text files to CoNLL-U with the active model (the processors the plugins need)."""
    from eventx.extractor import Extractor
    from eventx.inputs import InputProblem, TextInput, iter_inputs
    from eventx.models import ModelNotFoundError
    from eventx.parsing import to_conllu

    extractor = Extractor(plugins=_manager(load, block, strict), model=model, device=device, cache=cache)
    failed = False
    batch: list[TextInput] = []

    def flush(stream: IO[str]) -> None:
        try:
            docs = extractor.engine.parse([item.text for item in batch])
        except ModelNotFoundError as exc:
            click.echo(f"eventx: {exc}", err=True)
            sys.exit(1)
        for item, doc in zip(batch, docs, strict=True):
            stream.write(f"# newdoc id = {item.doc_id}\n")
            stream.write(to_conllu(doc))
        stream.flush()
        batch.clear()

    from eventx.outfile import OutputFile

    with ExitStack() as stack:
        # Opened on the first parse written: a run that fails before leaves an existing file alone.
        target = OutputFile(stream=sys.stdout) if output == "-" else OutputFile(output)
        stack.callback(target.close)
        stream = cast(IO[str], target)
        for item in iter_inputs(paths, "text", max_bytes=max_bytes):
            if isinstance(item, InputProblem):
                click.echo(f"eventx: {'' if item.fatal else 'warning: '}{item}", err=True)
                failed = failed or item.fatal
                continue
            assert isinstance(item, TextInput)
            batch.append(item)
            if len(batch) >= extractor.batch_size:
                flush(stream)
        flush(stream)
        target.touch()
    sys.exit(1 if failed else 0)


# ---------------------------------------------------------------------------- show
def _checked_date(value: str | None) -> str | None:
    """A ``--date`` value, refused (exit 2) unless it is YYYY-MM-DD."""
    from eventx.eventdata.dates import parse_input_date

    if value is not None:
        try:
            parse_input_date(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="Write the HTML page here (default: standard output).",
)
@_input_format_option
@click.option(
    "--events",
    "events_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Show these JSONL events (mentions or document-level events, from 'eventx extract') instead of "
    "extracting; repeatable.",
)
@click.option("--title", help="The page's title (default: the document id, or the number of documents).")
@click.option(
    "--date",
    "document_date",
    metavar="YYYY-MM-DD",
    callback=lambda ctx, param, value: _checked_date(value),
    help="The date of documents that bring none, for the events' dates (as for 'eventx extract').",
)
@click.option("--model", metavar="NAME|DIR", help="Stanza model (see 'eventx models').")
@click.option("--max-bytes", type=click.IntRange(min=0), default=None, help="Refuse documents larger than this.")
@_jsonl_field_options
@_plugin_options
def show(
    paths: tuple[str, ...],
    output: str,
    input_format: str,
    events_paths: tuple[str, ...],
    title: str | None,
    document_date: str | None,
    model: str | None,
    max_bytes: int | None,
    id_field: str,
    text_field: str,
    load: str | None,
    block: tuple[str, ...],
    strict: bool | None,
) -> None:
    """Write one HTML page of PATHS (files, folders, or - for standard input) with their events marked."""
    from eventx.extractor import Extractor
    from eventx.inputs import iter_inputs
    from eventx.models import ModelNotFoundError
    from eventx.serialize import EventTypeError
    from eventx.views.html import default_title, page
    from eventx.views.report import extracted_views, stored_views

    manager = _manager(load, block, strict)
    items = iter_inputs(paths, input_format, max_bytes=max_bytes, id_field=id_field, text_field=text_field)

    def report(message: str) -> None:
        click.echo(message, err=True)

    try:
        if events_paths:
            outcome = stored_views(events_paths, manager.event_types, items, report)
        else:
            extractor = Extractor(plugins=manager, model=model, document_date=document_date)
            outcome = extracted_views(extractor, items, report)
    except (ModelNotFoundError, EventTypeError, OSError) as exc:
        click.echo(f"eventx: {exc}", err=True)
        sys.exit(1)
    html = page(outcome.views, title or default_title(outcome.views))
    if output == "-":
        click.echo(html, nl=False)
    else:
        Path(output).write_text(html, encoding="utf-8")
    if outcome.failed or manager.failures:
        sys.exit(1)


# ---------------------------------------------------------------------------- listings
@main.command()
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@_plugin_options
def plugins(as_json: bool, load: str | None, block: tuple[str, ...], strict: bool | None) -> None:
    """List the installed plugins, their versions and the hooks each implements."""
    manager = _manager(load, block, strict)
    infos = manager.describe()
    extractors = {s.name: s for s in manager.extractors}
    if as_json:
        click.echo(
            json.dumps(
                [{"name": i.name, "version": i.version, "hooks": list(i.hooks), "source": i.source} for i in infos],
                indent=2,
            )
        )
        return
    for info in infos:
        click.echo(f"{info.name} {info.version or ''}".rstrip() + f"  [{info.source}]")
        click.echo(f"  hooks: {', '.join(info.hooks)}")
    if extractors:
        click.echo(
            "extractors: " + ", ".join(f"{name} ({', '.join(sorted(s.processors))})" for name, s in extractors.items())
        )


@main.command()
@click.option("--schema", is_flag=True, help="Print the JSON Schema of every event type.")
@_plugin_options
def types(schema: bool, load: str | None, block: tuple[str, ...], strict: bool | None) -> None:
    """List the event types and their roles."""
    from eventx.records import roles
    from eventx.serialize import json_schema

    event_types = _manager(load, block, strict).event_types
    if schema:
        click.echo(
            json.dumps({name: json_schema(cls) for name, cls in event_types.items()}, indent=2, ensure_ascii=False)
        )
        return
    for name, cls in event_types.items():
        role_text = ", ".join(f"{r}{'' if k == 'span' else ' (count)'}" for r, k in roles(cls).items())
        click.echo(f"{name}: {role_text}")
        if cls.description:
            click.echo(f"  {cls.description}")


@main.command()
@click.option("--model", metavar="NAME|DIR", help="Show which model this choice resolves to.")
def models(model: str | None) -> None:
    """List the available Stanza models and say which one is in use."""
    from eventx.models import ModelNotFoundError, available_models, resolve_model

    try:
        active = resolve_model(model)
    except ModelNotFoundError as exc:
        active = None
        click.echo(f"eventx: {exc}", err=True)
    listed = available_models()
    if active is not None and all(m.directory != active.directory for m in listed):
        listed.append(active)
    for info in listed:
        mark = "*" if active is not None and info.directory == active.directory else " "
        version = f" {info.version}" if info.version else ""
        click.echo(f"{mark} {info.name}{version}  [{info.kind}] {info.directory}")
        if info.description:
            click.echo(f"    {info.description}")
    if active is None:
        sys.exit(1)


# ---------------------------------------------------------------------------- eval
@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--predictions",
    type=click.Path(exists=True, dir_okay=False),
    help="Score these JSONL predictions instead of running extraction.",
)
@click.option(
    "--input-format",
    type=click.Choice(["text", "conllu"]),
    default="text",
    show_default=True,
    help="Run on NAME.txt (parsed with the model) or on pre-parsed NAME.conllu beside each gold file.",
)
@click.option("--model", metavar="NAME|DIR", help="Stanza model (see 'eventx models').")
@click.option("--json", "as_json", is_flag=True, help="Output the scores as JSON.")
@click.option("--per-doc", is_flag=True, help="Also show scores per document.")
@click.option("--errors", is_flag=True, help="List missed, spurious, wrong-modality and wrong-count events by type.")
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False),
    help="Show the change from a saved run (the --json output of an earlier 'eventx eval').",
)
@click.option("--all-roles", is_flag=True, help="Score every role, also those a set never annotates.")
@_plugin_options
def evaluate(
    gold: tuple[str, ...],
    predictions: str | None,
    input_format: str,
    model: str | None,
    as_json: bool,
    per_doc: bool,
    errors: bool,
    baseline: str | None,
    all_roles: bool,
    load: str | None,
    block: tuple[str, ...],
    strict: bool | None,
) -> None:
    """Score extraction against gold sets: each GOLD folder (or NAME.gold.jsonl file) is one set.

    See docs/evaluation.md for the gold format and how each figure is computed.
    """
    from eventx.evaltables import baseline_for, errors_to_dict, format_errors, format_set, format_summary, load_baseline
    from eventx.evaluation import evaluate_sets

    manager = _manager(load, block, strict)
    try:
        before = load_baseline(Path(baseline)) if baseline else None
        reports = evaluate_sets(
            [Path(g) for g in gold],
            manager=manager,
            model=model,
            input_format=input_format,
            predictions=Path(predictions) if predictions else None,
            all_roles=all_roles,
        )
    except (ValueError, OSError) as exc:
        click.echo(f"eventx: {exc}", err=True)
        sys.exit(1)
    if as_json:
        out = {
            name: {**r.to_dict(per_doc=per_doc), **({"errors": errors_to_dict(r)} if errors else {})}
            for name, r in reports.items()
        }
        click.echo(json.dumps(next(iter(out.values())) if len(out) == 1 else {"sets": out}, indent=2))
        return
    parts = []
    for name, report in reports.items():
        prior = baseline_for(before, name, len(reports) == 1) if before is not None else None
        parts.append(format_set(name, report, prior, per_doc=per_doc))
        if errors:
            parts.append(format_errors(report))
    if len(reports) > 1 or before is not None:
        parts.append("== summary\n" + format_summary(reports, before))
    click.echo("\n\n".join(parts))


if __name__ == "__main__":  # pragma: no cover
    main()

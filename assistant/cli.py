"""The `threshold` command: a thin shell that turns arguments into calls of assistant.core."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from assistant.config import Settings
from assistant.types import Filters
from ingestion.errors import BadInput, ThresholdError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Answers about children's safeguarding threshold guidance, cited to the matrix row.",
)
err = Console(stderr=True, soft_wrap=True)  # one message, one line, however narrow the terminal
out = Console()

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
IndexOpt = Annotated[
    Path | None, typer.Option("--index", help="Index folder (default: THRESHOLD_INDEX_DIR or a per-user data folder).")
]


def _settings(index: Path | None = None, corpus: Path | None = None) -> Settings:
    overrides = {}
    if index is not None:
        overrides["index_dir"] = index
    if corpus is not None:
        overrides["corpus_dir"] = corpus
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problem = error.errors()[0]
        _fail(BadInput(f"setting {'.'.join(map(str, problem['loc']))}: {problem['msg']}"))


def _fail(error: ThresholdError) -> None:
    err.print(f"[red]error:[/red] {error}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(error.exit_code)


def _emit(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def _assistant(index: Path | None):
    from assistant.core import Assistant
    from assistant.progress import progress_bar

    settings = _settings(index)
    with progress_bar(err) as progress:
        return Assistant.open(settings, progress=progress)


@app.command()
def ingest(
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Corpus folder (default: the bundled corpus).")
    ] = None,
    index: IndexOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if nothing changed.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Parse, chunk, embed and index the corpus; unchanged documents are skipped."""
    from assistant.progress import progress_bar
    from ingestion.embed import set_precision
    from ingestion.index import build_index

    settings = _settings(index, corpus)
    try:
        set_precision(settings.embed_precision)
        with progress_bar(err) as progress:
            report = build_index(
                settings.corpus_dir, settings.index_dir, force, progress, settings.max_pdf_pages, settings.chroma_url
            )
    except ThresholdError as error:
        _fail(error)
    for reason in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {reason}", highlight=False)
    if as_json:
        _emit(report.to_json())
        return
    from assistant.render import print_ingest

    print_ingest(out, report)


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="The question (- or none: read standard input).")] = None,
    history: Annotated[
        list[str] | None, typer.Option("--history", help="An earlier turn of the conversation (repeatable).")
    ] = None,
    area: Annotated[
        str | None, typer.Option("--area", help="Bedford Borough, Central Bedfordshire, Luton or London.")
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document (doc_id).")] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSONL file of questions; one answer per line out.")
    ] = None,
    index: IndexOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Answer a question with citations."""
    from assistant.batch import question_from_stdin, run_batch

    try:
        if batch is not None:
            run_batch(batch, _assistant(index), "ask")
            return
        if question in (None, "-"):
            question = question_from_stdin()
        assistant = _assistant(index)
        answer = assistant.ask(question, history or [], area, doc)
    except ThresholdError as error:
        _fail(error)
    if as_json:
        _emit(answer.model_dump())
    else:
        from assistant.render import print_answer

        print_answer(out, answer)


@app.command()
def chat(
    area: Annotated[
        str | None, typer.Option("--area", help="Bedford Borough, Central Bedfordshire, Luton or London.")
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document (doc_id).")] = None,
    index: IndexOpt = None,
) -> None:
    """A conversation: follow-up questions are read with the ones before them (/help inside)."""
    from assistant.chat import run_chat

    try:
        run_chat(_assistant(index), out, area=area, doc_id=doc)
    except ThresholdError as error:
        _fail(error)


@app.command("search")
def search_command(
    query: Annotated[str | None, typer.Argument(help="What to look for.")] = None,
    k: Annotated[int | None, typer.Option("--k", help="How many results (1-100).")] = None,
    area: Annotated[str | None, typer.Option("--area")] = None,
    doc: Annotated[str | None, typer.Option("--doc")] = None,
    level: Annotated[int | None, typer.Option("--level", help="Only units at this level (1-4).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="matrix_cell, matrix_row, indicator or section.")] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSONL file of queries; one result per line out.")
    ] = None,
    index: IndexOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Ranked guidance units, for finding the right section quickly."""
    from assistant.batch import run_batch

    filters = Filters(doc_id=doc, area=area, level=level, kind=kind)
    try:
        if batch is not None:
            run_batch(batch, _assistant(index), "search", k=k, filters=filters)
            return
        if query is None:
            raise BadInput("give a query, or --batch FILE")
        response = _assistant(index).search(query, k, filters)
    except ThresholdError as error:
        _fail(error)
    if as_json:
        _emit(response.model_dump())
    else:
        from assistant.render import print_search

        print_search(out, response)


@app.command()
def units(
    doc: Annotated[str | None, typer.Option("--doc")] = None,
    kind: Annotated[str | None, typer.Option("--kind")] = None,
    index: IndexOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Every retrievable unit of the index."""
    try:
        rows = _assistant(index).units(doc, kind)
    except ThresholdError as error:
        _fail(error)
    if as_json:
        _emit(rows)
    else:
        for row in rows:
            out.print(f"[bold]{row['id']}[/bold]  {row['text'][:100]}", highlight=False)


@app.command()
def quiz(
    count: Annotated[int, typer.Option("--count", help="How many items (1-200).")] = 10,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document (doc_id).")] = None,
    domain: Annotated[str | None, typer.Option("--domain", help="Only domains whose name contains this.")] = None,
    level: Annotated[int | None, typer.Option("--level", help="Only items about this level (1-4).")] = None,
    area: Annotated[str | None, typer.Option("--area", help="This area's documents and level names.")] = None,
    kinds: Annotated[
        list[str] | None, typer.Option("--type", help="Only this item type (repeatable), e.g. which_level.")
    ] = None,
    difficulty: Annotated[str, typer.Option("--difficulty", help="easy or hard.")] = "easy",
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same quiz.")] = 7,
    fmt: Annotated[
        str, typer.Option("--format", help="json, gift, aiken, moodle-xml, csv, md, html, kahoot or quizizz.")
    ] = "md",
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    index: IndexOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Quiz material for trainers: every answer cited to the guidance, exported for training platforms."""
    from assistant.quiz.export import export
    from assistant.quiz.model import QuizRequest

    fields = {"count": count, "seed": seed, "doc_id": doc, "domain": domain, "level": level, "area": area}
    fields |= {"difficulty": difficulty} | ({"types": kinds} if kinds else {})
    try:
        request = QuizRequest(**fields)
    except ValidationError as error:
        problem = error.errors()[0]
        _fail(BadInput(f"{'.'.join(map(str, problem['loc']))}: {problem['msg']}"))
    try:
        fmt = "json" if as_json else fmt
        made = _assistant(index).quiz(request, fmt)
        exported = export(made, fmt)
        if out_file is None and not exported.media_type.startswith(("text/", "application/json")):
            raise BadInput(f"{fmt} is a spreadsheet: give --out FILE.xlsx")
        if out_file is not None:
            out_file.write_bytes(exported.content)
            err.print(f"wrote {out_file}", highlight=False)
        else:
            sys.stdout.write(exported.content.decode("utf-8"))
    except ThresholdError as error:
        _fail(error)
    except OSError as error:
        _fail(BadInput(f"cannot write {out_file}: {error.strerror or error}"))
    for why, count in made.left_out.items():
        err.print(f"[yellow]not chosen[/yellow] {count} items: {why}", highlight=False)
    for item_id, why in exported.skipped:
        err.print(f"[yellow]left out[/yellow] {item_id}: {why}", highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", help="Worker processes (more than one needs THRESHOLD_CHROMA_URL).")
    ] = 1,
    index: IndexOpt = None,
) -> None:
    """The web app and HTTP API (building the index first if there is none)."""
    import os

    import uvicorn

    from assistant.server import create_app
    from assistant.server.app import configure_server_process

    if not 0 <= port <= 65535:
        _fail(BadInput(f"port must be between 0 and 65535, not {port}"))
    settings = _settings(index)
    if workers < 1 or (workers > 1 and not settings.chroma_url):
        _fail(BadInput(WORKERS_NEED_A_SERVER if workers > 1 else f"--workers must be at least 1, not {workers}"))
    _check_can_listen(host, port)
    try:
        assistant = _assistant(index)
        assistant.warm_up()
    except ThresholdError as error:
        _fail(error)
    configure_server_process()
    err.print(f"threshold serving on http://{host}:{port}/  (API docs at /docs)", highlight=False)
    if workers == 1:
        app_ = create_app(assistant.settings, assistant)
        uvicorn.run(app_, host=host, port=port, access_log=False, log_level="warning")
        return
    os.environ["THRESHOLD_INDEX_DIR"] = str(settings.index_dir)
    uvicorn.run(
        "assistant.server.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
    )


WORKERS_NEED_A_SERVER = (
    "more than one worker needs the index in a Chroma server (Chroma's embedded store is not safe across "
    "processes): start one with `chroma run` and set THRESHOLD_CHROMA_URL=http://host:port"
)


def _check_can_listen(host: str, port: int) -> None:
    """Say so before the index is opened when the address is taken or cannot be had."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as error:
        _fail(BadInput(f"cannot listen on {host}:{port}: {error.strerror or error}"))


@app.command("eval")
def eval_command(
    questions: Annotated[list[Path] | None, typer.Option("--questions", help="Question file(s) (JSONL).")] = None,
    split: Annotated[str, typer.Option("--split", help="dev, test or all.")] = "all",
    report: Annotated[Path | None, typer.Option("--report", help="Write Markdown, JSON and HTML reports here.")] = None,
    baseline: Annotated[bool, typer.Option("--baseline/--no-baseline", help="Score the generic recipe too.")] = True,
    gate: Annotated[bool, typer.Option("--gate", help="Exit 1 when the test split misses a target.")] = False,
    floors: Annotated[
        bool, typer.Option("--floors", help="Exit 1 when the test split falls below a regression floor.")
    ] = False,
    index: IndexOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Run the eval suite: our retrieval and answers, and the baseline recipe, on the same questions."""
    from assistant.progress import progress_bar
    from evals.questions import load_questions
    from evals.report import markdown, write_reports
    from evals.run import run_eval
    from evals.targets import FLOORS, TARGETS, missed

    if split not in ("dev", "test", "all"):
        _fail(BadInput(f"split must be dev, test or all, not {split!r}"))
    try:
        chosen = load_questions(questions, split)
    except (OSError, ValueError) as error:
        _fail(BadInput(str(error)))
    if not chosen:
        _fail(BadInput("no questions to run"))
    try:
        assistant = _assistant(index)
        with progress_bar(err) as progress:
            run = run_eval(assistant, chosen, baseline, progress)
    except ThresholdError as error:
        _fail(error)
    if report is not None:
        for path in write_reports(run, report):
            err.print(f"wrote {path}", highlight=False)
    if as_json:
        _emit(run.to_json())
    else:
        sys.stdout.write(markdown(run))
    table = run.tables["split"].get("test") or run.tables["split"]["all"]
    failures = [f"target missed: {f}" for f in missed(table, TARGETS)] if gate else []
    failures += [f"below its floor: {f}" for f in missed(table, FLOORS)] if floors else []
    for failure in failures:
        err.print(f"[red]{failure}[/red]", highlight=False)
    if failures:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)

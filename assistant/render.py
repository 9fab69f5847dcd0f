"""How answers and results look in a terminal (the JSON output is the contract; this is for people)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from assistant.types import Answer, SearchResponse


def print_answer(console: Console, answer: Answer) -> None:
    if answer.urgent:
        console.print(Panel("Immediate danger: call 999 (police / ambulance) now.", style="bold red"))
    console.print(escape(answer.answer), highlight=False)
    console.print()
    for c in answer.citations:
        where = " › ".join(c.path)
        level = f" · {c.level_label}" if c.level_label else ""
        console.print(
            f"[dim][{c.n}] {escape(c.doc_title)} ({escape(c.doc_date)}) · {escape(where)}{escape(level)} · "
            f"{escape(c.source.file)}:{c.source.line_start}-{c.source.line_end}[/dim]",
            highlight=False,
        )


def print_search(console: Console, response: SearchResponse) -> None:
    for r in response.results:
        level = f" · {r.level_label}" if r.level_label else ""
        console.print(
            f"[bold]{r.rank}.[/bold] {escape(r.doc_id)} · {escape(' › '.join(r.path))}{escape(level)}", highlight=False
        )
        console.print(f"   {escape(r.quote)}", highlight=False)
        console.print(f"   [dim]{escape(r.id)}[/dim]", highlight=False)


def print_ingest(console: Console, report) -> None:
    verb = "Built" if report.changed else "Nothing changed; kept"
    console.print(f"{verb} the index in {escape(report.index_dir)}: {report.units} units in {report.seconds:.1f} s")
    for doc in report.documents:
        joins = f", {doc.joins} page-break joins" if doc.joins else ""
        console.print(f"  {escape(doc.doc_id)}: {doc.status}, {doc.units} units{joins}", highlight=False)

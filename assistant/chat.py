"""`threshold chat`: a conversation in the terminal, where follow-ups ("and in Luton?", "what if it
keeps happening?") are asked with the questions before them.

`ChatSession` is the logic, with no terminal in it: it holds the area, the document, the questions
of this session and the last answer, and turns each line into a `ChatReply` saying what to show.
`run_chat` is the loop around it: `input()` (with readline's line editing and in-memory history
when it is there; no history file is ever read or written, so question text never reaches the
disk), the prompt, Ctrl-C and Ctrl-D, and printing."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rich.console import Console
from rich.markup import escape

from assistant.types import Answer, Citation
from ingestion.errors import BadInput, ThresholdError

COMMANDS = "/area, /doc, /sources, /clear, /help, /quit"
ANY = "any"

BANNER = (
    "threshold chat: questions about children's safeguarding threshold guidance, every statement "
    "quoted and cited to the document, matrix row and level. Follow-up questions keep the "
    "conversation's context. It supports professional judgement; it does not replace it.\n"
    "Do not type names or identifying details of a child or family.\n"
    "If a child is in immediate danger, call 999.\n"
    "Type /help for commands, /quit (or Ctrl-D) to leave."
)

HELP = """Ask a question in plain words; follow-ups are read with the questions before them.
  /area NAME      answer for this area (its documents and level names); /area any clears it
  /area           the current area and the known ones
  /doc DOC_ID     only this document; /doc any clears it
  /doc            the documents, with their titles
  /sources        the last answer's citations in full
  /sources N      citation N's whole text and, for a matrix cell, its whole row
  /clear          start a new conversation (forget earlier questions and the last answer)
  /help           this list
  /quit, /exit    leave (Ctrl-D too)"""


@dataclass(frozen=True)
class ChatReply:
    """What to show for one line: an answer, a block of text (a message, a sources listing, the
    help), a one-line error, nothing (an empty line), or quit."""

    kind: Literal["answer", "sources", "message", "error", "nothing", "quit"]
    text: str = ""
    answer: Answer | None = None


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())


@dataclass
class ChatSession:
    """One conversation: `handle(line)` for each line typed."""

    assistant: object
    """An assistant.core.Assistant (or anything with its ask, documents, unit and settings)."""
    area: str | None = None
    doc_id: str | None = None
    history: list[str] = field(default_factory=list)
    """The questions asked so far this session (answered ones), oldest first, capped."""
    last: Answer | None = None
    last_area: str | None = None
    """The area the last answer was given for (its level names)."""

    def __post_init__(self) -> None:
        self.documents = self.assistant.documents()
        self.areas = sorted({a for d in self.documents for a in d.areas})
        if self.area is not None:
            self.area = self._area(self.area)
        if self.doc_id is not None:
            self.doc_id = self._doc(self.doc_id)

    # -- validation -----------------------------------------------------------------------------

    def _area(self, name: str) -> str:
        found = next((a for a in self.areas if _norm(a) == _norm(name)), None)
        if found is None:
            raise BadInput(f"unknown area {name!r}; known: {', '.join(self.areas)} (or /area any)")
        return found

    def _doc(self, doc_id: str) -> str:
        known = [d.doc_id for d in self.documents]
        found = next((d for d in known if d.lower() == doc_id.strip().lower()), None)
        if found is None:
            raise BadInput(f"unknown doc id {doc_id!r}; known: {', '.join(known)} (or /doc any)")
        return found

    @property
    def prompt(self) -> str:
        scope = " · ".join(x for x in (self.area, self.doc_id) if x)
        return f"threshold ({scope}) > " if scope else "threshold > "

    # -- lines ----------------------------------------------------------------------------------

    def handle(self, line: str) -> ChatReply:
        line = line.strip()
        if not line:
            return ChatReply("nothing")
        if not line.startswith("/"):
            return self.ask(line)
        command, _, argument = line.partition(" ")
        argument = argument.strip()
        handler = {
            "/area": self._cmd_area,
            "/doc": self._cmd_doc,
            "/sources": self._cmd_sources,
            "/clear": self._cmd_clear,
            "/help": lambda _: ChatReply("message", HELP),
            "/quit": lambda _: ChatReply("quit"),
            "/exit": lambda _: ChatReply("quit"),
        }.get(command.lower())
        if handler is None:
            return ChatReply("message", f"unknown command {command}; commands: {COMMANDS}")
        try:
            return handler(argument)
        except ThresholdError as error:
            return ChatReply("error", str(error))

    def ask(self, question: str) -> ChatReply:
        """Ask with this session's earlier questions, area and document. A question naming one area
        ("and in Luton?") is answered for that area (this question only)."""
        area = self._named_area(question) or self.area
        turns = self.history[-self.assistant.settings.max_history_turns :]
        try:
            answer = self.assistant.ask(question, turns, area, self.doc_id)
        except ThresholdError as error:
            return ChatReply("error", str(error))
        self.history = [*turns, answer.question][-self.assistant.settings.max_history_turns :]
        self.last, self.last_area = answer, area
        note = f"(level names as {area} uses them)" if area and area != self.area else ""
        return ChatReply("answer", note, answer)

    def _named_area(self, question: str) -> str | None:
        named = [a for a in self.areas if re.search(rf"\b{re.escape(a)}\b", question, re.IGNORECASE)]
        if len(named) != 1:
            return None
        if self.doc_id and named[0] not in next(d.areas for d in self.documents if d.doc_id == self.doc_id):
            return None
        return named[0]

    # -- commands -------------------------------------------------------------------------------

    def _cmd_area(self, argument: str) -> ChatReply:
        if not argument:
            current = self.area or "none (every area's documents, each document's own level names)"
            return ChatReply("message", f"area: {current}\nknown: {', '.join(self.areas)}")
        if argument.lower() == ANY:
            self.area = None
            return ChatReply("message", "area cleared: every area's documents")
        self.area = self._area(argument)
        return ChatReply("message", f"area: {self.area} (its documents and level names){self._mismatch()}")

    def _cmd_doc(self, argument: str) -> ChatReply:
        if not argument:
            lines = [f"document: {self.doc_id or 'any'}"]
            for d in self.documents:
                mark = "*" if d.doc_id == self.doc_id else " "
                lines.append(f"{mark} {d.doc_id}: {d.title} ({_edition(d.edition, d.date)}) · {_status(d.status)}")
            return ChatReply("message", "\n".join(lines))
        if argument.lower() == ANY:
            self.doc_id = None
            return ChatReply("message", "document cleared: every document")
        self.doc_id = self._doc(argument)
        title = next(d.title for d in self.documents if d.doc_id == self.doc_id)
        return ChatReply("message", f"document: {self.doc_id} ({title}){self._mismatch()}")

    def _mismatch(self) -> str:
        """A warning when the document chosen does not cover the area chosen (nothing would be found)."""
        if not (self.area and self.doc_id):
            return ""
        covers = next(d.areas for d in self.documents if d.doc_id == self.doc_id)
        if self.area in covers:
            return ""
        return f"\nnote: {self.doc_id} does not cover {self.area}, questions will find nothing (/area any, /doc any)"

    def _cmd_sources(self, argument: str) -> ChatReply:
        if self.last is None:
            return ChatReply("message", "no answer yet: ask a question first")
        citations = self.last.citations
        if not citations:
            return ChatReply("message", "the last answer cites nothing")
        if not argument:
            return ChatReply("sources", "\n\n".join(self._describe(c) for c in citations))
        if not argument.isdigit() or not 1 <= int(argument) <= len(citations):
            return ChatReply("message", f"no citation {argument}; the last answer has [1] to [{len(citations)}]")
        return ChatReply("sources", self._one(citations[int(argument) - 1]))

    def _cmd_clear(self, _: str) -> ChatReply:
        self.history, self.last, self.last_area = [], None, None
        return ChatReply("message", "cleared: the next question starts a new conversation")

    # -- sources --------------------------------------------------------------------------------

    def _document_line(self, c: Citation) -> str:
        info = next((d for d in self.documents if d.doc_id == c.doc_id), None)
        edition = _edition(info.edition, info.date) if info else c.doc_date
        return f"{c.doc_title} ({edition}) · {_status(c.doc_status)}"

    def _where(self, c: Citation) -> str:
        where = " › ".join(c.path)
        if c.row is not None:
            where = f"{where} · row {c.row}"
        if c.level_label:
            where = f"{where} · {c.level_label}"
        return where

    def _describe(self, c: Citation) -> str:
        source = f"{c.source.file}:{c.source.line_start}-{c.source.line_end}"
        return "\n".join(
            [f"[{c.n}] {self._document_line(c)}", f"    {self._where(c)}", f'    "{c.text}"', f"    {source}"]
        )

    def _one(self, c: Citation) -> str:
        lines = [self._describe(c)]
        view = self.assistant.unit(c.id, self.last_area)
        if view.cells:
            lines.append(f"    the whole row ({view.row_id}):")
            for cell in view.cells:
                mark = "▶" if cell["level"] == c.level else " "
                lines.append(f"  {mark} {cell['level_label']}: {cell['text'] or '(empty)'}")
        return "\n".join(lines)


def _edition(edition: str, date: str) -> str:
    """Edition and date, once each ("v0.12, June 2022", not "v0.12, June 2022, June 2022")."""
    if not date or date in edition:
        return edition or date
    if not edition or edition in date:
        return date
    return f"{edition}, {date}"


def _status(status: str) -> str:
    return "current" if status == "current" else f"{status} edition"


# -- the loop -----------------------------------------------------------------------------------


def _line_editing() -> None:
    """Line editing and in-session history from readline when the platform has it. No history file:
    nothing typed is read from or written to disk."""
    try:
        import readline  # noqa: F401  (importing it is what gives input() line editing)
    except ImportError:
        return


def show(console: Console, reply: ChatReply) -> None:
    from assistant.render import print_answer

    if reply.kind == "answer" and reply.answer is not None:
        print_answer(console, reply.answer)
        if reply.text:
            console.print(f"[dim]{escape(reply.text)}[/dim]", highlight=False)
    elif reply.kind == "error":
        console.print(f"[red]error:[/red] {escape(reply.text)}", highlight=False, soft_wrap=True)
    elif reply.kind in ("message", "sources"):
        console.print(escape(reply.text), highlight=False)


def _warm_up(assistant) -> threading.Thread:
    """Load the embedding model while the first question is being typed."""

    def load() -> None:
        with contextlib.suppress(Exception):  # the first question reports it properly
            assistant.warm_up()

    thread = threading.Thread(target=load, name="threshold-warm-up", daemon=True)
    thread.start()
    return thread


def run_chat(
    assistant,
    console: Console,
    input_fn: Callable[[str], str] = input,
    *,
    area: str | None = None,
    doc_id: str | None = None,
) -> None:
    """The interactive loop: until /quit, Ctrl-D, or Ctrl-C twice at the prompt."""
    session = ChatSession(assistant, area=area, doc_id=doc_id)
    _line_editing()
    console.print(escape(BANNER), highlight=False)
    warming = _warm_up(assistant) if hasattr(assistant, "warm_up") else None
    interrupted = False
    while True:
        try:
            line = input_fn(session.prompt)
        except EOFError:
            console.print()
            return
        except KeyboardInterrupt:
            console.print()
            if interrupted:
                return
            interrupted = True
            console.print("[dim](Ctrl-C again, /quit or Ctrl-D to leave)[/dim]")
            continue
        interrupted = False
        try:
            if warming is not None and line.strip() and not line.strip().startswith("/"):
                warming.join()
            reply = session.handle(line)
        except KeyboardInterrupt:
            console.print("[dim](cancelled)[/dim]")
            continue
        if reply.kind == "quit":
            return
        show(console, reply)
        if reply.kind != "nothing":
            console.print()

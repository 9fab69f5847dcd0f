"""The quiz as a Markdown handout and as one printable HTML page: the questions first, then an answer
key with each answer's explanation and sources (on a new printed page in the HTML)."""

from __future__ import annotations

import html
import re

from assistant.quiz.export import Skipped, clean, flat, letter, level_labels, problem, sources
from assistant.quiz.model import Quiz, QuizItem

TITLE = "Threshold guidance quiz"
ORDER_HINT = "Put in order:"

# Everything CommonMark (and GitHub's strikethrough and tables) could read as markup inside a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|!#])")


def md(text: str) -> str:
    """Text on one line that a Markdown renderer shows literally."""
    return _MD_SPECIAL.sub(r"\\\1", flat(text))


def _intro(quiz: Quiz) -> str:
    n = len(quiz.items)
    return f"Seed {quiz.seed} · {n} question{'s' if n != 1 else ''} · the answer key follows the questions."


def _answer_lines(item: QuizItem) -> list[tuple[str, str]]:
    """(label, option text) pairs of the right answer: one per right option, or the order with levels."""
    n = len(item.options)
    if not item.answer or any(not 0 <= a < n for a in item.answer):
        return []
    if item.type == "order_escalation" and sorted(item.answer) != list(range(n)):
        return []
    if item.type == "order_escalation":
        return [
            (f"{label}: {letter(p)}.", item.options[p])
            for p, label in zip(item.answer, level_labels(item), strict=True)
        ]
    return [(f"{letter(a)}.", item.options[a]) for a in item.answer]


def to_markdown(quiz: Quiz, skipped: Skipped) -> bytes:
    lines = [f"# {TITLE}", "", md(_intro(quiz)), "", "## Questions", ""]
    for n, item in enumerate(quiz.items, start=1):
        lines.append(f"**{n}.** {md(item.stem)}")
        if item.type == "order_escalation":
            lines += ["", f"*{md(ORDER_HINT)}*"]
        lines.append("")
        lines += [f"- {letter(i)}. {md(option)}" for i, option in enumerate(item.options)]
        lines.append("")
    lines += ["## Answer key", ""]
    for n, item in enumerate(quiz.items, start=1):
        answers = _answer_lines(item)
        if not answers:
            lines.append(f"**{n}.** (no answer: {md(problem(item) or '')})")
        elif len(answers) == 1:
            label, text = answers[0]
            lines.append(f"**{n}.** **{md(label)}** {md(text)}")
        else:
            lines.append(f"**{n}.**")
            lines.append("")
            lines += [f"- **{md(label)}** {md(text)}" for label, text in answers]
        lines += ["", f"*Why:* {md(item.explanation)}", ""]
        where = sources(item)
        if where:
            lines += [f"*Source:* {md(where)}", ""]
    return "\n".join(lines).encode("utf-8")


STYLE = """
@page { margin: 18mm 16mm; }
:root { color-scheme: light; }
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; max-width: 46rem; margin: 2rem auto;
  padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #999; padding-bottom: .2rem; margin-top: 2rem; }
.meta, .name-line { color: #444; font-size: .95rem; }
.name-line { margin: 1rem 0 0; }
.items > li, .key > li { margin: 0 0 1.1rem; break-inside: avoid; page-break-inside: avoid; }
.stem { margin: 0 0 .35rem; font-weight: bold; }
.hint { margin: 0 0 .35rem; font-style: italic; }
.options { margin: 0; padding-left: 1.6rem; }
.options li { margin: .15rem 0; }
.answer { margin: 0 0 .25rem; }
.order { margin: 0 0 .25rem; padding-left: 0; list-style: none; }
.why, .source { margin: .15rem 0; font-size: .95rem; }
.source { color: #333; }
.answer-key { break-before: page; page-break-before: always; }
@media print { body { margin: 0; max-width: none; } h2 { margin-top: 0; } }
""".strip()


def _e(text: str) -> str:
    return html.escape(clean(text))


def _question(n: int, item: QuizItem) -> str:
    parts = [f'<li class="item" value="{n}"><p class="stem">{_e(item.stem)}</p>']
    if item.type == "order_escalation":
        parts.append(f'<p class="hint">{_e(ORDER_HINT)}</p>')
    parts.append('<ol class="options" type="A">')
    parts += [f"<li>{_e(option)}</li>" for option in item.options]
    parts.append("</ol></li>")
    return "".join(parts)


def _key(n: int, item: QuizItem) -> str:
    answers = _answer_lines(item)
    parts = [f'<li value="{n}">']
    if not answers:
        parts.append(f'<p class="answer">No answer: {_e(problem(item) or "")}</p>')
    elif len(answers) == 1:
        label, text = answers[0]
        parts.append(f'<p class="answer"><strong>{_e(label)}</strong> {_e(text)}</p>')
    else:
        parts.append('<ul class="order">')
        parts += [f"<li><strong>{_e(label)}</strong> {_e(text)}</li>" for label, text in answers]
        parts.append("</ul>")
    parts.append(f'<p class="why"><em>Why:</em> {_e(item.explanation)}</p>')
    where = sources(item)
    if where:
        parts.append(f'<p class="source"><em>Source:</em> {_e(where)}</p>')
    parts.append("</li>")
    return "".join(parts)


def to_html(quiz: Quiz, skipped: Skipped) -> bytes:
    title = f"{TITLE} (seed {quiz.seed})"
    page = [
        "<!doctype html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        f'<header><h1>{_e(TITLE)}</h1><p class="meta">{_e(_intro(quiz))}</p>',
        '<p class="name-line">Name: ______________________ Date: ____________</p></header>',
        "<main>",
        '<section class="questions" aria-labelledby="questions-heading">',
        '<h2 id="questions-heading">Questions</h2>',
        '<ol class="items">',
        *(_question(n, item) for n, item in enumerate(quiz.items, start=1)),
        "</ol>",
        "</section>",
        '<section class="answer-key" aria-labelledby="key-heading">',
        '<h2 id="key-heading">Answer key</h2>',
        '<ol class="key">',
        *(_key(n, item) for n, item in enumerate(quiz.items, start=1)),
        "</ol>",
        "</section>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(page) + "\n").encode("utf-8")

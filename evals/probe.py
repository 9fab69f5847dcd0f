"""Held-out checks on abstention, outside `threshold eval`: `python -m evals.probe`.

- Each probe file (`evals/probes/*.jsonl`, written by helpers who saw neither the question set nor
  the code): for lines `{"question", "answerable", "why"}`, the share of unanswerable questions
  given answerable=false and of answerable ones wrongly given it; for lines `{"question",
  "urgent", "why"}`, the share of emergencies answered as urgent and of the rest wrongly so.
- The split's matrix vignettes told without asking for a level ("...what level?" taken off), and
  with "What should I do?" in its place: how many are wrongly not answered. The question set asks
  for a level nearly every time; practitioners often do not.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.core import Assistant
from evals.questions import load_questions

PROBES = Path(__file__).parent / "probes"
ASKS_LEVEL_AT_END = re.compile(
    r"\s*[-–,;:]?\s*((what|which|is this|is it|does (this|that|it))\b[^.?]{0,25})?"
    r"\b(level|tier|threshold)\b[^.?]*\??\s*$",
    re.IGNORECASE,
)
PLEAS = ("", "What should I do?")


@dataclass
class ProbeResult:
    name: str
    questions: int
    figures: dict[str, float | None]


def _share(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 3) if flags else None


def probe_file(assistant: Assistant, path: Path) -> ProbeResult:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if lines and "urgent" in lines[0]:
        said = [(item["urgent"], assistant.ask(item["question"]).urgent) for item in lines]
        return ProbeResult(
            path.name,
            len(lines),
            {
                "urgent recall": _share([got for expected, got in said if expected]),
                "false alarms": _share([got for expected, got in said if not expected]),
            },
        )
    said = [(item["answerable"], assistant.ask(item["question"]).answerable) for item in lines]
    return ProbeResult(
        path.name,
        len(lines),
        {
            "abstention": _share([not got for expected, got in said if not expected]),
            "false abstention": _share([not got for expected, got in said if expected]),
        },
    )


def without_level_ask(question: str) -> str | None:
    """The vignette with its closing "what level?" taken off (None when it has none to take off)."""
    told = ASKS_LEVEL_AT_END.sub("", question).strip()
    return told if told != question and len(told.split()) >= 3 else None


def probe_plain_vignettes(assistant: Assistant, split: str, plea: str) -> ProbeResult:
    told = [t for q in load_questions(split=split) if q.kind == "matrix_level" if (t := without_level_ask(q.question))]
    said = [assistant.ask(f"{t} {plea}".strip()).answerable for t in told]
    return ProbeResult(f"{split} vignettes + {plea!r}", len(told), {"false abstention": _share([not s for s in said])})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="probe files (default: evals/probes/*.jsonl)")
    parser.add_argument("--split", default="dev", help="whose vignettes to tell without a level (dev, test)")
    args = parser.parse_args(argv)
    assistant = Assistant.open()
    results = [probe_file(assistant, path) for path in args.files or sorted(PROBES.glob("*.jsonl"))]
    results += [probe_plain_vignettes(assistant, args.split, plea) for plea in PLEAS]
    print("| probe | questions | figures |\n|---|---|---|")
    for r in results:
        print(f"| {r.name} | {r.questions} | {', '.join(f'{k} {v}' for k, v in r.figures.items())} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

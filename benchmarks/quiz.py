"""Quiz figures: items available per type and document, and the time to build a 50-item quiz, cold
(the first in a process, which works out the wording index) and warm (the median of 20 more, each
with its own seed), against the 1 s target; then the time to export it in each format.

Usage: .venv/bin/python benchmarks/quiz.py [--index PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings  # noqa: E402
from assistant.core import Assistant  # noqa: E402
from assistant.quiz.export import FORMATS, export  # noqa: E402
from assistant.quiz.model import ITEM_TYPES, QuizRequest  # noqa: E402

TARGET_S = 1.0


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def availability(core: Assistant) -> None:
    print("items available (distinct stems), by type and document; easy / hard")
    print(f"{'document':<22}" + "".join(f"{kind:>18}" for kind in ITEM_TYPES))
    for doc in core.engine.documents:
        cells = []
        for kind in ITEM_TYPES:
            counts = [
                core.quiz(QuizRequest(count=1, doc_id=doc, difficulty=d), "json").available.get(kind, 0)
                for d in ("easy", "hard")
            ]
            cells.append(f"{counts[0]} / {counts[1]}")
        print(f"{doc:<22}" + "".join(f"{cell:>18}" for cell in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path)
    args = parser.parse_args()
    core = Assistant.open(Settings(index_dir=args.index) if args.index else Settings())
    cold, quiz = timed(lambda: core.quiz(QuizRequest(count=50, seed=0)))
    warm = statistics.median(timed(lambda s=s: core.quiz(QuizRequest(count=50, seed=s)))[0] for s in range(1, 21))
    print(f"50-item quiz: cold {cold * 1000:.0f} ms, warm median {warm * 1000:.0f} ms ", end="")
    print(f"({warm / TARGET_S:.2f}x the {TARGET_S:.0f} s target; {len(quiz.items)} items)")
    for fmt in FORMATS:
        seconds, out = timed(lambda f=fmt: export(quiz, f))
        size = len(out.content) / 1024
        print(f"  export {fmt:<11} {seconds * 1000:6.1f} ms  {size:7.1f} KB  left out {len(out.skipped)}")
    availability(core)


if __name__ == "__main__":
    main()

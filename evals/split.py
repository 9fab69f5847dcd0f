"""Split the question set once into dev and test halves, stratified by kind: `python -m evals.split`.

Within each kind, questions are ordered by a hash of their id and alternate dev, test, dev, ...
A question that already has a split keeps it, so re-running after adding questions moves nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from evals.questions import QUESTIONS_DIR


def _key(question_id: str) -> str:
    return hashlib.sha256(question_id.encode()).hexdigest()


def main() -> None:
    files = sorted(QUESTIONS_DIR.glob("*.jsonl"))
    rows = {
        path: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for path in files
    }
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for items in rows.values():
        for item in items:
            by_kind[item["kind"]].append(item)
    for items in by_kind.values():
        counts = {
            "dev": sum(i.get("split") == "dev" for i in items),
            "test": sum(i.get("split") == "test" for i in items),
        }
        for item in sorted((i for i in items if i.get("split") not in ("dev", "test")), key=lambda i: _key(i["id"])):
            item["split"] = "dev" if counts["dev"] <= counts["test"] else "test"
            counts[item["split"]] += 1
    for path, items in rows.items():
        path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
        print(f"{path.name}: {len(items)} questions")


if __name__ == "__main__":
    main()

"""``python -m knowledge.accuracy``: top-1 and top-3 accuracy of the Q&A over the test questions."""

from __future__ import annotations

import tomllib
from pathlib import Path

from knowledge.answers import search
from knowledge.l10n import LANGS

CASES = Path(__file__).resolve().parents[1] / "tests" / "knowledge" / "qa_cases.toml"


def load_cases(path: Path = CASES) -> dict[str, list[tuple[str, str]]]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return {lang: [(q, topic) for q, topic in raw[lang]] for lang in LANGS}


def accuracy(lang: str, cases: list[tuple[str, str]]) -> tuple[float, float, list[str]]:
    top1 = top3 = 0
    misses = []
    for question, expected in cases:
        found = [hit.topic_id for hit in search(question, "en", limit=3)]
        top1 += bool(found) and found[0] == expected
        top3 += expected in found
        if not found or found[0] != expected:
            misses.append(f"  {lang}: {question!r} -> {found[:1] or 'nothing'} (want {expected})")
    return top1 / len(cases), top3 / len(cases), misses


def main() -> None:
    for lang, cases in load_cases().items():
        top1, top3, misses = accuracy(lang, cases)
        print(f"{lang}: {len(cases)} questions, top-1 {top1:.1%}, top-3 {top3:.1%}")
        print("\n".join(misses))


if __name__ == "__main__":
    main()

"""Score one `kg views --json` output against another taken as the reference.

A reference holder (footnote, work) counts as recalled when the predicted views attribute the
same work at the same footnote, and on the same side: for every other recalled reference holder
of the same reference issue, "same position" agrees between reference and prediction. Predicted
holders absent from the reference count against precision. This mirrors how the argument layer
is judged; we use it to measure extraction alone against the curated build:

    kg build && kg views --json > /tmp/curated.json
    kg build --no-annotations && kg views --json > /tmp/extracted.json
    python benchmarks/score_views.py /tmp/curated.json /tmp/extracted.json
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def holders(views: dict) -> dict[tuple[int, str], set[tuple[str, str]]]:
    """(footnote, work_id) → {(issue id, position id)}."""
    out: dict[tuple[int, str], set[tuple[str, str]]] = defaultdict(set)
    for issue in views["issues"]:
        for pos in issue["positions"]:
            for h in pos["holders"]:
                out[(h["footnote"], h["work_id"])].add((issue["id"], pos["id"]))
    return out


def score(reference: dict, predicted: dict) -> dict:
    ref, pred = holders(reference), holders(predicted)
    by_issue: dict[str, list[tuple[tuple[int, str], str]]] = defaultdict(list)
    for h, places in ref.items():
        for issue, pos in places:
            by_issue[issue].append((h, pos))
    correct = 0
    total = 0
    for members in by_issue.values():
        for h, pos in members:
            total += 1
            if h not in pred:
                continue
            ok = True
            for h2, pos2 in members:
                if h2 == h or h2 not in pred:
                    continue
                same_ref = pos == pos2
                same_pred = any(p1 == p2 for _, p1 in pred[h] for _, p2 in pred[h2])
                if same_ref != same_pred:
                    ok = False
                    break
            correct += ok
    predicted_total = sum(len(v) for v in pred.values())
    found = sum(1 for h in pred if h in ref)
    return {
        "reference_holders": total,
        "recalled_on_right_side": correct,
        "recall": round(correct / total, 3) if total else None,
        "predicted_holders": predicted_total,
        "precision": round(min(correct, found) / predicted_total, 3) if predicted_total else None,
    }


if __name__ == "__main__":
    a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in sys.argv[1:3])
    print(json.dumps(score(a, b), indent=2))

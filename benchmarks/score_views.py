"""Score one `kg views --json` output against another taken as the reference.

Two measures, both over holder mentions (a work attributed at a footnote):
- `mentions`, the issue's three figures: recall (reference mentions the prediction attributes),
  precision (predicted mentions the reference has) and side agreement (of the pairs of found
  mentions in one reference issue, those where "same position" agrees);
- `strict`: a reference mention counts only when found *and* on the same side as every other found
  mention of its issue; one misplaced holder costs all its camp-mates.

We use it to measure extraction alone against our curated build:

    kg build && kg views --json > /tmp/curated.json
    kg build --no-annotations && kg views --json > /tmp/extracted.json
    python benchmarks/score_views.py /tmp/curated.json /tmp/extracted.json

Calibration: the issue states the figures of the independent annotation for the code it was filed
on (abd5354): extraction alone 0.59 / 0.92 / 0.72, the curated layer 0.68 / 1.00 / 0.96. Scored
against today's curated layer, that code gives `mentions` 0.612 / 0.945 / 0.818 and 0.644 / 1.00 /
1.00, and `strict` 0.37 and 0.64. `mentions` tracks the independent figures within 0.03 on recall
and precision and reads side agreement 0.04–0.10 high; `strict` is far harsher than the issue.
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


def mentions(reference: dict, predicted: dict) -> dict:
    """Recall, precision and side agreement over holder mentions, as the issue reports them."""
    ref, pred = holders(reference), holders(predicted)
    by_issue: dict[str, list[tuple[tuple[int, str], str]]] = defaultdict(list)
    for h, places in ref.items():
        for issue, pos in places:
            by_issue[issue].append((h, pos))
    agree = pairs = 0
    for members in by_issue.values():
        found = [(h, pos) for h, pos in members if h in pred]
        for i, (h, pos) in enumerate(found):
            for h2, pos2 in found[i + 1 :]:
                if h2 == h:
                    continue
                same_pred = any(p1 == p2 for _, p1 in pred[h] for _, p2 in pred[h2])
                pairs += 1
                agree += (pos == pos2) == same_pred
    hits = sum(1 for h in pred if h in ref)
    return {
        "reference_mentions": len(ref),
        "predicted_mentions": len(pred),
        "found": hits,
        "recall": round(hits / len(ref), 3) if ref else None,
        "precision": round(hits / len(pred), 3) if pred else None,
        "side_pairs": pairs,
        "side_agreement": round(agree / pairs, 3) if pairs else None,
    }


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
    print(json.dumps({"mentions": mentions(a, b), "strict": score(a, b)}, indent=2))

"""Decisions and other official acts of interpretation (sources/decisions/*.yaml, one a file).

A decision file names the act (ECLI, CELEX number or Commission document number), its kind, date,
author body and the provisions it applies, and its **holdings**: on one interpretive issue of the
argument layer, the position the decision adopts or rejects, with a pinpoint into the decision.
Judgments the commentary cites for a step of its reasoning list that in `cited_for` (argument,
footnote). A shipped holding names the commentary footnote that reports it (`reported_in: 71`),
and the build checks that this footnote really cites the decision at that pinpoint.

    id: "C(2025) 5045 final"
    kind: commission-guidelines
    holdings:
      - {issue: a51-1a-automatic-classification, position: a51-1a-classification-by-operation-of-law,
         stance: adopts, pinpoint: "para 27", reported_in: 71}

Two steps, like the annotations: `load_file` checks a file on its own (YAML, fields, identifier
form, kinds); `check` checks the decisions against the graph being built (issues, positions,
arguments, provisions, footnotes). Every problem is a `DecisionError` naming file, line, field and
reason, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.argue.annotations import _LineLoader

# ---- kinds and identifiers --------------------------------------------------------------------

COMMISSION_DOC = re.compile(r"(?:C|COM|SWD|SEC)\(\d{4}\) ?\d{1,5}(?: final)?")  # C(2025) 5045 final
ECLI = re.compile(r"ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}")  # ECLI:EU:C:2017:595
CELEX = re.compile(r"[0-9CE]\d{4}[A-Z]{1,2}\d{4}(?:\(\d{2}\))?")  # 32024R1689, 62015CJ0097
URL = re.compile(r"https?://\S+")

# kind → (what it is, the identifier forms it accepts)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "designation-decision-52-1": (
        "Commission designation decision (Art. 52(1) third sentence)",
        ("commission", "celex"),
    ),
    "designation-decision-52-4": ("Commission designation decision (Art. 52(4))", ("commission", "celex")),
    "rejection-of-arguments-52-3": (
        "Commission rejection of a provider's arguments (Art. 52(3))",
        ("commission", "celex"),
    ),
    "reassessment-decision-52-5": (
        "Commission decision on a reassessment request (Art. 52(5))",
        ("commission", "celex"),
    ),
    "delegated-act-51-3": ("Commission delegated act under Art. 51(3)", ("celex", "commission")),
    "delegated-act-52-4": ("Commission delegated act under Art. 52(4)", ("celex", "commission")),
    "commission-guidelines": ("Commission guidelines", ("commission", "celex")),
    "code-of-practice": ("Code of practice (Art. 56)", ("commission", "celex", "url")),
    "court-of-justice-judgment": ("Judgment of the Court of Justice", ("ecli-c", "celex-c")),
    "court-of-justice-order": ("Order of the Court of Justice", ("ecli-c", "celex-c")),
    "general-court-judgment": ("Judgment of the General Court", ("ecli-t", "celex-t")),
    "general-court-order": ("Order of the General Court", ("ecli-t", "celex-t")),
}
FORMS = {
    "commission": (COMMISSION_DOC, "a Commission document number such as `C(2025) 5045 final`"),
    "celex": (CELEX, "a CELEX number such as `32024R1689`"),
    "url": (URL, "the URL of the published text (a code of practice has no document number)"),
    "ecli-c": (re.compile(r"ECLI:EU:C:\d{4}:\d{1,6}"), "an ECLI of the Court of Justice such as `ECLI:EU:C:2017:595`"),
    "celex-c": (
        re.compile(r"6\d{4}C[JOC]\d{4}(?:\(\d{2}\))?"),
        "a CELEX number of the Court of Justice (`62015CJ0097`)",
    ),
    "ecli-t": (re.compile(r"ECLI:EU:T:\d{4}:\d{1,6}"), "an ECLI of the General Court such as `ECLI:EU:T:2025:842`"),
    "celex-t": (re.compile(r"6\d{4}T[JOC]\d{4}(?:\(\d{2}\))?"), "a CELEX number of the General Court (`62024TJ0055`)"),
}
STANCES = ("adopts", "rejects")
REQUIRED = ("id", "kind", "title", "date", "author", "provisions", "holdings")


class DecisionError(Exception):
    """A decision file that cannot be used: file, line, field and reason."""

    def __init__(self, file: str, line: int | None, field: str | None, reason: str):
        self.file, self.line, self.field, self.reason = file, line, field, reason
        where = f"{file}:{line if line is not None else '?'}"
        super().__init__(f"{where}: {'field `' + field + '`: ' if field else ''}{reason}")


@dataclass
class Holding:
    issue: str
    position: str
    stance: str  # adopts | rejects
    pinpoint: str
    answers: list[str]
    reported_in: int | None  # the commentary footnote that reports the holding
    line: int


@dataclass
class CitedFor:
    """The commentary cites the decision, in `footnote`, for a step of `argument`."""

    argument: str
    footnote: int
    pinpoint: str | None
    line: int


@dataclass
class Decision:
    id: str
    kind: str
    title: str
    date: str  # ISO date, or year-month / year where the sources give no day
    author: str
    provisions: list[str]
    holdings: list[Holding]
    file: str
    line: int = 1
    url: str | None = None
    work: str | None = None  # the work id of the commentary's citations of this decision
    cited_for: list[CitedFor] = field(default_factory=list)
    invented: bool = False  # a test fixture, never in the shipped sources
    commentary: str | None = None  # the commentary file whose footnotes are meant (default: the issue's)
    source_bytes: bytes = b""

    @property
    def name(self) -> str:
        return Path(self.file).name


# ---- step 1: one file on its own --------------------------------------------------------------


def identifier_form(kind: str, ident: str) -> str | None:
    """The identifier form `ident` has for this kind (None if it has none of them)."""
    for form in KINDS[kind][1]:
        if FORMS[form][0].fullmatch(ident):
            return form
    return None


def _date(value: Any, file: str, line: int) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        try:
            if len(text) == 10:
                dt.date.fromisoformat(text)
            elif len(text) == 7 and not 1 <= int(text[5:]) <= 12:
                raise ValueError
        except ValueError:
            raise DecisionError(file, line, "date", f"{text!r} is not a calendar date") from None
        return text
    raise DecisionError(file, line, "date", f"{text!r} is not an ISO date (2025-07-18, or 2025 where no day is known)")


def _str(d: dict, key: str, file: str, required: bool = True) -> str | None:
    value = d.get(key)
    if value is None or value == "":
        if required:
            raise DecisionError(file, d.get("__line__"), key, "missing (required)")
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise DecisionError(file, d.get("__line__"), key, f"must be text, not {value!r}")
    return str(value)


def _footnote(value: Any, file: str, line: int, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DecisionError(file, line, key, f"must be a footnote number such as 71, not {value!r}")
    return value


def _holding(h: Any, file: str, parent_line: int, n: int) -> Holding:
    if not isinstance(h, dict):
        raise DecisionError(
            file, parent_line, f"holdings[{n}]", f"must be a mapping with issue, position, stance, pinpoint; got {h!r}"
        )
    line = h["__line__"]
    if isinstance(h.get("position"), list):
        raise DecisionError(
            file,
            line,
            f"holdings[{n}].position",
            "a holding adopts or rejects one position; write one holding per position",
        )
    values = {k: _str(h, k, file) for k in ("issue", "position", "stance", "pinpoint")}
    if values["stance"] not in STANCES:
        raise DecisionError(
            file, line, f"holdings[{n}].stance", f"{values['stance']!r} is not one of {', '.join(STANCES)}"
        )
    answers = h.get("answers") or []
    if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
        raise DecisionError(file, line, f"holdings[{n}].answers", f"must be a list of argument ids, not {answers!r}")
    return Holding(
        str(values["issue"]),
        str(values["position"]),
        str(values["stance"]),
        str(values["pinpoint"]),
        list(answers),
        _footnote(h.get("reported_in"), file, line, f"holdings[{n}].reported_in"),
        line,
    )


def _cited_for(c: Any, file: str, parent_line: int, n: int) -> CitedFor:
    if not isinstance(c, dict):
        raise DecisionError(
            file, parent_line, f"cited_for[{n}]", f"must be a mapping with argument and footnote; got {c!r}"
        )
    line = c["__line__"]
    footnote = _footnote(c.get("footnote"), file, line, f"cited_for[{n}].footnote")
    if footnote is None:
        raise DecisionError(file, line, f"cited_for[{n}].footnote", "missing (required)")
    return CitedFor(str(_str(c, "argument", file)), footnote, _str(c, "pinpoint", file, required=False), line)


def parse_text(text: str, file: str) -> Decision:
    """One decision file's text → a Decision, or a DecisionError naming the field and line."""
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise DecisionError(
            file, mark.line + 1 if mark else None, None, f"YAML syntax error: {getattr(e, 'problem', None) or e}"
        ) from None
    if not isinstance(data, dict):
        raise DecisionError(file, 1, None, "expected a mapping with " + ", ".join(REQUIRED))
    line = data["__line__"]
    for key in REQUIRED:
        if data.get(key) in (None, ""):
            raise DecisionError(file, line, key, "missing (required)")
    ident, kind = str(_str(data, "id", file)).strip(), str(_str(data, "kind", file))
    if kind not in KINDS:
        raise DecisionError(file, line, "kind", f"{kind!r} is not one of the documented kinds: {', '.join(KINDS)}")
    if identifier_form(kind, ident) is None:
        wanted = " or ".join(FORMS[f][1] for f in KINDS[kind][1])
        raise DecisionError(file, line, "id", f"{ident!r} is malformed for a {kind}: expected {wanted}")
    provisions = data["provisions"]
    if not isinstance(provisions, list) or not all(isinstance(p, str) for p in provisions):
        raise DecisionError(
            file, line, "provisions", 'must be a list of provision labels such as "Art. 51(1)(a) AI Act"'
        )
    holdings_raw, cited_raw = data["holdings"], data.get("cited_for") or []
    if not provisions and holdings_raw:
        raise DecisionError(file, line, "provisions", "empty: name the provisions the decision applies")
    if not isinstance(holdings_raw, list) or not isinstance(cited_raw, list):
        raise DecisionError(
            file, line, "holdings" if not isinstance(holdings_raw, list) else "cited_for", "must be a list"
        )
    if not holdings_raw and not cited_raw:
        raise DecisionError(
            file, line, "holdings", "empty: a decision needs at least one holding (or, for a judgment, `cited_for`)"
        )
    invented = data.get("invented", False)
    if not isinstance(invented, bool):
        raise DecisionError(file, line, "invented", f"must be true or false, not {invented!r}")
    url = _str(data, "url", file, required=False)
    if url is not None and not URL.fullmatch(url):
        raise DecisionError(file, line, "url", f"{url!r} is not an http(s) URL")
    return Decision(
        ident,
        kind,
        str(_str(data, "title", file)),
        _date(data["date"], file, line),
        str(_str(data, "author", file)),
        list(provisions),
        [_holding(h, file, line, n) for n, h in enumerate(holdings_raw)],
        file,
        line,
        url,
        _str(data, "work", file, required=False),
        [_cited_for(c, file, line, n) for n, c in enumerate(cited_raw)],
        invented,
        _str(data, "commentary", file, required=False),
        text.encode("utf-8"),
    )


def load_file(path: Path) -> Decision:
    file = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as e:
        raise DecisionError(file, None, None, f"cannot be read ({e.strerror})") from None
    except UnicodeDecodeError as e:
        raise DecisionError(file, None, None, f"not UTF-8 text (bad byte at offset {e.start})") from None
    return parse_text(text, file)


def load(folder: Path | None, extra: list[Path] | None = None) -> list[Decision]:
    """Every decision file of the folder (and `extra` files), ids unique across them."""
    paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder and folder.exists() else []
    out = [load_file(p) for p in paths + list(extra or [])]
    seen: dict[str, Decision] = {}
    for d in out:
        if d.id in seen:
            raise DecisionError(
                d.file, d.line, "id", f"duplicate identifier {d.id!r}: already used by {seen[d.id].file}"
            )
        seen[d.id] = d
    return out


# ---- step 2: against the graph being built ----------------------------------------------------


@dataclass
class Context:
    """What a decision may refer to: the argument layer, the provisions and the parsed footnotes."""

    issues: dict[str, str]  # issue id → commentary file
    positions: dict[str, str]  # position id → issue id
    arguments: dict[str, tuple[str, str, int]]  # argument id → (issue id, commentary file, margin paragraph)
    provisions: dict[str, tuple[str, str]]  # label or notation → (instrument, key)
    works: dict[str, Any]  # work key → Work
    citations: dict[str, list[Any]]  # commentary file → its resolved citations
    footnote_paragraph: dict[tuple[str, int], int | None]  # (file, footnote) → its margin paragraph


@dataclass
class Checked:
    """A decision whose references all hold: the work it is, its provisions, the citations reporting it."""

    decision: Decision
    work: str | None
    provisions: list[tuple[str, str]]
    reports: dict[int, tuple[str, Any]]  # holding index → (commentary file, citation)
    cited: dict[int, tuple[str, Any]]  # cited_for index → (commentary file, citation)


def _numbers(pinpoint: str | None) -> set[int]:
    """`paras 34–37` → {34, 35, 36, 37}; `paras 28, 32` → {28, 32}."""
    out: set[int] = set()
    for a, b in re.findall(r"(\d+)(?:\s*[–-]\s*(\d+))?", pinpoint or ""):
        lo, hi = int(a), int(b or a)
        out |= set(range(lo, min(hi, lo + 500) + 1))
    return out


def _match_work(d: Decision, works: dict[str, Any]) -> str | None:
    if d.work is not None:
        if d.work not in works:
            raise DecisionError(d.file, d.line, "work", f"no work {d.work!r} is cited in the commentary")
        return d.work
    found = [
        k
        for k, w in works.items()
        if w.identifier and re.search(rf"(?<![\w(]){re.escape(d.id)}(?![\w)])", w.identifier)
    ]
    return found[0] if len(found) == 1 else None


def _reporting_citation(
    d: Decision,
    work: str | None,
    document: str,
    footnote: int,
    pinpoint: str | None,
    ctx: Context,
    where: str,
    line: int,
) -> Any:
    """The citation in `footnote` that cites the decision at (or around) `pinpoint`."""
    if work is None:
        raise DecisionError(
            d.file,
            line,
            where,
            f"the commentary does not cite {d.id!r} (no work has that identifier; name it with `work:`)",
        )
    if (document, footnote) not in ctx.footnote_paragraph:
        raise DecisionError(d.file, line, where, f"{document} has no footnote {footnote}")
    cites = [c for c in ctx.citations.get(document, []) if c.footnote == footnote and c.work == work]
    if not cites:
        raise DecisionError(d.file, line, where, f"footnote {footnote} does not cite {d.id!r} (work {work})")
    wanted = _numbers(pinpoint)
    for c in cites:
        if not wanted or (c.pinpoint or "").strip() == (pinpoint or "").strip() or wanted <= _numbers(c.pinpoint):
            return c
    said = ", ".join(repr(c.pinpoint) for c in cites)
    raise DecisionError(d.file, line, where, f"footnote {footnote} cites {d.id!r} at {said}, not at {pinpoint!r}")


def _check_holding(d: Decision, n: int, h: Holding, work: str | None, ctx: Context) -> tuple[str, Any] | None:
    f = f"holdings[{n}]"
    if h.issue not in ctx.issues:
        raise DecisionError(
            d.file, h.line, f"{f}.issue", f"unknown issue {h.issue!r} (`kg views --json` lists the issue ids)"
        )
    if h.position not in ctx.positions:
        raise DecisionError(d.file, h.line, f"{f}.position", f"unknown position {h.position!r}")
    if ctx.positions[h.position] != h.issue:
        raise DecisionError(
            d.file,
            h.line,
            f"{f}.position",
            f"position {h.position!r} is on issue {ctx.positions[h.position]!r}, not {h.issue!r}",
        )
    for a in h.answers:
        if a not in ctx.arguments:
            raise DecisionError(d.file, h.line, f"{f}.answers", f"unknown argument {a!r}")
        if ctx.arguments[a][0] != h.issue:
            raise DecisionError(
                d.file,
                h.line,
                f"{f}.answers",
                f"argument {a!r} concerns issue {ctx.arguments[a][0]!r}, not {h.issue!r}",
            )
    if h.reported_in is None:
        return None
    document = d.commentary or ctx.issues[h.issue]
    return document, _reporting_citation(d, work, document, h.reported_in, h.pinpoint, ctx, f"{f}.reported_in", h.line)


def _check_consistent(d: Decision) -> None:
    """One decision cannot adopt two alternative positions on an issue, nor adopt and reject one."""
    adopted: dict[str, Holding] = {}
    stance: dict[str, str] = {}
    for n, h in enumerate(d.holdings):
        if h.stance == "adopts":
            first = adopted.setdefault(h.issue, h)
            if first.position != h.position:
                raise DecisionError(
                    d.file,
                    h.line,
                    f"holdings[{n}].position",
                    f"adopts {h.position!r} and also {first.position!r} (line {first.line}): "
                    f"two alternative positions on issue {h.issue!r}",
                )
        if stance.setdefault(h.position, h.stance) != h.stance:
            raise DecisionError(
                d.file, h.line, f"holdings[{n}].stance", f"both adopts and rejects position {h.position!r}"
            )


def check(decisions: list[Decision], ctx: Context) -> list[Checked]:
    """Each decision against the graph: every issue, position, argument, provision and footnote exists."""
    out = []
    for d in decisions:
        work = _match_work(d, ctx.works)
        provisions = []
        for p in d.provisions:
            key = ctx.provisions.get(p) or ctx.provisions.get(f"{p} AI Act")
            if key is None:
                raise DecisionError(
                    d.file,
                    d.line,
                    "provisions",
                    f"unknown provision {p!r} (use the labels `kg paragraphs --json` gives, "
                    'e.g. "Art. 51(1)(a) AI Act")',
                )
            provisions.append(key)
        _check_consistent(d)
        reports = {}
        for n, h in enumerate(d.holdings):
            found = _check_holding(d, n, h, work, ctx)
            if found is not None:
                reports[n] = found
        cited = {}
        for n, c in enumerate(d.cited_for):
            where = f"cited_for[{n}]"
            if c.argument not in ctx.arguments:
                raise DecisionError(d.file, c.line, f"{where}.argument", f"unknown argument {c.argument!r}")
            _, document, paragraph = ctx.arguments[c.argument]
            document = d.commentary or document
            citation = _reporting_citation(d, work, document, c.footnote, c.pinpoint, ctx, f"{where}.footnote", c.line)
            if ctx.footnote_paragraph.get((document, c.footnote)) != paragraph:
                raise DecisionError(
                    d.file,
                    c.line,
                    f"{where}.footnote",
                    f"footnote {c.footnote} is in margin paragraph {ctx.footnote_paragraph.get((document, c.footnote))}"
                    ", "
                    f"but argument {c.argument!r} is made in paragraph {paragraph}",
                )
            cited[n] = (document, citation)
        out.append(Checked(d, work, provisions, reports, cited))
    return out

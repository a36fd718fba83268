"""Load curated annotation files (sources/annotations/*.yaml) and check their anchors.

Curation names and words issues and positions, places holders and attaches arguments; it never
types a holder by hand: a holder entry names the work *as the footnote cites it*
(`{footnote: 69, holder: Haar and Siglmüller, work: "Art. 51"}`) and the build looks the work up
among that footnote's parsed citations. Any anchor that does not hold is an `AnnotationError`
with file, line and reason, and the build stops before the store is touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

STRENGTHS = {"explicit", "seemingly", "see-also", "unclear"}
# the canons of EU-law interpretation (ontology/kg.ttl, kg:argumentKindScheme)
KINDS = {"wording", "context", "purpose", "history", "comparison", "case-law"}
# the names used before the canons were adopted, read as their canon
LEGACY_KINDS = {
    "textual": "wording",
    "systematic": "context",
    "teleological": "purpose",
    "historical": "history",
    "comparative": "comparison",
}
STANCES = {"endorses", "rejects", "no view"}
# the maker's stance on an argument (kg:argumentStanceScheme): relies on it, considers it and then
# rejects it or leaves it open, attributes it to others, accepts it in part
ARGUMENT_STANCES = {"advances", "raises", "reports", "concedes"}
MADE_IN = {"paragraph", "footnote"}
AUTHOR = "commentary author"


class AnnotationError(Exception):
    def __init__(self, file: str, line: int | None, reason: str):
        self.file, self.line, self.reason = file, line, reason
        super().__init__(f"{file}:{line}: {reason}" if line is not None else f"{file}: {reason}")


@dataclass
class HolderRef:
    footnote: int
    holder: str
    work: str | None
    strength: str | None
    file: str
    line: int


@dataclass
class AuthorView:
    stance: str  # endorses | rejects | no view (the author leaves the issue open)
    paragraph: int
    quote: str
    file: str
    line: int


@dataclass
class PositionNote:
    id: str
    label: str
    holders: list[HolderRef]
    author_view: AuthorView | None
    file: str
    line: int
    coexists_with: list[str] = field(default_factory=list)  # positions the text says can hold together


@dataclass
class ArgumentNote:
    id: str
    label: str
    kind: str
    paragraph: int
    supports: str | None
    attacks: str | None
    attacks_argument: str | None
    advanced_by: HolderRef | str | None  # AUTHOR, a cited work, or None (raised, advanced by no one)
    file: str
    line: int
    stance: str = "advances"  # the commentary author's stance: advances | raises | reports | concedes
    qualifies: str | None = None  # a concession or qualification limits a position or an argument
    footnote: int | None = None  # the footnote the argument is made in or attached to
    made_in: str = "paragraph"  # paragraph | footnote: where its words are
    quote: str | None = None  # the exact words of the argument in that paragraph or footnote
    sources: list[HolderRef] = field(default_factory=list)  # cited works that carry the argument


@dataclass
class IssueNote:
    id: str
    label: str
    question: str
    provisions: list[str]
    paragraphs: list[int]
    positions: list[PositionNote]
    arguments: list[ArgumentNote]
    commentary: str
    file: str
    line: int
    commentary_sha256: str | None = None  # the version of the commentary text the anchors were made on


@dataclass
class CitationMark:
    """A reviewed citation marked `no-stance` (cited for a fact, a definition, a quotation), or a
    rejected extraction candidate; `holder`/`work` name the citation as the footnote cites it."""

    footnote: int
    holder: str
    work: str | None
    reason: str
    file: str
    line: int

    def ref(self) -> HolderRef:
        return HolderRef(self.footnote, self.holder, self.work, None, self.file, self.line)


@dataclass
class FootnoteReview:
    """A footnote a curator has read: every citation in it is an attribution, support for an
    argument, or no-stance. `reason` covers the citations that are neither attributed nor
    advancing an argument; `no_stance` names single citations with their own reason."""

    footnote: int
    reason: str | None
    no_stance: list[CitationMark]
    commentary: str
    file: str
    line: int
    commentary_sha256: str | None = None


@dataclass
class Rejection:
    """An extraction candidate (footnote, work) a curator rejected, with the reason."""

    mark: CitationMark
    commentary: str
    commentary_sha256: str | None = None


@dataclass
class HolderAddition:
    """Holders added to a position declared in another file (`additions:`), so a later review
    can place holders without editing the file that words the position."""

    position: str
    holders: list[HolderRef]
    commentary: str
    file: str
    line: int
    commentary_sha256: str | None = None


@dataclass
class Annotations:
    issues: list[IssueNote] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    reviews: list[FootnoteReview] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    additions: list[HolderAddition] = field(default_factory=list)


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 5x faster


class _LineLoader(_Base):  # type: ignore[valid-type,misc]  # a base chosen at run time
    """A safe loader that remembers the line of every mapping as `__line__`."""


def _construct_mapping(loader, node, deep=False):
    mapping = _Base.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _req(d: dict, key: str, typ, file: str, what: str):
    if key not in d or d[key] in (None, ""):
        raise AnnotationError(file, d.get("__line__"), f"{what} lacks `{key}`")
    value = d[key]
    if typ is int and isinstance(value, bool) or not isinstance(value, typ):
        raise AnnotationError(file, d.get("__line__"), f"{what}: `{key}` must be {typ.__name__}, not {value!r}")
    return value


def _paragraph_numbers(d: dict, file: str, what: str) -> list[int]:
    out = []
    for p in _items(d, "paragraphs", file, what):
        if isinstance(p, bool) or not isinstance(p, int | str) or not str(p).isdigit():
            raise AnnotationError(file, d.get("__line__"), f"{what}: a paragraph must be a margin number, not {p!r}")
        out.append(int(p))
    return out


def _items(d: dict, key: str, file: str, what: str) -> list:
    """`d[key]` as a list: absent or empty is none; anything but a list is an error at `d`'s line."""
    value = d.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise AnnotationError(file, d.get("__line__"), f"{what}: `{key}` must be a list, not {value!r}")
    return value


_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _identifier(d: dict, file: str, what: str) -> str:
    """An issue's, position's or argument's `id`: it becomes part of an IRI, so no spaces or marks."""
    value = _req(d, "id", str, file, what)
    if not _IDENTIFIER.fullmatch(value):
        raise AnnotationError(
            file,
            d.get("__line__"),
            f"{what}: `id` {value!r} is not an identifier (letters, digits, '-', '_' or '.': it is part of an IRI)",
        )
    return value


def _holder(d, file: str, what: str) -> HolderRef:
    if not isinstance(d, dict):
        raise AnnotationError(file, None, f"{what}: expected a mapping like {{footnote: 69, holder: ...}}, got {d!r}")
    strength = d.get("strength")
    if strength is not None and strength not in STRENGTHS:
        raise AnnotationError(file, d["__line__"], f"{what}: strength {strength!r} is not one of {sorted(STRENGTHS)}")
    return HolderRef(
        _req(d, "footnote", int, file, what),
        str(_req(d, "holder", str, file, what)),
        str(d["work"]) if d.get("work") is not None else None,
        strength,
        file,
        d["__line__"],
    )


def _argument(ad, file: str, what: str, issue_line: int) -> ArgumentNote:
    """One argument entry: kind, target, and who makes it with which stance, from which words."""
    if not isinstance(ad, dict):
        raise AnnotationError(file, issue_line, f"{what}: an argument must be a mapping")
    aid = _identifier(ad, file, f"an argument of {what}")
    awhat = f"argument {aid}"
    line = ad["__line__"]
    kind = _req(ad, "kind", str, file, awhat)
    kind = LEGACY_KINDS.get(kind, kind)
    if kind not in KINDS:
        raise AnnotationError(file, line, f"{awhat}: kind {kind!r} is not one of {sorted(KINDS)}")
    targets = [ad.get(k) for k in ("supports", "attacks", "attacks_argument", "qualifies")]
    if sum(t is not None for t in targets) != 1:
        raise AnnotationError(
            file, line, f"{awhat}: needs exactly one of supports, attacks, attacks_argument, qualifies"
        )
    stance, advanced = _stance(ad, file, awhat)
    made_in, footnote = _made_in(ad, file, awhat)
    raw_sources = _items(ad, "sources", file, f"an argument of {what}")
    if not isinstance(raw_sources, list):
        raise AnnotationError(file, line, f"{awhat}: `sources` must be a list of {{footnote, holder}} mappings")
    sources = [_holder(h, file, awhat) for h in raw_sources]
    if isinstance(advanced, HolderRef) and not any(
        (h.footnote, h.holder, h.work) == (advanced.footnote, advanced.holder, advanced.work) for h in sources
    ):
        sources.insert(0, advanced)
    supports, attacks, attacks_argument = (str(t) if t is not None else None for t in targets[:3])
    return ArgumentNote(
        aid,
        str(_req(ad, "label", str, file, awhat)),
        kind,
        _req(ad, "paragraph", int, file, awhat),
        supports,
        attacks,
        attacks_argument,
        advanced,
        file,
        line,
        stance,
        str(targets[3]) if targets[3] is not None else None,
        footnote,
        made_in,
        str(ad["quote"]) if ad.get("quote") else None,
        sources,
    )


def _stance(ad, file: str, awhat: str) -> tuple[str, HolderRef | str | None]:
    """How the commentary presents the argument, and who advances it: the author's own stances
    (advances, concedes) are his alone; one he raises or reports is someone else's."""
    line = ad["__line__"]
    stance = ad.get("stance")
    if stance is not None and stance not in ARGUMENT_STANCES:
        raise AnnotationError(file, line, f"{awhat}: stance {stance!r} is not one of {sorted(ARGUMENT_STANCES)}")
    adv = ad.get("advanced_by", AUTHOR if stance in (None, "advances", "concedes") else None)
    advanced = adv if adv in (AUTHOR, None) else _holder(adv, file, awhat)
    stance = stance or ("advances" if advanced == AUTHOR else "reports")
    if stance in ("advances", "concedes") and advanced != AUTHOR:
        raise AnnotationError(
            file, line, f"{awhat}: stance {stance!r} is the commentary author's; name cited works under `sources`"
        )
    if stance in ("raises", "reports") and advanced == AUTHOR:
        raise AnnotationError(
            file, line, f"{awhat}: the commentary author does not advance an argument he only {stance[:-1]}s"
        )
    return stance, advanced


def _made_in(ad, file: str, awhat: str) -> tuple[str, int | None]:
    """Where the argument is made: a paragraph (default) or a footnote, which it must then name."""
    line = ad["__line__"]
    made_in = ad.get("made_in", "paragraph")
    if made_in not in MADE_IN:
        raise AnnotationError(file, line, f"{awhat}: made_in {made_in!r} is not one of {sorted(MADE_IN)}")
    footnote = ad.get("footnote")
    if footnote is not None and (isinstance(footnote, bool) or not isinstance(footnote, int)):
        raise AnnotationError(file, line, f"{awhat}: `footnote` must be int, not {footnote!r}")
    if made_in == "footnote" and footnote is None:
        raise AnnotationError(file, line, f"{awhat}: made in a footnote, but names no `footnote`")
    return made_in, footnote


def load_file(path: Path) -> list[IssueNote]:
    return _load(path)[0]


def _load(path: Path) -> tuple[list[IssueNote], dict]:
    """The issues of one annotation file, and the file's data (for its review markings)."""
    file = str(path)
    data = _read_yaml(path)
    commentary = str(_req(data, "commentary", str, file, "the file"))
    sha = data.get("commentary_sha256")
    if sha is not None and not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)):
        raise AnnotationError(file, data["__line__"], f"commentary_sha256 must be 64 hex digits, not {sha!r}")
    if "issues" not in data and ({"reviews", "rejections", "additions"} & set(data)):
        issues_raw = []  # a review file: markings only
    else:
        issues_raw = _req(data, "issues", list, file, "the file")
    return [_issue(d, file, commentary, sha) for d in issues_raw], data


def _read_yaml(path: Path) -> dict:
    """The file as a mapping whose entries know their line; unreadable, non-UTF-8 or bad YAML is an error."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise AnnotationError(file, None, f"cannot be read ({e.strerror})") from None
    except UnicodeDecodeError:
        raise AnnotationError(file, None, "not UTF-8 text") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise AnnotationError(
            file, mark.line + 1 if mark else None, f"YAML syntax error: {getattr(e, 'problem', None) or e}"
        ) from None
    if not isinstance(data, dict):
        raise AnnotationError(file, 1, "expected a mapping with `commentary` and `issues`")
    return data


def _issue(d, file: str, commentary: str, sha: str | None) -> IssueNote:
    """One issue entry: its question, provisions, paragraphs, positions and arguments."""
    if not isinstance(d, dict):
        raise AnnotationError(file, None, f"an issue must be a mapping, got {d!r}")
    iid = _identifier(d, file, "an issue")
    what = f"issue {iid}"
    positions = [_position(pd, file, what, d["__line__"]) for pd in _req(d, "positions", list, file, what)]
    arguments = [_argument(ad, file, what, d["__line__"]) for ad in _items(d, "arguments", file, what)]
    return IssueNote(
        iid,
        str(_req(d, "label", str, file, what)),
        str(d.get("question") or d["label"]),
        [str(p) for p in _items(d, "provisions", file, what)],
        _paragraph_numbers(d, file, what),
        positions,
        arguments,
        commentary,
        file,
        d["__line__"],
        sha,
    )


def _position(pd, file: str, what: str, issue_line: int) -> PositionNote:
    """One position entry: its label, holders, the author's view and the positions it coexists with."""
    if not isinstance(pd, dict):
        raise AnnotationError(file, issue_line, f"{what}: a position must be a mapping")
    pid = _identifier(pd, file, f"a position of {what}")
    pwhat = f"position {pid}"
    view = _author_view(pd["author_view"], file, pwhat, pd["__line__"]) if pd.get("author_view") is not None else None
    holders = [_holder(h, file, pwhat) for h in _items(pd, "holders", file, pwhat)]
    coexists = _items(pd, "coexists_with", file, pwhat)
    if not isinstance(coexists, list):
        raise AnnotationError(file, pd["__line__"], f"{pwhat}: coexists_with must be a list of position ids")
    return PositionNote(
        pid, str(_req(pd, "label", str, file, pwhat)), holders, view, file, pd["__line__"], [str(x) for x in coexists]
    )


def _author_view(av, file: str, pwhat: str, line: int) -> AuthorView:
    """The author's stance on a position, with the paragraph and the words that state it."""
    if not isinstance(av, dict):
        raise AnnotationError(file, line, f"{pwhat}: author_view must be a mapping")
    stance = _req(av, "stance", str, file, f"{pwhat} author_view")
    if stance not in STANCES:
        raise AnnotationError(file, av["__line__"], f"{pwhat}: stance {stance!r} is not one of {sorted(STANCES)}")
    return AuthorView(
        stance,
        _req(av, "paragraph", int, file, f"{pwhat} author_view"),
        str(_req(av, "quote", str, file, f"{pwhat} author_view")),
        file,
        av["__line__"],
    )


# ---- review markings: reviewed footnotes and rejected candidates --------------------------------


def _mark(d, file: str, what: str, footnote: int | None = None) -> CitationMark:
    if not isinstance(d, dict):
        raise AnnotationError(file, None, f"{what}: expected a mapping like {{holder: ..., reason: ...}}, got {d!r}")
    fn = footnote if footnote is not None else _req(d, "footnote", int, file, what)
    return CitationMark(
        fn,
        str(_req(d, "holder", str, file, what)),
        str(d["work"]) if d.get("work") is not None else None,
        str(_req(d, "reason", str, file, what)),
        file,
        d["__line__"],
    )


def load_reviews(data: dict, file: str) -> tuple[list[FootnoteReview], list[Rejection]]:
    """The `reviews:` and `rejections:` of one annotation file (empty when it has none)."""
    commentary, sha = str(data.get("commentary")), data.get("commentary_sha256")
    reviews = []
    for d in _items(data, "reviews", file, "the file"):
        if not isinstance(d, dict):
            raise AnnotationError(
                file, None, f"a review must be a mapping like {{footnote: 12, reason: ...}}, got {d!r}"
            )
        fn = _req(d, "footnote", int, file, "a review")
        where = f"review of footnote {fn}"
        marks = [_mark(m, file, where, fn) for m in _items(d, "no_stance", file, where)]
        reason = d.get("reason")
        if reason is not None and not isinstance(reason, str):
            raise AnnotationError(file, d["__line__"], f"review of footnote {fn}: `reason` must be text")
        reviews.append(FootnoteReview(fn, reason, marks, commentary, file, d["__line__"], sha))
    rejections = [
        Rejection(_mark(d, file, "a rejection"), commentary, sha) for d in _items(data, "rejections", file, "the file")
    ]
    return reviews, rejections


def load_additions(data: dict, file: str) -> list[HolderAddition]:
    """The `additions:` of one annotation file: `{position: ID, holders: [{footnote: N, holder: ...}]}`."""
    out = []
    for d in _items(data, "additions", file, "the file"):
        if not isinstance(d, dict):
            raise AnnotationError(
                file, None, f"an addition must be a mapping like {{position: ..., holders: [...]}}, got {d!r}"
            )
        pid = str(_req(d, "position", str, file, "an addition"))
        holders = [_holder(h, file, f"addition to {pid}") for h in _req(d, "holders", list, file, f"addition to {pid}")]
        out.append(
            HolderAddition(
                pid, holders, str(data.get("commentary")), file, d["__line__"], data.get("commentary_sha256")
            )
        )
    return out


def _check_reviews_once(reviews: list[FootnoteReview]) -> None:
    """A footnote is reviewed once: a second marking is an error naming both places."""
    seen: dict[tuple[str, int], FootnoteReview] = {}
    for r in reviews:
        first = seen.get((r.commentary, r.footnote))
        if first is not None:
            raise AnnotationError(
                r.file, r.line, f"footnote {r.footnote} is marked twice (first at {first.file}:{first.line})"
            )
        seen[(r.commentary, r.footnote)] = r


def load(folder: Path) -> Annotations:
    """All annotation files of a folder, with ids checked for uniqueness across files."""
    out = Annotations()
    if not folder.exists():
        return out
    for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
        out.files.append(str(path))
        issues, data = _load(path)
        out.issues.extend(issues)
        reviews, rejections = load_reviews(data, str(path))
        out.reviews += reviews
        out.rejections += rejections
        out.additions += load_additions(data, str(path))
    _check_reviews_once(out.reviews)
    seen: dict[str, tuple[str, str, int]] = {}
    for issue in out.issues:
        for kind, item_id, file, line in (
            [("issue", issue.id, issue.file, issue.line)]
            + [("position", p.id, p.file, p.line) for p in issue.positions]
            + [("argument", a.id, a.file, a.line) for a in issue.arguments]
        ):
            key = f"{kind}:{item_id}"
            if key in seen:
                _, f0, l0 = seen[key]
                where = "on two issues" if kind == "position" else "twice"
                raise AnnotationError(file, line, f"{kind} {item_id!r} is declared {where} (first at {f0}:{l0})")
            seen[key] = (issue.id, file, line)
    return out

"""A zone of a page that cannot be read is a located warning, not a crash.

The parser and the finders are written for the page as it is scraped; a page damaged in a way
nobody foresaw (a line cut, a number where a letter belongs) may still trip one of them. Each zone
of the page (provision texts, bibliography, body, footnotes, markers) and each footnote or margin
paragraph handed to a finder is therefore read under `guarded`: an unexpected error there becomes
a warning naming the document, the place and the error, and that zone or item is left out; the rest
of the page is built. Errors a user must act on (`SourceError`) still stop the build.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from kg.models import SourceError, Warning_

T = TypeVar("T")


def guarded(document: str, where: str, warnings: list[Warning_], read: Callable[[], T], instead: T) -> T:
    """`read()`, or `instead` with a warning added to `warnings` if it fails.

    >>> ws = []
    >>> guarded("p.txt", "line 24", ws, lambda: "abc"[26], "")
    ''
    >>> str(ws[0])
    'p.txt: line 24: could not be read (IndexError: string index out of range); left out'
    """
    try:
        return read()
    except SourceError:
        raise
    except RecursionError as e:
        w = Warning_(document, where, f"could not be read ({type(e).__name__}); left out")
    except (ArithmeticError, AttributeError, IndexError, KeyError, LookupError, TypeError, ValueError) as e:
        w = Warning_(document, where, f"could not be read ({type(e).__name__}: {str(e)[:120]}); left out")
    warnings.append(w)
    return instead

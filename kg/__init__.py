"""The argument graph of EU AI law: ingestion (clean → parse → find → resolve → link → emit),
the store, reasoning, queries and the `kg` command line."""

from typing import Any

__all__ = ["open_graph"]


def __getattr__(name: str) -> Any:
    """`from kg import open_graph`, loaded on first use so the CLI does not import pandas."""
    if name == "open_graph":
        from kg.access.api import open_graph

        return open_graph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

"""The argument graph of EU AI law: ingestion (clean → parse → find → resolve → link → emit),
the store, reasoning, queries and the `kg` command line."""

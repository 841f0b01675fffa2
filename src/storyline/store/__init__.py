"""The persistent corpus: a SQLite store whose stories grow as articles arrive in batches."""

from storyline.store.store import BatchReport, Store

__all__ = ["BatchReport", "Store"]

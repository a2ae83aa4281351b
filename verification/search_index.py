"""The SQL that builds and repairs the full-text indexes (pure: strings only, no Django).

Used by migration verification.0004 and after every `migrate`: on SQLite, Django alters a
table by copying it to a new one and dropping the old, which drops that table's triggers, so a
later migration of Letter or Claim would silently stop the index from following edits. The
repair (verification.apps) recreates missing triggers and refills that index.
"""

from __future__ import annotations

CONFIG = "english"
# (app label, model, search kind) -> indexed text columns; selectors/search.KINDS agrees.
FIELDS: dict[tuple[str, str, str], tuple[str, ...]] = {
    ("claims", "Letter", "letter"): ("symbol", "title", "sender", "text"),
    ("claims", "Claim", "claim"): ("quote", "restatement"),
    ("verification", "Source", "source"): ("title", "publisher", "author", "notes"),
    ("verification", "Evidence", "evidence"): ("excerpt", "note", "location"),
    ("verification", "Comment", "comment"): ("body",),
}
TRIGGERS = ("ai", "ad", "au")


def fts_table(name: str) -> str:
    return f"search_{name}_fts"


def sqlite_create_table(table: str, name: str, fields: tuple[str, ...]) -> str:
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts_table(name)} USING fts5({', '.join(fields)}, "
        f"content='{table}', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
    )


def sqlite_refill(table: str, name: str, fields: tuple[str, ...]) -> list[str]:
    fts, cols = fts_table(name), ", ".join(fields)
    return [
        f"INSERT INTO {fts}({fts}) VALUES ('delete-all')",
        f"INSERT INTO {fts}(rowid, {cols}) SELECT id, {cols} FROM {table} WHERE is_deleted = 0",
    ]


def sqlite_triggers(table: str, name: str, fields: tuple[str, ...]) -> list[str]:
    fts, cols = fts_table(name), ", ".join(fields)
    new = ", ".join(f"new.{field}" for field in fields)
    old = ", ".join(f"old.{field}" for field in fields)
    remove = f"INSERT INTO {fts}({fts}, rowid, {cols}) SELECT 'delete', old.id, {old}"
    add = f"INSERT INTO {fts}(rowid, {cols}) SELECT new.id, {new}"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"{add} WHERE new.is_deleted = 0; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"{remove} WHERE old.is_deleted = 0; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {cols}, is_deleted ON {table} "
        f"BEGIN {remove} WHERE old.is_deleted = 0; {add} WHERE new.is_deleted = 0; END",
    ]


def sqlite_drop(name: str) -> list[str]:
    fts = fts_table(name)
    return [f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in TRIGGERS] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]

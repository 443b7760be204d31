"""Plain rows into a ledger table, fast, on both databases (the SIE import's bulk path).

The ORM's ``bulk_create`` spends most of its time building model instances; the import's
rows are plain tuples whose ids it needs at once (rows point to their voucher, row
objects to their row):

- PostgreSQL: ``COPY`` (psycopg 3 ``cursor.copy()``), then the new ids read back in one
  query (drawing them first with ``nextval`` per row was 5× slower than the read-back).
  COPY fires the statement-level triggers with their transition tables exactly as an
  INSERT does, so every ledger check runs.
- SQLite: the transaction already holds the database's write lock (the import wrote its
  ``SieImport`` row first), so no one else can insert until it commits: the ids after
  the table's highest (and its AUTOINCREMENT counter) are ours. Multi-row INSERTs; the
  row triggers run per row as always.

Nothing here decides anything about the ledger: the database's triggers and constraints
check the rows as they would for any other INSERT.
"""

from __future__ import annotations

import sqlite3
from itertools import chain

from django.db import connection

# Parameters per INSERT on SQLite (its limit is 32 766 since 3.32). Smaller statements
# measured faster: a statement of 30 000 parameters is a VALUES list of 6 000 rows,
# prepared anew for each batch's shorter last slice; at 5 000 (1 000 rows of ekonomi_rad,
# whose AUTOINCREMENT counter is still written once per statement) the SIE benchmark's
# 70 000 rows went in with ~0.04 CPU-s less, 2 500 was no better.
_SQLITE_PARAMETRAR = 5_000


def infoga(
    modell,
    kolumner: list[str],
    rader: list[tuple],
    *,
    returnera: bool = True,
    aterfinn: tuple[str, list] | None = None,
) -> list:
    """Insert ``rader`` (tuples in ``kolumner`` order) into ``modell``'s table; returns the
    new ids in row order when ``returnera`` (else ``[]``).

    PostgreSQL needs ``aterfinn`` to return ids: a WHERE clause (and its parameters) that
    matches exactly the rows just copied, read back in id order, which is the COPY order.
    Must run inside the import's transaction (``RuntimeError`` otherwise: the SQLite id
    reservation relies on it)."""
    if not rader:
        return []
    if not connection.in_atomic_block:  # pragma: no cover - a programming error
        raise RuntimeError("infoga körs bara inne i importens transaktion")
    qn = connection.ops.quote_name
    tabell = modell._meta.db_table
    cols = ", ".join(qn(k) for k in kolumner)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {qn(tabell)} ({cols}) FROM STDIN") as copy:
                write_row = copy.write_row
                for rad in rader:
                    write_row(rad)
            if not returnera:
                return []
            villkor, params = aterfinn
            cursor.execute(f"SELECT id FROM {qn(tabell)} WHERE {villkor} ORDER BY id", params)
            ids = [r[0] for r in cursor.fetchall()]
            if len(ids) != len(rader):  # pragma: no cover - a broken invariant
                raise RuntimeError(f"{tabell}: {len(rader)} rader in, {len(ids)} tillbaka")
            return ids
        ids: list[int] = []
        bredd = len(rader[0])
        if returnera:
            ids = _nya_id(cursor, tabell, len(rader))
            cols = f"{qn('id')}, {cols}"
            bredd += 1
        # Multi-row INSERTs below SQLite's parameter limit: one statement per slice, so the
        # AUTOINCREMENT counter is written once per slice (executemany, one statement per
        # row, writes it for every row and was 3× slower). Straight to sqlite3 with its
        # own placeholders: Django's rewriting of them is a regular expression over the
        # whole statement. The flat parameter list is filled column by column (slice
        # assignment, in C), not value by value.
        per_skiva = max(1, _SQLITE_PARAMETRAR // bredd)
        rad_platser = "(" + ", ".join(["?"] * bredd) + ")"
        execute = sqlite3.Cursor.execute
        for i in range(0, len(rader), per_skiva):
            skiva = rader[i : i + per_skiva]
            if returnera:
                parametrar = [None] * (len(skiva) * bredd)
                parametrar[0::bredd] = ids[i : i + per_skiva]
                for k, kolumn in enumerate(zip(*skiva, strict=True), 1):
                    parametrar[k::bredd] = kolumn
            else:
                parametrar = list(chain.from_iterable(skiva))
            execute(
                cursor.cursor,
                f"INSERT INTO {qn(tabell)} ({cols}) VALUES "
                + ", ".join([rad_platser] * len(skiva)),
                parametrar,
            )
    return ids


def _nya_id(cursor, tabell: str, antal: int) -> list[int]:
    """SQLite: the next ``antal`` ids of ``tabell`` (its AUTOINCREMENT counter or highest
    id, whichever is larger, plus one onwards)."""
    qn = connection.ops.quote_name
    cursor.execute(f"SELECT MAX({qn('id')}) FROM {qn(tabell)}")
    hogsta = cursor.fetchone()[0] or 0
    cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [tabell])
    rad = cursor.fetchone()
    start = max(hogsta, rad[0] if rad else 0) + 1
    return list(range(start, start + antal))

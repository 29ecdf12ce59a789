"""Full-text search over occupations: SQLite FTS5 with BM25, or PostgreSQL tsvector/GIN.

One document per occupation with four weighted parts: the title, the other
titles (alternate and reported), the description, the task statements. The
database finds and ranks candidates; ``core.occupations.rank_hits`` puts
near-exact titles first.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

from cairn.core.occupations import title_key

CANDIDATES = 50
_TERM = re.compile(r"[^\W_]{2,}")

SQLITE_BUILD = """
INSERT INTO onet_search(code, title, titles, description, tasks)
SELECT o.code, o.title,
       COALESCE((SELECT group_concat(t.title, ' ; ') FROM onet_title t
                 WHERE t.code = o.code), ''),
       o.description,
       COALESCE((SELECT group_concat(k.statement, ' ') FROM onet_task k
                 WHERE k.code = o.code), '')
FROM onet_occupation o
"""
# Column weights for bm25: code (not indexed), title, other titles, description, tasks.
SQLITE_QUERY = """
SELECT code, bm25(onet_search, 0.0, 12.0, 4.0, 1.5, 0.5) AS rank FROM onet_search
WHERE onet_search MATCH :q ORDER BY rank LIMIT :n
"""
POSTGRES_BUILD = """
INSERT INTO onet_search(code, document)
SELECT o.code,
       setweight(to_tsvector('english', o.title), 'A')
       || setweight(to_tsvector('english', COALESCE(t.titles, '')), 'B')
       || setweight(to_tsvector('english', o.description), 'C')
       || setweight(to_tsvector('english', COALESCE(k.tasks, '')), 'D')
FROM onet_occupation o
LEFT JOIN (SELECT code, string_agg(title, ' ; ') AS titles FROM onet_title GROUP BY code) t
       ON t.code = o.code
LEFT JOIN (SELECT code, string_agg(statement, ' ') AS tasks FROM onet_task GROUP BY code) k
       ON k.code = o.code
"""
POSTGRES_QUERY = """
SELECT code, ts_rank(document, to_tsquery('english', :q), 1) AS rank FROM onet_search
WHERE document @@ to_tsquery('english', :q) ORDER BY rank DESC LIMIT :n
"""
# Occupations named exactly by the query: by their title, or by another title (alias).
EXACT = """
SELECT code, 'title' AS kind FROM onet_occupation WHERE title_key = :k
UNION ALL
SELECT code, 'alias' AS kind FROM onet_title WHERE title_key = :k
"""


def _is_sqlite(s: Session) -> bool:
    return s.get_bind().dialect.name == "sqlite"


def clear(s: Session) -> None:
    """Empty the search index."""
    s.execute(text("DELETE FROM onet_search"))


def build(s: Session) -> None:
    """Fill the search index from the occupation, title and task tables."""
    s.execute(text(SQLITE_BUILD if _is_sqlite(s) else POSTGRES_BUILD))


def _match(s: Session, terms: list[str], joiner: str) -> list[tuple[str, float]]:
    if _is_sqlite(s):
        q = f" {joiner} ".join(f'"{t}"*' for t in terms)
        rows = s.execute(text(SQLITE_QUERY), {"q": q, "n": CANDIDATES}).all()
        best = min((r[1] for r in rows), default=-1.0) or -1.0
        return [(r[0], r[1] / best) for r in rows]
    q = f" {'&' if joiner == 'AND' else '|'} ".join(f"{t}:*" for t in terms)
    rows = s.execute(text(POSTGRES_QUERY), {"q": q, "n": CANDIDATES}).all()
    best = max((r[1] for r in rows), default=1.0) or 1.0
    return [(r[0], r[1] / best) for r in rows]


def candidates(s: Session, query: str) -> tuple[dict[str, float], set[str]]:
    """Occupation codes matching every word (else any word) with relevance 0..1, and the
    codes whose title or alternate title equals the query."""
    terms = [t.lower() for t in _TERM.findall(query)]
    if not terms:
        return {}, set()
    found = _match(s, terms, "AND") or _match(s, terms, "OR")
    relevance = dict(found)
    key = title_key(query)
    exact = s.execute(text(EXACT), {"k": key}).all()
    for code, _ in exact:
        relevance.setdefault(code, 0.0)
    return relevance, {code for code, kind in exact if kind == "alias"}

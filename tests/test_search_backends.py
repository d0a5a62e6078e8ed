"""The two search backends on a real PostgreSQL server: parity, shared stores, sync, errors.

The server is a throwaway cluster started for the session (tests/pg_server.py); these tests
skip only where PostgreSQL is not installed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import api
from resdiff.cli import cli
from resdiff.compare.comparable import comparison_form
from resdiff.errors import SearchIndexError
from resdiff.search import SqliteIndex, find_precedents, grep, load_clauses, phrase_keys
from resdiff.search.postgres_index import PostgresIndex
from resdiff.search.precedent import brute_force
from resdiff.storage import Store

from .constructed import build, corpus
from .history_helpers import add_year, constructed_store


def _summary(results: list) -> list[tuple]:  # type: ignore[type-arg]
    return [
        (
            r.clause.store,
            r.clause.symbol,
            r.clause.unit_id,
            r.score,
            [(c.store, c.symbol, c.unit_id) for c in r.also],
        )
        for r in results
    ]


def test_same_query_same_ranks_and_scores_on_both_backends(postgres_url: str) -> None:
    # Two constructed stores sharing one index; the second repeats some wordings of the first.
    first = list(corpus.clauses(1500, seed=1))
    second = list(corpus.clauses(600, seed=2, series="constructed-other"))
    second[:40] = [
        c.__class__(c.symbol, c.year, "constructed-other", c.lang, c.unit_id, first[k].text)
        for k, c in enumerate(second[:40])
    ]
    embedded, server = SqliteIndex(), PostgresIndex(postgres_url)
    try:
        for index in (embedded, server):
            load_clauses(index, first, store="body-a")
            load_clauses(index, second, store="body-b")
        assert len(embedded) == len(server) == 2100
        rng = random.Random(7)
        forms = [comparison_form(c.text) for c in first + second]
        for k in rng.sample(range(len(first)), 12):
            draft = corpus.reword(first[k].text, rng)
            on_sqlite = find_precedents(embedded, draft, 10)
            on_postgres = find_precedents(server, draft, 10)
            assert _summary(on_sqlite) == _summary(on_postgres)
            assert [r.tokens for r in on_sqlite] == [r.tokens for r in on_postgres]
            # Both rank the clause the draft came from as scoring every clause does.
            assert on_sqlite[0].score == round(brute_force(forms, draft, 1)[0][1], 4)
        assert any(
            r.also and r.also[0].store == "body-b"
            for k in range(40)
            for r in find_precedents(server, first[k].text, 3)
        )
        for phrase in ("Etats membres", "traite des personnes", "Plan d’action mondial"):
            words = phrase_keys(phrase)
            hits = [
                [
                    (h.clause.store, h.clause.symbol, h.clause.unit_id, h.spans, h.first)
                    for h in grep(phrase, [c.clause for c in found], [c.form for c in found])
                ]
                for found in (index.phrase_candidates(words) for index in (embedded, server))
            ]
            assert hits[0] == hits[1] and hits[0]
    finally:
        embedded.close()
        server.close()


def test_index_sync_shares_one_server_between_stores(postgres_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    one = constructed_store(tmp_path / "body-one", (2091, 2092))
    two = constructed_store(tmp_path / "body-two", (2093,))
    out = runner.invoke(cli, ["--store", str(one.root), "index", "sync", "--index", postgres_url])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("body-one/resolutions: 2 versions written, 0 dropped, 0 unch")
    env = {"RESDIFF_INDEX": postgres_url}
    out = runner.invoke(cli, ["--store", str(two.root), "index", "sync", "--name", "two"], env=env)
    assert "two: 1 versions written" in out.output
    again = runner.invoke(cli, ["--store", str(one.root), "index", "sync"], env=env)
    assert "0 versions written, 0 dropped, 2 unchanged" in again.output
    add_year(one, 2094)
    more = runner.invoke(cli, ["--store", str(one.root), "index", "sync"], env=env)
    assert "1 versions written, 0 dropped, 2 unchanged" in more.output

    result = runner.invoke(
        cli,
        ["--store", str(one.root), "precedent", build.NEW_OP_2092, "-n", "2", "--json"],
        env=env,
    )
    data = json.loads(result.output)
    top = data["results"][0]
    assert (top["symbol"], top["unit"], top["store"]) == (
        "E/RES/2092/1",
        "op2",
        "body-one/resolutions",
    )
    assert [(a["symbol"], a["store"]) for a in top["also"]] == [("E/RES/2093/1", "two")]
    assert len(top["commit"]) == 40
    status = runner.invoke(cli, ["--store", str(one.root), "index", "status"], env=env)
    assert [line.split(":")[0] for line in status.output.splitlines()] == [
        "index",
        "body-one/resolutions",
        "two",
    ]
    # The same search on the store's own embedded index gives the same first result.
    own = api.precedent(one, build.NEW_OP_2092, n=1)[0]
    assert (own.clause.symbol, own.clause.unit_id, own.score) == (
        "E/RES/2092/1",
        "op2",
        top["score"],
    )


def test_grep_through_the_server(postgres_url: str, demo_store: Store) -> None:
    api.index_sync(demo_store, postgres_url)
    hits = api.grep(demo_store, "Etats Membres de renforcer", index=postgres_url)
    assert [(h.clause.year, h.clause.unit_id, h.first) for h in hits] == [
        (2092, "op2", True),
        (2093, "op2", False),
    ]


def test_an_unreachable_server_is_a_one_line_error(tmp_path: Path, demo_store: Store) -> None:
    url = f"postgresql://nobody:secret@/resdiff?host={tmp_path}"
    result = CliRunner().invoke(
        cli, ["--store", str(demo_store.root), "precedent", "Prie les États", "--index", url]
    )
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: cannot connect to the index at postgresql://nobody:***@"
    )
    assert "secret" not in result.output and len(result.output.splitlines()) == 1


def test_a_database_of_another_format_is_refused(postgres_url: str) -> None:
    PostgresIndex(postgres_url).close()
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("UPDATE resdiff_meta SET value = '0' WHERE name = 'format'")
    with pytest.raises(SearchIndexError, match="has format 0, not 2"):
        PostgresIndex(postgres_url)


def test_a_server_index_made_without_shingle_counts_is_upgraded(postgres_url: str) -> None:
    clauses = list(corpus.clauses(300, seed=21))
    rng = random.Random(22)
    drafts = [corpus.reword(clauses[k].text, rng) for k in rng.sample(range(300), 4)]
    server = PostgresIndex(postgres_url)
    load_clauses(server, clauses)
    expected = [_summary(find_precedents(server, d, 5)) for d in drafts]
    server.close()
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as db:  # as the previous release left it
        db.execute("DROP TABLE sizes")
    upgraded = PostgresIndex(postgres_url)
    try:
        assert upgraded._rows("SELECT count(*) FROM sizes") == [(1,)]
        assert [_summary(find_precedents(upgraded, d, 5)) for d in drafts] == expected
    finally:
        upgraded.close()

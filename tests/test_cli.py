from __future__ import annotations

import json
import shutil

import pytest
from conftest import EXAMPLES

from newsprism.cli import main


def test_clean_writes_one_line_per_input_with_status(tmp_path):
    out = tmp_path / "clean.jsonl"
    code = main(["clean", str(EXAMPLES / "corpus" / "northgate-herald.txt"), str(EXAMPLES / "bad-inputs"), "--out", str(out)])
    assert code == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    by_name = {line["source"].rsplit("/", 1)[-1]: line for line in lines}
    herald = by_name["northgate-herald.txt"]
    assert herald["status"] == "ok" and herald["outlet"] == "Northgate Herald" and herald["title"]
    assert herald["authors"] == ["Jordan Pike"] and herald["removed"]
    assert by_name["empty.txt"]["status"] == "skipped" and by_name["empty.txt"]["reason"].startswith("empty:")
    assert by_name["scan-upload.txt"]["status"] == "failed"
    assert len(lines) == 1 + 5


def test_analyze_with_nothing_analysable_exits_non_zero_with_a_message(tmp_path, capsys):
    bad = tmp_path / "bad"
    shutil.copytree(EXAMPLES / "bad-inputs", bad)
    code = main(["analyze", str(bad), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "n.db")])
    assert code == 1
    assert "no input could be analysed" in capsys.readouterr().out
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["articles"] == [] and {r["status"] for r in report["inputs"]} == {"skipped", "failed"}


@pytest.mark.models
def test_analyze_writes_both_reports_and_says_where(tmp_path, capsys, nlp, embedder):
    code = main(["analyze", str(EXAMPLES / "corpus"), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "n.db")])
    assert code == 0
    printed = capsys.readouterr().out
    assert "stories: 2" in printed and "conflicts: 2" in printed and str(tmp_path / "out" / "report.html") in printed
    assert (tmp_path / "out" / "report.json").exists() and (tmp_path / "n.db").exists()
    # the same inputs again: the database does not grow
    import sqlite3

    count = sqlite3.connect(tmp_path / "n.db").execute("SELECT count(*) FROM articles").fetchone()[0]
    assert main(["analyze", str(EXAMPLES / "corpus"), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "n.db")]) == 0
    assert sqlite3.connect(tmp_path / "n.db").execute("SELECT count(*) FROM articles").fetchone()[0] == count == 9


@pytest.mark.models
def test_stories_show_and_export_read_the_database_without_analysing(tmp_path, capsys, demo, schema):
    import jsonschema

    report, _, out = demo
    db = str(out / "newsprism.db")
    assert main(["stories", "--db", db, "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(r["articles"] for r in rows) == sorted(len(s.articles) for s in report.stories)
    fire = max(rows, key=lambda r: r["articles"])
    assert fire["conflicts"] == 2 and "Coastline Daily" in fire["outlets"]

    assert main(["stories", "--db", db, "--json", "--outlet", "kestrel valley"]) == 0
    assert [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()] != [fire["id"]]
    assert main(["stories", "--db", db, "--json", "--text", "Halvorsen"]) == 0
    assert [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()] == [fire["id"]]
    assert main(["stories", "--db", db]) == 0
    assert fire["id"] in capsys.readouterr().out

    assert main(["show", fire["id"], "--db", db, "--out", str(tmp_path / "one")]) == 0
    shown = json.loads((tmp_path / "one" / "report.json").read_text())
    jsonschema.validate(shown, schema)
    stored = next(s for s in report.stories if s.id == fire["id"])
    assert [s["id"] for s in shown["stories"]] == [fire["id"]] and len(shown["stories"][0]["claims"]) == len(stored.claims)
    assert {a["id"] for a in shown["articles"]} == set(stored.articles)
    assert (tmp_path / "one" / "report.html").exists()
    assert main(["show", "s-nosuchstory", "--db", db, "--out", str(tmp_path / "none")]) == 2
    assert "no story 's-nosuchstory'" in capsys.readouterr().out

    assert main(["export", "--db", db, "--out", str(tmp_path / "all.jsonl")]) == 0
    kinds = [json.loads(line)["type"] for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert kinds.count("story") == len(report.stories) and kinds.count("article") == len(report.articles)
    assert kinds.count("input") == len(report.inputs) and kinds.count("article_claims") == len(report.articles)

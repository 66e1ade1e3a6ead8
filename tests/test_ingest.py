from __future__ import annotations

import json

from conftest import EXAMPLES
from hypothesis import assume, given
from hypothesis import strategies as st

from newsprism.ingest import decode, is_binary, read_file, read_inputs
from newsprism.models import InputRecord, RawItem


def _one(path):
    (out,) = read_file(path)
    return out


def test_empty_file_is_skipped(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"  \n")
    rec = _one(p)
    assert isinstance(rec, InputRecord) and rec.status == "skipped" and rec.reason.startswith("empty:")


def test_binary_file_fails_with_reason(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    rec = _one(p)
    assert rec.status == "failed" and rec.reason.startswith("binary:")


def test_undecodable_bytes_fail_as_unreadable_encoding():
    # bytes that are not UTF-8 and that charset-normalizer reads as no encoding
    rec = _one(EXAMPLES / "bad-inputs" / "legacy-export.txt")
    assert rec.status == "failed" and rec.reason.startswith("unreadable_encoding:")


def test_latin1_text_is_decoded_not_rejected(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes("Le caf\u00e9 de la gare a rouvert ses portes apr\u00e8s des travaux.\n".encode("latin-1") * 20)
    item = _one(p)
    assert isinstance(item, RawItem) and "café" in item.content


def test_html_is_sniffed_from_content_whatever_the_extension(tmp_path):
    p = tmp_path / "saved-page.txt"
    p.write_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    assert _one(p).format == "html"


def test_unknown_extension_is_skipped_not_guessed(tmp_path):
    p = tmp_path / "notes.md"
    p.write_text("# some notes\n")
    rec = _one(p)
    assert rec.status == "skipped" and rec.reason.startswith("unsupported:")


def test_jsonl_lines_become_items_and_bad_lines_records(tmp_path):
    p = tmp_path / "export.jsonl"
    good = {"text": "Body text.", "url": "https://x.example/a", "title": "T", "outlet": "X", "authors": "Ann Lee"}
    p.write_text(json.dumps(good) + "\n\n" + '{"title": "broken\n' + json.dumps({"title": "no body"}) + "\n")
    out = read_file(p)
    assert [type(o).__name__ for o in out] == ["RawItem", "InputRecord", "InputRecord"]
    assert out[0].source.endswith("#1") and out[0].authors == ["Ann Lee"] and out[0].format == "jsonl"
    assert out[1].source.endswith("#3") and out[1].reason.startswith("invalid_json:")
    assert out[2].source.endswith("#4") and out[2].reason.startswith("missing_text:")


def test_folders_are_recursed_and_hidden_files_ignored(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "page.txt").write_text("some text " * 10)
    (tmp_path / "a" / ".hidden.txt").write_text("secret")
    result = read_inputs([tmp_path])
    assert [i.source.rsplit("/", 1)[-1] for i in result.items] == ["page.txt"]


def test_missing_path_is_a_failed_record(tmp_path):
    rec = _one(tmp_path / "nope.txt")
    assert rec.status == "failed" and rec.reason.startswith("unreadable_file:")


@given(st.binary(max_size=3000))
def test_any_bytes_end_as_an_item_or_a_record(data):
    # decoding and binary sniffing never raise, whatever the bytes
    is_binary(data or b"x")
    text = decode(data)
    assert text is None or isinstance(text, str)


@given(st.text(min_size=1, max_size=400))
def test_utf8_text_round_trips(text):
    assume(not text.startswith("\ufeff"))  # a BOM is read as a BOM, not as text
    if not is_binary(text.encode()):
        assert decode(text.encode()) == text


PAGE = (
    "<!DOCTYPE html><html><head><title>Ferry service resumes</title></head><body><article><h1>Ferry service "
    "resumes</h1><p>The Harbour Line ferry returned to service on Tuesday after a three-week repair, the port "
    "authority said.</p></article></body></html>"
)


def _warc(path, records, gzip=True):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsprism tests"}))
        for url, status, content_type, body in records:
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http))


def test_warc_responses_become_pages_and_every_other_record_is_accounted_for(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [
        ("https://harbour.example/ferry", "200 OK", "text/html; charset=windows-1252", PAGE.replace("Tuesday", "Tuesday\u2019s").encode("cp1252")),
        ("https://harbour.example/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
        ("https://harbour.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ])
    found = read_inputs([tmp_path])
    (page,) = found.items
    assert page.source == f"{path}#2" and page.format == "html" and page.url == "https://harbour.example/ferry"
    assert "Tuesday\u2019s" in page.content
    reasons = {r.source.rsplit("#", 1)[1]: r.reason.split(":")[0] for r in found.rejected}
    assert reasons == {"1": "not_a_response", "3": "http_error", "4": "unsupported"}


def test_a_truncated_warc_keeps_the_records_before_the_damage(tmp_path):
    whole = tmp_path / "whole.warc"
    _warc(whole, [("https://harbour.example/a", "200 OK", "text/html", PAGE.encode())] * 2, gzip=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.rindex(b"WARC/1.") + 40])
    outcomes = read_file(cut)
    assert [type(o).__name__ for o in outcomes[:2]] == ["InputRecord", "RawItem"]
    assert outcomes[-1].status == "failed" and outcomes[-1].reason.startswith("invalid_warc:")


@given(st.binary(max_size=400))
def test_any_bytes_named_warc_end_as_records_never_an_exception(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("w") / "junk.warc.gz"
    path.write_bytes(data)
    for outcome in read_file(path):
        assert isinstance(outcome, (RawItem, InputRecord))

"""Ingest stage: paths -> decoded RawItems, plus a record for every item that was rejected.

Decides what an input *is* (HTML, a plain-text copy of a page, a JSONL export, a WARC
crawl file, an RSS or Atom feed) from its extension and, when the extension says nothing,
from its content. Every record of a JSONL, WARC or feed file is accounted for as `file#N`. Decoding is
strict: UTF-8 (or a BOM), else charset-normalizer's best guess, else the item is
reported as unreadable rather than turned into mojibake we cannot repair.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from .feeds import FEED_EXTENSIONS, looks_like_feed, read_feed
from .models import InputRecord, RawItem, Reason

HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
TEXT_EXTENSIONS = {".txt", ".text"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz")
# What a WARC response must declare to be read as a page.
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")

# File signatures of formats people drop into a folder of pages by mistake.
BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",  # zip, docx, xlsx
    b"\x1f\x8b",  # gzip
    b"\x7fELF",
    b"RIFF",
)
# Share of C0 control bytes (other than tab, newlines, form feed, escape) above which
# the bytes are not text in any encoding. Real text has none; random data has ~10%.
CONTROL_BYTE_SHARE = 0.05
_CONTROL_BYTES = frozenset(set(range(0x00, 0x09)) | {0x0B} | set(range(0x0E, 0x1B)) | set(range(0x1C, 0x20)))
_LOOKS_LIKE_HTML = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)


@dataclass
class IngestResult:
    items: list[RawItem] = field(default_factory=list)
    rejected: list[InputRecord] = field(default_factory=list)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file under the given paths, folders recursed, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def read_inputs(paths: Iterable[str | Path]) -> IngestResult:
    result = IngestResult()
    for path in iter_files(paths):
        for outcome in read_file(path):
            if isinstance(outcome, RawItem):
                result.items.append(outcome)
            else:
                result.rejected.append(outcome)
    return result


def read_file(path: Path) -> list[RawItem | InputRecord]:
    source = str(path)
    if path.name.lower().endswith(WARC_SUFFIXES):
        return list(read_warc(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [InputRecord.rejected(source, "failed", Reason.UNREADABLE_FILE, f"cannot read file: {exc.strerror or exc}")]
    suffix = path.suffix.lower()
    if not data.strip():
        return [InputRecord.rejected(source, "skipped", Reason.EMPTY, "the file is empty")]
    if is_binary(data):
        return [InputRecord.rejected(source, "failed", Reason.BINARY, "the file holds binary data, not text")]
    text = decode(data)
    if text is None:
        return [
            InputRecord.rejected(
                source, "failed", Reason.UNREADABLE_ENCODING, "the bytes are not UTF-8 and no text encoding reads them"
            )
        ]
    known = HTML_EXTENSIONS | TEXT_EXTENSIONS | JSONL_EXTENSIONS
    if suffix in FEED_EXTENSIONS or (suffix not in known and looks_like_feed(data)):
        return list(read_feed(source, text))
    if suffix in JSONL_EXTENSIONS:
        return list(read_jsonl(source, text))
    if suffix in HTML_EXTENSIONS or _LOOKS_LIKE_HTML.match(data[:2048]):
        return [RawItem(source=source, format="html", content=text)]
    if suffix in TEXT_EXTENSIONS:
        return [RawItem(source=source, format="text", content=text)]
    return [
        InputRecord.rejected(
            source, "skipped", Reason.UNSUPPORTED, f"'{suffix or path.name}' is not a page copy, HTML, JSONL or feed file"
        )
    ]


def is_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False  # a byte-order mark: text in a Unicode encoding
    if head.startswith(BINARY_SIGNATURES):
        return True
    control = sum(1 for b in head if b in _CONTROL_BYTES)
    return control / len(head) > CONTROL_BYTE_SHARE


def decode(data: bytes) -> str | None:
    """Bytes -> text, or None when no encoding reads them."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    return None if best is None else str(best)


def read_jsonl(source: str, text: str) -> Iterator[RawItem | InputRecord]:
    """One article per line: `text` or `html`, optional url, title, outlet, published, authors."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record_source = f"{source}#{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputRecord.rejected(record_source, "failed", Reason.INVALID_JSON, f"line {number} is not valid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield InputRecord.rejected(record_source, "failed", Reason.INVALID_JSON, f"line {number} is not a JSON object")
            continue
        html, body = obj.get("html"), obj.get("text")
        if not (isinstance(html, str) and html.strip()) and not (isinstance(body, str) and body.strip()):
            yield InputRecord.rejected(record_source, "failed", Reason.MISSING_TEXT, f"line {number} has neither 'text' nor 'html'")
            continue
        authors = obj.get("authors") or []
        if isinstance(authors, str):
            authors = [authors]
        yield RawItem(
            source=record_source,
            format="html" if isinstance(html, str) and html.strip() else "jsonl",
            content=html if isinstance(html, str) and html.strip() else body,
            url=_str_or_none(obj.get("url")),
            title=_str_or_none(obj.get("title")),
            outlet=_str_or_none(obj.get("outlet")),
            published=_str_or_none(obj.get("published")),
            authors=[str(a) for a in authors if str(a).strip()],
        )


def read_warc(path: Path) -> Iterator[RawItem | InputRecord]:
    """Every record of a WARC or WARC.gz file (a crawl such as CC-NEWS), as `file#N`
    with N counted from 1: HTML responses become items, everything else a record that
    says why it is not a page. The file is streamed, never read whole."""
    from warcio.archiveiterator import ArchiveIterator

    source = str(path)
    number = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                yield _warc_record(f"{source}#{number}", record)
    except OSError as exc:
        yield InputRecord.rejected(source, "failed", Reason.UNREADABLE_FILE, f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001
        # warcio raises many kinds of error on damaged input (ArchiveLoadFailed, zlib and
        # header errors, and AttributeError on a record without a URI): whatever it
        # raises, the damage becomes a record and the records before it are kept.
        where = f"{source}#{number + 1}"
        yield InputRecord.rejected(where, "failed", Reason.INVALID_WARC, f"the WARC cannot be read past record {number}: {exc}")


def _warc_record(source: str, record: Any) -> RawItem | InputRecord:
    kind = record.rec_type
    if kind not in ("response", "resource"):
        return InputRecord.rejected(source, "skipped", Reason.NOT_A_RESPONSE, f"a WARC '{kind}' record, not a fetched page")
    headers = record.http_headers
    status = headers.get_statuscode() if headers is not None else "200"
    if not str(status).startswith("2"):
        return InputRecord.rejected(source, "skipped", Reason.HTTP_ERROR, f"the server answered HTTP {status}")
    content_type = (headers.get_header("Content-Type") if headers is not None else None) or record.rec_headers.get_header("Content-Type") or ""
    body = record.content_stream().read()
    if not content_type.lower().startswith(HTML_CONTENT_TYPES) and not _LOOKS_LIKE_HTML.match(body[:2048]):
        return InputRecord.rejected(source, "skipped", Reason.UNSUPPORTED, f"'{content_type or 'no content type'}' is not an HTML page")
    if not body.strip():
        return InputRecord.rejected(source, "skipped", Reason.EMPTY, "the response has no body")
    text = _decode_declared(body, content_type)
    if text is None:
        return InputRecord.rejected(source, "failed", Reason.UNREADABLE_ENCODING, "the page's bytes are in no text encoding")
    return RawItem(source=source, format="html", content=text, url=record.rec_headers.get_header("WARC-Target-URI"))


def _decode_declared(body: bytes, content_type: str) -> str | None:
    """The charset the server declared, when it reads the bytes; else what `decode` finds."""
    declared = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    if declared:
        try:
            return body.decode(declared.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(body)


def _str_or_none(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None

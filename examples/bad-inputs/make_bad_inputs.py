"""Regenerate the binary bad inputs of the newsprism example corpus.

Run from anywhere:  python examples/bad-inputs/make_bad_inputs.py

Writes, next to this script:
  empty.txt           zero bytes
  scan-upload.txt     a PNG signature followed by 2 KB of random bytes
  legacy-export.txt   ~1 KB of bytes in no readable encoding: not valid UTF-8,
                      charset_normalizer.from_bytes(data).best() is None, no
                      run of printable ASCII longer than 20 characters, and no
                      NUL byte (so a NUL-based binary check does not claim it:
                      it should fail as an unreadable encoding, not as binary)

The output is deterministic (fixed seeds), so re-running gives identical files.
section-front.html is hand-written and is not touched by this script.
"""

import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEGACY_SIZE = 1024
MAX_PRINTABLE_RUN = 20


def make_empty() -> bytes:
    return b""


def make_scan_upload(seed: int = 1113) -> bytes:
    rng = random.Random(seed)
    # A PNG signature and the start of an IHDR chunk, then noise: what a
    # scanner upload renamed to .txt looks like.
    header = PNG_SIGNATURE + b"\x00\x00\x00\rIHDR\x00\x00\x0a\x00\x00\x00\x0d\xc0\x08\x02\x00\x00\x00"
    return header + bytes(rng.randrange(256) for _ in range(2048))


def _legacy_candidate(seed: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < LEGACY_SIZE:
        r = rng.random()
        if r < 0.85:
            out.append(rng.randrange(0x80, 0x100))  # high bytes
        elif r < 0.90:
            out.append(rng.randrange(0x01, 0x09))  # control bytes, never NUL
        else:
            out.append(rng.randrange(0x20, 0x7F))  # a little stray ASCII
    return bytes(out)


def _acceptable_legacy(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return False
    if re.search(rb"[\x20-\x7e]{%d,}" % (MAX_PRINTABLE_RUN + 1), data):
        return False
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - the project's venv has it
        raise SystemExit("charset_normalizer is needed to check legacy-export.txt") from None
    return from_bytes(data).best() is None


def make_legacy_export(first_seed: int = 20261113) -> bytes:
    for seed in range(first_seed, first_seed + 1000):
        data = _legacy_candidate(seed)
        if _acceptable_legacy(data):
            return data
    raise SystemExit("no acceptable legacy-export candidate found")


def main() -> None:
    files = {
        "empty.txt": make_empty(),
        "scan-upload.txt": make_scan_upload(),
        "legacy-export.txt": make_legacy_export(),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()

"""Hands the memory a stage has freed back to the system, between chunks of its work.

glibc's malloc keeps freed memory in its heaps for reuse, and on its own gives back only
free space at a heap's top. The claims stage frees each chunk's parses and encodings
while the claims it keeps (and the next chunk) sit above them, so a run's resident size
grew with the corpus faster than what it held. Over 300 articles of
`benchmarks/throughput.py`'s corpus, the stage's resident size grew 145 MB without this
and 78 MB with it; at 1,000 inputs, a run's peak went from 2.25 to 2.11 GiB (stop 26,
one run each, with the leads embedded beside the parse as well). glibc has no setting that does this as it goes, so the stage calls
`malloc_trim` after each chunk. Where the C library has no such call, nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _malloc_trim() -> Any | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None)
    except OSError:
        return None


def release_free_memory() -> bool:
    """Give the C heap's free pages back to the system; whether the C library could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True

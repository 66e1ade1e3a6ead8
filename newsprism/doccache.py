"""What the claims readers ask of a parsed spaCy `Doc` again and again, computed once per
document.

spaCy builds `doc.text` by joining every token's text on each access, and `doc.ents` as new
`Span` objects on each access; the readers ask for both per entity, per quote and per name,
which made them cost more than the parse itself. A finished parse does not change, so the
results are kept in the document's own `user_data` (it goes where the document goes, and
is dropped with it).
"""

from __future__ import annotations

from typing import Any

_TEXT = "newsprism.text"
_ENTS = "newsprism.ents"
_ENT_AT = "newsprism.ent_at"


def doc_text(doc: Any) -> str:
    """`doc.text`, built once."""
    found = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.user_data[_TEXT] = doc.text
    return found


def doc_ents(doc: Any) -> tuple[Any, ...]:
    """`doc.ents`, built once."""
    found = doc.user_data.get(_ENTS)
    if found is None:
        found = doc.user_data[_ENTS] = tuple(doc.ents)
    return found


def entity_at(doc: Any, i: int) -> Any | None:
    """The entity that holds token `i`, or None (entities never overlap)."""
    index = doc.user_data.get(_ENT_AT)
    if index is None:
        index = doc.user_data[_ENT_AT] = {t: ent for ent in doc_ents(doc) for t in range(ent.start, ent.end)}
    return index.get(i)

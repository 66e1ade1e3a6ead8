"""Posts a page prints as quotes: a social-media post embedded in an article ('Crews
will be on the east channel from March. ...' above '— Imogen Falk (@ImogenFalk) March
3, 2026') is its author's words verbatim, as much as a quotation is, though it carries
no quotation marks. The cleaning stage finds the posts and their signatures
(`textcopy.find_embeds`); here each becomes a `quote` extraction whose speaker is the
signature's author, read as the person the article names (or, for a signature with a
handle only, the person whose surname the handle spells).
"""

from __future__ import annotations

import re
from typing import Any

from .models import Article, Embed, Extraction, Span
from .people import People, canonical_name
from .speakers import trimmed

# A link the post ends with ('pic.twitter.com/Ab12Cd', 'https://t.co/x'): shown, not said.
_TRAILING_LINK = re.compile(r"\s*(?:https?://\S+|pic\.twitter\.com/\S+|\S+\.\w{2,}/\S+)\s*$")


def post_quotes(article: Article, doc_sents: list[Any], people: People) -> list[Extraction]:
    """One quote per embedded post of the article that has words above its signature."""
    out = []
    for embed in article.embeds:
        span = _post_span(article.text, embed)
        if span is None:
            continue
        written, speaker = _author(embed, people)
        sentence = next((s for s in doc_sents if s.start_char <= span.start < s.end_char), None)
        words = _TRAILING_LINK.sub("", " ".join(span.text.split()))
        out.append(
            Extraction(
                article=article.id, kind="quote", mention=span,
                sentence=trimmed(sentence) if sentence is not None else span,
                speaker_as_written=written, speaker=speaker, quote=words or span.text,
            )
        )
    return out


def inside_a_post(article: Article, char: int) -> bool:
    """Whether a character of the text belongs to an embedded post (its words or its
    signature): quotation marks and reports inside a post are the post's, not the article's."""
    return any(e.start <= char < e.end for e in article.embeds)


def _post_span(text: str, embed: Embed) -> Span | None:
    """The post's words: the embed without its signature, its last paragraph."""
    if embed.end <= embed.start or "\n\n" not in embed.text:
        return None  # a signature with nothing above it
    post = embed.text.rsplit("\n\n", 1)[0].strip()
    start = text.find(post, embed.start, embed.end)
    if not post or start < 0:
        return None
    return Span(start, start + len(post), post)


def _author(embed: Embed, people: People) -> tuple[str | None, str | None]:
    """(as written, canonical) for the post's author: the name in the signature as the
    article names that person ('Imogen Falk' -> 'Harbour Master Imogen Falk' is filed as
    'Imogen Falk'), else the person the handle spells, else the handle itself."""
    if embed.author:
        return embed.author, canonical_name(embed.author.split(), people)
    if embed.handle:
        return embed.handle, people.by_handle(embed.handle) or embed.handle
    return None, None

"""What page clutter looks like, line by line.

Shared by the text-copy cleaner (to decide what to drop) and the HTML cleaner (to name
what trafilatura dropped). Each kind is a list of patterns over one stripped line; a
line matches a kind when any pattern matches. The patterns come from the clutter that
text copies of news pages really carry (see tests/golden/clutter/ for one file per kind).
"""

from __future__ import annotations

import re
from functools import lru_cache

_I = re.I

# A comment's signature: "Milan Griffes on September 12, 2018 at 4:47 pm said:", "Jo says:".
COMMENT_SIGNATURE = re.compile(
    r"^[^.!?]{1,60}\b(on|at) [^.!?]{3,40}\d{1,2}:\d{2}\s*([ap]\.?m\.?)?\s*(said|says|wrote|commented)\s*:?$"
    r"|^[\w .'’()-]{1,40} (says|said|wrote|commented):$",
    _I,
)

# "Comments" in the languages the list and comment headers below are written in besides
# English; textcopy's comment-section header reads them too
COMMENTS_WORD_OTHER_LANGUAGES = r"(kommentare?|commentaires?|comentarios?|comentários?|commenti|reacties|komentarze?|комментари[йия])"

CLUTTER_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    # video/audio players print their control labels and notices as text
    "player": [
        re.compile(p, _I)
        for p in (
            r"^video player is loading",
            r"^(play|pause|mute|unmute|replay)( video)?$",
            r"^(video|audio)$",
            r"^(current time|duration|remaining time|loaded)\b.*\d",
            r"^this is a modal window",
            r"^(beginning|end) of dialog window",
            r"^escape will cancel and close",
            r"^(fullscreen|non-fullscreen|picture-in-picture)$",
            r"^(captions|subtitles|descriptions|chapters|audio track|quality levels)( settings| off| on)?( dialog)?,?( selected)?$",
            r"^playback rate",
            r"^\d(\.\d+)?x$",
            r"^stream type live",
            r"^(now playing|up next|watch now|listen to this article)\b|^(watch|listen):",
            r"^\d{1,2}:\d{2}(:\d{2})?( / \d{1,2}:\d{2})?$",
            r"^(text|font|background|window) (color|colour|size|opacity|family)",
            r"^(reset|done|close modal dialog)$",
            r"^media error\b|^the media could not be loaded",
            r"^audio (is )?(generated|produced) (by|with)",
            r"^this (video|audio|media) (cannot|can't|could not|is not able to) be played",
            r"supports? html5 (video|audio)",
        )
    ],
    "ad": [
        re.compile(p, _I)
        for p in (
            r"^advertisement\b.{0,30}$",
            r"^(story|article) continues (below|after) (the )?advertisement",
            r"^(sponsored( content)?|paid (post|content)|promoted( content)?|ad feedback|skip ad|ad)$",
            r"^advertise with us",
            r"^report this ad$",
        )
    ],
    "comment": [
        re.compile(p, _I)
        for p in (
            r"^\d+ comments?$",
            r"^comments? ?\(\d+\)$",
            r"^(join|start) the (conversation|discussion)",
            r"^(leave|post|add|view|show|hide|load more|read) (a |the |all )?comments?\b",
            r"^(log ?in|sign ?in|register) to (comment|reply|join the)",
            r"^comments (are|have been) closed",
            r"^(reply|report|like|sort by|newest|oldest)$",
            r"^(like|likes|upvote|reply) \(\d+\)$",
            r"^sort by\b",
            COMMENT_SIGNATURE.pattern,
            r"^(top|best|most) (rated |liked |recent )?comments$",
            # a comment's buttons and the thread's headers: "Reply to This", "Flag as Inappropriate",
            # "Load All Comments", "14 thoughts on “Title”", "Leave a Reply", "Cancel reply"
            r"^reply( to this)?( parent)?( share)?\W*$",
            r"^(flag|report) (as inappropriate|abuse|this comment|comment)\b",
            r"^(post )?(load|show|view|see) (all |more |\d+ )*(comments|replies)\b",
            r"^\d+ (thoughts|responses|replies|reactions) (on|to)\b",
            r"^leave a (reply|comment)\b",
            r"^cancel reply$",
            r"^\(?view all\)?$",
            r"^permalink\b.*\bcomments?\b",
            r"^\d+ (replies|points|likes|upvotes)$",
            r"^(tell us what you think|have your say|what do you think)\W*$",
            # the comment form
            r"^save my name,? e-?mail,? and website\b",
            r"^your e-?mail address will not be published",
            r"^required fields are marked",
            r"^by (submitting|posting|using) this (form|comment)",
            r"^(please )?(be respectful|keep it civil|read our (comment|community) (policy|guidelines))",
            # comment headers and forms in other languages (see "related")
            rf"^(\d+ )?{COMMENTS_WORD_OTHER_LANGUAGES}( \(\d+\))?$",
            r"^(schreibe|hinterlasse) einen kommentar|^kommentar (schreiben|verfassen)|"
            r"^(laisser|ajouter|écrire) un commentaire|^(deja|dejar|escribe) (un comentario|una respuesta)|"
            r"^deixe (um comentário|uma resposta)|^lascia un commento|^(laat een reactie achter|plaats een reactie)|"
            r"^(dodaj|zostaw) komentarz|^(добавить|оставить|оставьте) комментарий",
        )
    ],
    "share": [
        re.compile(p, _I)
        for p in (
            r"^share (this|on|the|via|to) ?(article|story|page)?\b",
            r"^(share|tweet|email|print|copy link|link copied|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|flipboard|messenger)$",
            r"^link copied( to clipboard)?",
            r"^follow us\b",
            r"^(save|saved|gift|gift this article)$",
            r"^click to (share|email|print|tweet)\b|\(opens in (a )?new window\)$",
            # a row of share buttons printed as one line: "Facebook Twitter Email LinkedIn"
            r"^((share|tweet|email|e-mail|mail|print|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|pint|"
            r"flipboard|messenger|telegram|tumblr|sms|copy|link|baixar|download|comments?)\b[\s,|·•]*){3,}$",
        )
    ],
    "newsletter": [
        re.compile(p, _I)
        for p in (
            r"\bsign up\b.*\b(newsletter|alerts|email|briefing)",
            r"^sign ?up\b",
            r"\bnewsletter\b",
            r"^subscribe\b|\bsubscribe (now|today)\b",
            r"^(already a subscriber|log ?in|sign ?in|create (an|a free) account|register)\b",
            r"^enter your e-?mail",
            r"^by signing up,? you agree",
            r"\b(delivered|straight) to your inbox\b|\bin your inbox\b",
            r"^never miss a (story|thing|beat|headline)",
        )
    ],
    "widget": [
        re.compile(p, _I)
        for p in (
            r"^how (would you rate|helpful|useful)\b",
            r"^rate this (article|story|post)",
            r"^[★☆✩✪⭐\s]{3,}$",
            r"^thanks? (you )?for (your )?(feedback|voting|rating)",
            r"^(was|is) this (article|story|page) (helpful|useful)",
            r"^[\d,]+ (votes?|ratings?)$",
            r"^(poll|quick poll|vote now|view results|vote|submit( rating| vote)?)\b\W*$|^(poll|quick poll):",
            r"^(yes|no|not sure)$",
            r"click on a star|\brate it\b|average rating|vote count",
        )
    ],
    "chrome": [
        re.compile(p, _I)
        for p in (
            r"^\d+ ?min(ute)?s? (read|listen)$",
            r"^(estimated )?reading time\b",
            r"^(updated|last updated|last edited|edited|last modified)\b.{0,40}\b(ago|am|pm|a\.m\.|p\.m\.)\.?$",
            r"^(text size|font size|a\+|a-|listen)$",
            r"^(corrections?|report an error|editorial standards)$",
            r"^our standards\b",
            r"^(edit this (article|page|story|entry)|view (the )?(revision|edit|page) history)\b",
        )
    ],
    "caption": [
        re.compile(p, _I)
        for p in (
            r"\((photo|image|picture|video|file photo|credit)s?:? [^)]{2,80}\)\s*$",
            r"^(photo|image|picture|credit|photograph)s?( credit)?: ",
            r"\b(photo|image|picture)s? (by|courtesy of) [A-Z]",
            r"\b(getty images|ap photo|reuters/|afp via getty|shutterstock|istock)\b",
            r"^((image|photo|picture|slide|gallery) )?\d+ of \d+\b",
            # a caption that ends with its credit: "A cross-section of the module. Credit: ESA"
            r"\bcredits?: [^.!?]{2,60}$",
            # wire-photo captions (AP style): "In this Dec. 12, 2006, file photo, ...", "Former Gov.
            # Deval Patrick, left, speaks with ...", and a caption ending in its agency: "... in New York. Reuters"
            r"^in this\b.{0,80}\b(photo|image|picture)(,| (taken|released|provided|made|posted|shot|from|by)\b)",
            r"^[A-Z][^.]{0,120}, (left|right|center|centre|second from (left|right)|top|bottom|front)( row)?, [a-z]+s\b",
            r"\.\s+(Reuters|AFP|AP|EPA|Bloomberg|Getty Images|AP Photo)\.?$",
        )
    ],
    "related": [
        re.compile(p, _I)
        for p in (
            r"^(most (popular|read|viewed|shared)|most read stories|related( stories| articles| coverage| content| news| posts| reading)?|"
            r"you (may|might) also like|you (may|might) (also )?be interested in|editors'? picks?|recommended( for you| stories)?|"
            r"we recommend|top stories|trending( now| stories)?|popular (now|stories)|latest( news| headlines| stories)?|all videos|"
            r"more (from|on|in|stories)\b.*|more news|read (more|next|also)|what to read next|see also|also on \w+|in other news|"
            r"don'?t miss)\W*$",
            r"^\d+ (seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?) ago$",
            r"^(just now|yesterday)$",
            r"\[(…|\.\.\.)\]$",  # a teaser's excerpt, cut where a blog cuts it: "... the author's […]"
            # the same headers in the languages of the pages newsprism meets most after English
            # (German, French, Spanish, Portuguese, Italian, Dutch, Polish, Russian): the list
            # under them is teasers, and the line features cannot tell a teaser headline from a
            # heading in a language the lexical score does not know
            r"^(lesen sie (auch|mehr)|das könnte sie auch interessieren|auch interessant|mehr zum thema|"
            r"weitere (artikel|nachrichten|meldungen)|ähnliche (artikel|beiträge)|verwandte (artikel|beiträge)|"
            r"meist ?gelesen(e artikel)?|empfohlene artikel|"
            r"(à |a )?lire aussi|sur le même sujet|articles? (similaires|liés|recommandés)|vous aimerez (peut-être )?aussi|"
            r"les plus (lus|populaires|partagés)|dans la même rubrique|(à |a )?voir aussi|"
            r"(también )?te puede interesar|lee también|noticias relacionadas|artículos relacionados|lo más (leído|visto)|"
            r"más (leídas|leídos|noticias)|te recomendamos|quizás te interese|"
            r"leia (também|mais)|veja também|você (também )?pode gostar|mais (lidas|lidos|vistos)|"
            r"notícias relacionadas|artigos relacionados|posts relacionados|"
            r"leggi anche|(ti )?potrebbe interessarti|articoli correlati|(i )?più letti|notizie correlate|"
            r"lees ook|gerelateerde artikelen|meest gelezen|ook interessant|"
            r"czytaj (także|też)|zobacz (także|też)|najczęściej czytane|podobne artykuły|"
            r"читайте также|вам (также )?может быть интересно|похожие (статьи|записи|новости)|самое читаемое|"
            r"новости по теме|смотрите также)\W*$",
        )
    ],
    "promo": [
        re.compile(p, _I)
        for p in (
            r"^(read more|related|see also|also read|more|click here|don'?t miss|must read|recommended)\s*:",
            r"^(download|get) (our|the) app\b",
            r"^(support|donate to) (our|independent) journalism",
            r"\bclick here to (support|donate|subscribe)\b",
            r"^explore further$",
        )
    ],
    "cookie": [
        re.compile(p, _I)
        for p in (
            r"\bcookies?\b",
            r"\b(consent|privacy (policy|settings|choices)|do not sell)\b",
            r"^(accept( all)?|reject( all)?|manage (preferences|settings)|agree)$",
            r"^we value your privacy",
            r"^privacy overview$",
        )
    ],
    # the rails around a post: its tags and the links to the posts before and after it
    "navigation": [
        re.compile(p, _I)
        for p in (
            r"^(filed under|tags?|tagged( with| in)?|categor(y|ies)|topics?|posted in|related topics)\s*:",
            r"^(post|article|story) navigation$",
            r"^(previous|next|prev|older|newer) (post|article|story|entry)\b",
            # the link's label after its headline, no sentence ends there ('Flood Hits X Previous article')
            r"[^.!?:]\s(previous|next|prev|older|newer) (post|article|story|entry)$",
            r"^(back to top|skip to (main )?content|jump to comments)$",
        )
    ],
    "footer": [
        re.compile(p, _I)
        for p in (
            r"^©|^\(c\) ?\d{4}|^copyright\b|all rights reserved",
            r"^(terms (of (use|service))?|contact us|about us|careers|accessibility|site ?map|help|faq)$",
            r"^powered by \w+",
            r"^this (document|article|material|content) (is subject to|is protected by) copyright",
            r"^citation: ",
        )
    ],
}
# Patterns that say a line is clutter whatever its length: cookie walls and consent
# notices run to several sentences ("We and our 143 partners store and access ...").
ANY_LENGTH_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "cookie": [
        re.compile(r"\b(we|our) (and our )?(\d+ )?(vendors|partners)\b.*\b(cookies|your device|consent)\b", _I),
        re.compile(r"\b(accept|reject|manage|disable|enable)\b.{0,60}\bcookies?\b|\bcookie (settings|policy|preferences)\b", _I),
    ],
    "newsletter": [re.compile(p, _I) for p in (r"^by signing up,? you agree", r"\bsign up\b.{0,60}\bnewsletter\b")],
}
# Words that match ordinary prose too: these kinds count only on short lines.
SHORT_LINE_ONLY = frozenset({"cookie", "newsletter", "share"})
SHORT_LINE_WORDS = 15

# a bio block: "Jordan Pike is a city reporter for the Northgate Herald. He covers ..."
BIO_PATTERN = re.compile(
    r"^(?:[A-Z][\w.'’-]+ ){1,3}(?:is|was|has been|joined)\b.{0,80}\b(reporter|correspondent|writer|editor|journalist|columnist|producer|contributor|intern)\b",
)


# An author box prints the author's address and handle on lines of their own. Such a line is
# bio but opens no bio block (textcopy): a post copied from a social site prints its author's
# handle above the post.
BIO_ADDRESS = re.compile(r"^([\w.+-]+@[\w-]+(\.[\w-]+)+|@\w{2,30})$")

BIO_LINES = [
    re.compile(p, _I)
    for p in (
        r"^about the (author|writer|reporter)s?$",
        r"^follow (\w+ )+on (x|twitter|instagram|facebook|linkedin|threads|bluesky|mastodon)\b",
        r"^(e-?mail|contact)( \w+)?: \S+@\S+",
        r"^biography\b",
        r"^(more|all) (articles|stories|posts) by\b",
    )
]


# The text-copy cleaner asks about each line two or three times (line features, the kept
# lines, the removed ones) and a template line recurs across a batch's pages.
@lru_cache(maxsize=2**16)
def clutter_kind(line: str) -> str | None:
    """The kind of clutter a stripped line is, or None when it looks like content."""
    if not line:
        return None
    for kind, patterns in ANY_LENGTH_PATTERNS.items():
        if any(p.search(line) for p in patterns):
            return kind
    words = len(line.split())
    for kind, patterns in CLUTTER_PATTERNS.items():
        if len(line) > 200 and kind != "caption":
            continue  # long lines are prose; only a caption credit survives at that length
        if kind in SHORT_LINE_ONLY and words > SHORT_LINE_WORDS:
            continue
        if any(p.search(line) for p in patterns):
            return kind
    if BIO_PATTERN.search(line) or BIO_ADDRESS.match(line) or any(p.search(line) for p in BIO_LINES):
        return "bio"
    return None

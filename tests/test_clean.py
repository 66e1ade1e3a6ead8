from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsprism.clean import clean_batch, clean_item, content_hash, repair_mojibake
from newsprism.models import Article, InputRecord, RawItem
from newsprism.textcopy import extract_text_copy

BODY = [
    "The harbour authority in Saltmere approved a plan on Tuesday to dredge the east channel, ending a dispute that had idled two ferry routes for most of the summer.",
    "Board chair Imogen Falk said the work would begin in March and take about nine weeks, during which smaller boats would use the west channel.",
    "\u201cWe cannot keep telling families the crossing is closed for another month,\u201d Falk said after the vote, which passed five to two.",
    "The dredging is expected to cost about 4.5 million, most of it paid from the port\u2019s reserve fund, according to figures presented to the board.",
    "Fishing crews who use the channel had asked for the work to wait until after the spring season, and the board agreed to review the schedule in February.",
]

PAGE = "\n".join(
    [
        "Skip to content",
        "Saltmere Courier",
        "News",
        "Sport",
        "Subscribe",
        "",
        "Harbour board approves east channel dredging",
        "By Ines Marlow and Tom Reyes",
        "Published March 3, 2026 6:40 p.m. ET",
        "3 min read",
        "Share this article",
        BODY[0],
        "Advertisement",
        BODY[1],
        "Video Player is loading.",
        "Play Video",
        "Current Time 0:00",
        "Color",
        "White",
        "This is a modal window.",
        BODY[2],
        "The east channel seen from the ferry terminal. (Photo: Ana Ruiz / Saltmere Courier)",
        BODY[3],
        "How would you rate this article?",
        "\u2605\u2605\u2605\u2605\u2606",
        BODY[4],
        "Ines Marlow is a reporter for the Saltmere Courier. She covers the port.",
        "MOST POPULAR",
        "Council delays vote on parking fees",
        "3 hours ago",
        "12 Comments",
        "\u00a9 2026 Saltmere Courier. All rights reserved.",
    ]
)


def test_text_copy_keeps_the_article_and_names_what_it_removed():
    out = extract_text_copy(PAGE)
    assert out.reject_reason is None
    assert out.paragraphs == BODY
    assert out.title == "Harbour board approves east channel dredging"
    assert out.authors == ["Ines Marlow", "Tom Reyes"]
    assert out.published == "2026-03-03T18:40:00-05:00"
    assert out.outlet == "Saltmere Courier"
    kinds = {r.text: r.kind for r in out.removed}
    assert kinds["Advertisement"] == "ad"
    assert kinds["Video Player is loading."] == "player" and kinds["White"] == "player"
    assert kinds["The east channel seen from the ferry terminal. (Photo: Ana Ruiz / Saltmere Courier)"] == "caption"
    assert kinds["\u2605\u2605\u2605\u2605\u2606"] == "widget"
    assert kinds["Ines Marlow is a reporter for the Saltmere Courier. She covers the port."] == "bio"
    assert kinds["3 hours ago"] == "related" and kinds["Council delays vote on parking fees"] == "related"
    assert kinds["12 Comments"] == "comment" and kinds["3 min read"] == "chrome"
    assert kinds["Skip to content"] == "navigation"


def test_a_page_of_teasers_is_not_an_article():
    teasers = []
    for n in range(12):
        teasers += [f"Local team wins match number {n} in extra time", f"{n + 1} hours ago"]
    item = RawItem(source="index.txt", format="text", content="\n".join(["Saltmere Courier", "Sport", *teasers]))
    rec = clean_item(item)
    assert isinstance(rec, InputRecord) and rec.status == "skipped" and rec.reason.startswith("not_an_article:")


def test_mojibake_is_repaired_and_reported():
    text, pairs = repair_mojibake("\u00e2\u20ac\u0153We cannot wait,\u00e2\u20ac\u009d Falk said. The caf\u00c3\u00a9 reopened.")
    assert text == "\u201cWe cannot wait,\u201d Falk said. The caf\u00e9 reopened."
    assert pairs and any("caf\u00e9" in fixed for _, fixed in pairs)


def _html_with_stylesheet(last_sentence: str) -> str:
    body = [*BODY[:-1], f"{BODY[-1]} {last_sentence}"]
    return f"""<!doctype html><html lang="en"><head><title>Harbour board approves dredging</title>
    <style>body {{ font-family: "\uff2d\uff33 \uff30\u30b4\u30b7\u30c3\u30af", sans-serif; }}</style></head>
    <body><article><h1>Harbour board approves dredging</h1>{"".join(f"<p>{p}</p>" for p in body)}</article></body></html>"""


def test_an_html_page_is_repaired_in_the_text_it_keeps_and_reports_only_that():
    """A stylesheet that names a font in full-width letters is the page's markup, not its
    article: ftfy would rewrite it, and that repair is not the article's to report."""
    html = _html_with_stylesheet("Falk said the caf\u00c3\u00a9 would reopen \u00e2\u20ac\u0153within weeks.")
    art = clean_item(RawItem(source="page.html", format="html", content=html))
    assert isinstance(art, Article)
    assert "Falk said the caf\u00e9 would reopen \u201cwithin weeks." in art.text
    repairs = [a for a in art.anomalies if a.kind == "mojibake_repaired"]
    assert repairs and all("\uff2d" not in a.explanation for a in repairs)
    assert any("caf\u00e9" in a.text for a in repairs)


def test_an_html_page_whose_mojibake_holds_control_characters_is_repaired_before_extraction():
    """'\u00e2\u20ac\\x9d' is a closing quotation mark read in the wrong encoding; extraction drops
    the control character in it, and what is left cannot be read back."""
    html = _html_with_stylesheet("\u00e2\u20ac\u0153We cannot wait,\u00e2\u20ac\u009d Falk said.")
    art = clean_item(RawItem(source="page.html", format="html", content=html))
    assert isinstance(art, Article)
    assert "\u201cWe cannot wait,\u201d Falk said." in art.text
    assert any(a.kind == "mojibake_repaired" for a in art.anomalies)


# The pieces ftfy's behaviour turns on: markup, entities, line breaks of every kind,
# control characters, mojibake, curly quotes, full-width forms and ligatures.
_FTFY_PIECES = [
    "<p>", "&amp;", "&lt;b&gt;", "&#x2019;", "&hellip;", "\n", "\r\n", "\r", "\u2028", "\x85", "\t", "\x00", "\x1b[31m",
    "\x0c", "\u00e2\u20ac\u0153", "\u00e2\u20ac\u009d", "caf\u00c3\u00a9", "\u201c", "\u2019", "\uff2c\uff2f", "\ufb02",
    "\u00a0", "e\u0301", "Port Merrow", " ", ".",
]


@given(st.lists(st.sampled_from(_FTFY_PIECES) | st.text(max_size=5), max_size=40))
@example(["<p>", "\n", "&amp;"])  # ftfy reads no entity after the first line with a '<'
@settings(max_examples=300)
def test_the_line_skipping_mojibake_repair_is_ftfy_itself(pieces):
    import ftfy

    from newsprism.clean import FTFY_CONFIG, fix_text

    text = "".join(pieces)
    assert fix_text(text) == ftfy.fix_text(text, FTFY_CONFIG)


def test_html_metadata_from_json_ld_and_opengraph():
    html = f"""<!doctype html><html lang="en"><head>
    <meta property="og:site_name" content="Saltmere Courier"><meta property="og:title" content="OG title">
    <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
      "headline": "Harbour board approves dredging", "datePublished": "2026-03-03T18:40:00-05:00",
      "author": [{{"@type": "Person", "name": "Ines Marlow"}}], "publisher": {{"name": "Courier Media Group"}}}}</script>
    </head><body><nav><a href="/">Home</a><a href="/sport">Sport</a></nav>
    <article><h1>Harbour board approves dredging</h1>{"".join(f"<p>{p}</p>" for p in BODY)}</article>
    <aside><h3>Most popular</h3><ul><li><a href="/x">Council delays vote on parking fees</a></li></ul></aside>
    <footer>\u00a9 2026 Saltmere Courier. All rights reserved.</footer></body></html>"""
    art = clean_item(RawItem(source="page.html", format="html", content=html))
    assert isinstance(art, Article)
    assert art.title == "Harbour board approves dredging"
    assert art.outlet == "Saltmere Courier"  # how the site names itself beats the publisher's company
    assert art.authors == ["Ines Marlow"]
    assert art.published == "2026-03-03T18:40:00-05:00"
    assert "dredge the east channel" in art.text and "parking fees" not in art.text
    assert {"Council delays vote on parking fees"} <= {r.text for r in art.removed}


def test_the_same_text_twice_is_a_duplicate():
    page = RawItem(source="a.txt", format="text", content=PAGE)
    again = RawItem(source="copy/of/a.txt", format="text", content=PAGE.replace("Skip to content", "Menu"))
    batch = clean_batch([page, again])
    assert [r.status for r in batch.records] == ["ok", "duplicate"]
    assert len(batch.articles) == 1 and batch.records[1].article == batch.articles[0].id


def test_an_export_keeps_one_paragraph_per_line_unless_it_wraps_between_blank_lines():
    one_per_line = (
        "The council voted 7-2 on Tuesday to close the Elm Street depot.\n"
        '"We had no choice," said Mayor Ruth Adeyemi.\n'
        "The depot employs 40 people, according to the union."
    )
    wrapped = (
        "The council voted 7-2 on Tuesday to close\nthe Elm Street depot.\n\n"
        '"We had no choice," said Mayor\nRuth Adeyemi.'
    )
    art = clean_item(RawItem(source="export.jsonl#1", format="jsonl", content="\n".join([one_per_line] * 2)))
    assert isinstance(art, Article)
    assert art.text.split("\n\n")[:3] == one_per_line.split("\n")
    art = clean_item(RawItem(source="export.jsonl#2", format="jsonl", content="\n\n".join([wrapped] * 3)))
    assert isinstance(art, Article)
    assert art.text.split("\n\n")[:2] == ["The council voted 7-2 on Tuesday to close the Elm Street depot.", '"We had no choice," said Mayor Ruth Adeyemi.']


def test_content_hash_ignores_case_and_spacing():
    assert content_hash("A  b\nC") == content_hash("a b c")


lines = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=120)


@settings(max_examples=60, deadline=None)
@given(st.lists(lines, max_size=40))
def test_text_copy_never_raises_and_only_keeps_lines_it_was_given(page_lines):
    page = "\n".join(page_lines)
    out = extract_text_copy(page)
    given_lines = {ln.strip() for ln in page_lines}
    assert all(p in given_lines for p in out.paragraphs)
    assert all(r.text in given_lines for r in out.removed)


def test_a_news_article_of_short_paragraphs_among_many_links_is_not_an_index():
    nav = "".join(f'<li><a href="/s/{n}">Council delays vote on parking fees again {n}</a></li>' for n in range(30))
    body = "".join(f"<p>{line}</p>" for line in BODY) * 3
    html = f"<html><body><ul>{nav}</ul><article><h1>Harbour board approves dredging</h1>{body}</article></body></html>"
    assert isinstance(clean_item(RawItem(source="p.html", format="html", content=html)), Article)


def test_an_xml_declaration_does_not_stop_html_parsing():
    html = '<?xml version="1.0" encoding="UTF-8"?>\n<html><body><article>' + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>"
    art = clean_item(RawItem(source="p.xhtml", format="html", content=html))
    assert isinstance(art, Article) and "east channel" in art.text


def test_html_titles_are_unescaped_and_lose_the_site_suffix():
    # an organisation named as author stays an author: trafilatura-eval-en's gold counts it
    html = (
        '<html><head><meta property="og:site_name" content="Saltmere Courier">'
        '<meta property="og:title" content="Board&#8217;s vote ends dredging row | Saltmere Courier">'
        '<meta name="author" content="Saltmere Courier"></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in BODY)
        + "</article></body></html>"
    )
    art = clean_item(RawItem(source="p.html", format="html", content=html))
    assert art.title == "Board\u2019s vote ends dredging row"


def test_lines_repeated_across_pages_of_one_outlet_are_template():
    blurb = "The Saltmere Courier is reader-funded and independent. Find out how we work"
    other_body = [
        "Volunteers repainted the lifeboat station on Saturday, finishing a job the crew had put off for three winters.",
        "The station's coxswain, Ruth Penhale, said the new colours would make the building easier to spot from the water.",
        "A local paint shop donated forty litres of marine paint and lent ladders for the weekend, the crew said.",
        "The station will hold an open day next month so that residents can see the work and the new lifeboat.",
        "Crews at the station were called out 41 times last year, most often to help small fishing boats in trouble.",
    ]
    first = PAGE.replace("MOST POPULAR", f"{blurb}\nMOST POPULAR")
    second = "\n".join(["Saltmere Courier", "Lifeboat station gets a fresh coat", "By Tom Reyes", *other_body, blurb,
                        "\u00a9 2026 Saltmere Courier. All rights reserved."])
    batch = clean_batch([RawItem(source="a.txt", format="text", content=first), RawItem(source="b.txt", format="text", content=second)])
    assert len(batch.articles) == 2
    for art in batch.articles:
        assert blurb not in art.text
        assert {"text": blurb, "kind": "template"} in [{"text": r.text, "kind": r.kind} for r in art.removed]
    assert batch.articles[0].text.split("\n\n") == BODY


def test_a_paywall_and_an_error_page_are_not_articles():
    wall = (
        "<html><head><title>Harbour board approves dredging</title></head><body><article><h1>Harbour board approves dredging</h1>"
        "<p>The harbour authority in Saltmere approved a plan on Tuesday to dredge the east channel, ending a long dispute.</p>"
        "<p>Subscribe to continue reading. You have reached your limit of free articles this month, but subscribers "
        "get unlimited access to every story, the archive and the daily newsletter.</p></article></body></html>"
    )
    missing = "\n".join(["Saltmere Courier", "Page not found", *["Sorry, the page you were looking for has moved or no longer exists on this site, please try the search box."] * 5])
    for item in (RawItem(source="w.html", format="html", content=wall), RawItem(source="e.txt", format="text", content=missing)):
        rec = clean_item(item)
        assert isinstance(rec, InputRecord) and rec.reason.startswith("not_an_article:"), rec


def test_dateline_place_is_read_from_the_first_paragraph_of_html():
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in [f"SALTMERE, March 3 (Courier Wire) - {BODY[0]}", *BODY[1:]]) + "</article></body></html>"
    assert clean_item(RawItem(source="p.html", format="html", content=html)).dateline == "Saltmere"


def test_a_printed_post_is_kept_and_marked_as_an_embed():
    post = "Crews will be on the east channel from March. Thank you for your patience. pic.twitter.com/Ab12Cd"
    signature = "\u2014 Imogen Falk (@ImogenFalk) March 3, 2026"
    page = PAGE.replace("Advertisement", f"Advertisement\n\n{post}\n{signature}\n")
    art = clean_item(RawItem(source="p.txt", format="text", content=page))
    assert isinstance(art, Article)
    (embed,) = art.embeds
    assert (embed.author, embed.handle, embed.date, embed.url) == ("Imogen Falk", "@ImogenFalk", "2026-03-03", "pic.twitter.com/Ab12Cd")
    assert art.text[embed.start : embed.end] == embed.text == f"{post}\n\n{signature}"
    assert art.text.split("\n\n")[:4] == [BODY[0], post, signature, BODY[1]]


def test_blog_comments_under_a_short_post_are_removed_by_their_signatures():
    """A short post with a long comment thread: the comments outweigh the post, so the
    thread is found by its signatures ('Name on <date> at <time> said:'), not its size."""
    post = [
        "Saltmere Sailing Club opens its winter thread",
        "Posted on November 2, 2026 by Ines Marlow",
        "",
        "Every winter we open a thread for members to raise questions about the club, the moorings and next season's racing calendar, in the comments below.",
        "",
        "You are also welcome to write to the secretary if you would rather raise something privately. We will try to answer every question within a week.",
        "",
        "Posted in Club news | Permalink | 4 Comments",
        "",
        "Comments",
        "",
    ]
    comments = []
    for name, day, text in [
        ("Tom Reyes", 3, "Will the east channel dredging change where the dinghies launch next spring? Last year the slipway was blocked for most of March and half the fleet could not get out."),
        ("Imogen Falk (Club secretary)", 4, "Hi Tom, the harbour authority has told us the slipway stays open during the dredging, though the approach will be marked with buoys and we will post a chart on the noticeboard."),
        ("Ruth Okafor", 5, "Could the committee publish the accounts for the mooring fund before the annual meeting? Several members have asked and it would help everyone prepare their questions."),
        ("Dev Anand", 6, "I would like to see more junior racing on Saturday mornings, when parents can bring their children down, rather than on weekday evenings when most of us are still at work."),
    ]:
        comments += [f"{name} on November {day}, 2026 at 4:{day}7 pm said:", "", text, ""]
    page = "\n".join(post + comments)
    article = clean_item(RawItem(source="club.txt", format="text", content=page))
    assert isinstance(article, Article), article
    assert article.text.startswith("Every winter we open a thread")
    assert "dredging" not in article.text and "junior racing" not in article.text
    removed = {r.text: r.kind for r in article.removed}
    assert removed["Tom Reyes on November 3, 2026 at 4:37 pm said:"] == "comment"
    assert removed[comments[-2]] == "comment"


def test_a_thread_signed_by_name_and_timestamp_lines_is_removed_as_comments():
    """Comments signed on two lines, a name and then a timestamp, under an article: three
    such signatures open the comment section, however much the thread outweighs the
    article. The article's own byline and date (one pair) do not."""
    header = ["Harbour board approves east channel dredging", "Ines Marlow", "March 3, 2026, 6:40 pm", ""]
    comments = []
    for name, minute, text in [
        ("Tom Reyes", 12, "Will the dredging change where the dinghies launch next spring? Last year the slipway was blocked for most of March and half the fleet could not get out at all."),
        ("Ruth Okafor", 25, "Could the port publish what the reserve fund holds before the work starts? Several of us have asked and nobody has had an answer from the board so far this year."),
        ("Dev Anand", 41, "Nine weeks sounds optimistic to me. The last time they dredged the west channel it ran a month over and the ferries were cancelled on half the days in April."),
        ("Mags", 58, "Good news for the ferry crews at last, though I would have liked the vote to be unanimous given how long everyone on the island has waited for this decision."),
    ]:
        comments += [name, f"March 3, 2026, 7:{minute} pm", text, "Reply", ""]
    page = "\n".join(header + [line for p in BODY for line in (p, "")] + ["Comments", ""] + comments)
    article = clean_item(RawItem(source="harbour.txt", format="text", content=page))
    assert isinstance(article, Article), article
    assert article.text.split("\n\n") == BODY
    removed = {r.text: r.kind for r in article.removed}
    assert removed[comments[2]] == "comment" and removed["Mags"] == "comment"


def test_a_late_comment_form_header_does_not_hide_where_the_thread_starts():
    """'Leave a Reply' under the thread is a comment-section header too; the thread above it,
    signed 'Name says' / date-and-time, still starts the comments at its first signature."""
    comments = []
    for name, day, text in [
        ("Tom Reyes says", 4, "Will the dredging change where the dinghies launch next spring? Last year the slipway was blocked for most of March and half the fleet could not get out at all."),
        ("Ruth Okafor says", 5, "Could the port publish what the reserve fund holds before the work starts? Several of us have asked and nobody has had an answer from the board so far this year."),
        ("Dev Anand says", 6, "Nine weeks sounds optimistic to me. The last time they dredged the west channel it ran a month over and the ferries were cancelled on half the days in April."),
    ]:
        comments += [name, f"March {day}, 2026 at 8:15 AM", text, "Reply", ""]
    form = ["Leave a Reply", "Cancel reply", "Your email address will not be published."]
    page = "\n".join(["Harbour board approves east channel dredging", ""] + [line for p in BODY for line in (p, "")] + comments + form)
    article = clean_item(RawItem(source="harbour.txt", format="text", content=page))
    assert isinstance(article, Article), article
    assert article.text.split("\n\n") == BODY
    removed = {r.text: r.kind for r in article.removed}
    assert removed[comments[2]] == "comment" and removed["Leave a Reply"] == "comment"


def test_comment_buttons_and_thread_headers_are_comment_clutter():
    from newsprism.clutter import clutter_kind

    for line in ("Reply to This", "Reply to This Parent Share", "Flag as Inappropriate", "Load All Comments",
                 "Show 12 more replies", "14 thoughts on “Harbour board approves dredging”", "Leave a Reply",
                 "Cancel reply"):
        assert clutter_kind(line) == "comment", line
    assert clutter_kind("Reply from the harbour board to the fishing crews' letter") is None


def test_credits_related_headers_and_author_boxes_are_clutter():
    from newsprism.clutter import clutter_kind

    assert clutter_kind("The new dredger at the east channel on Tuesday. Credit: Saltmere Port Authority") == "caption"
    for line in ("DON'T MISS", "You may also be interested in:", "See also", "Most read stories"):
        assert clutter_kind(line) == "related", line
    for line in ("Jordan.Pike@northgateherald.example", "@jordanpike", "Biography Jordan Pike", "More articles by Jordan Pike"):
        assert clutter_kind(line) == "bio", line
    # the same words in a sentence are prose
    assert clutter_kind("The council said the tax credit: a relief for families, would stay.") is None
    assert clutter_kind("Residents said they don't miss the old ferry timetable at all.") is None


def test_wire_photo_captions_excerpt_teasers_and_long_newsletter_pitches_are_clutter():
    from newsprism.clutter import clutter_kind

    for line in (
        "In this Nov. 3, 2026, file photo, harbour master Ines Marlow inspects the east channel wall in Saltmere.",
        "Harbour board chair Tom Reyes, left, speaks with fishing crews at the east quay on Tuesday.",
        "A dredger works the east channel at dawn. Reuters",
    ):
        assert clutter_kind(line) == "caption", line
    assert clutter_kind("The board kept the old ferry timetable for one more season, it said in a statement […]") == "related"
    pitch = "There is plenty more where that came from. Sign up for the Saltmere Courier's free morning newsletter today."
    assert clutter_kind(pitch) == "newsletter"
    # the same words in prose
    assert clutter_kind("In this harbour, the photo of the old quay still hangs in the pub.") is None
    assert clutter_kind("The board turned left, then right, before it agreed to the plan.") is None
    assert clutter_kind("The harbour master told Reuters the wall would hold.") is None


def test_a_handle_above_a_copied_post_does_not_make_the_post_a_bio():
    """A bare handle is an author box's line, but a post copied from a social site prints
    its author's handle above the post too: the handle is removed, the lines under it are not
    taken into a bio block."""
    from newsprism.clutter import clutter_kind
    from newsprism.textcopy import _spread_blocks

    lines = ["@ChiefWhitlock", "The east channel closes at noon on Friday for the dredging survey.", "Plan your crossing early."]
    kinds = [clutter_kind(line) for line in lines]
    assert kinds == ["bio", None, None]
    assert _spread_blocks(lines, kinds, [False, True, False]) == ["bio", None, None]
    lines = ["About the author", "Jordan Pike covers the harbour for the Ledger.", "He lives in Saltmere."]
    assert _spread_blocks(lines, [clutter_kind(line) for line in lines], [False, True, False]) == ["bio", "bio", "bio"]


def test_related_and_comment_headers_in_other_languages_are_clutter():
    from newsprism.clutter import clutter_kind

    for line in ("Lesen Sie auch:", "Das könnte Sie auch interessieren", "À lire aussi", "Te puede interesar",
                 "Você pode gostar...", "Leia também", "Leggi anche", "Lees ook", "Czytaj także",
                 "Вам также может быть интересно", "Читайте также"):
        assert clutter_kind(line) == "related", line
    for line in ("12 Kommentare", "Comentários", "Deixe um comentário", "Lascia un commento Annulla risposta",
                 "Добавить комментарий"):
        assert clutter_kind(line) == "comment", line
    # the same words in a sentence are prose
    assert clutter_kind("Leia também o relatório que a prefeitura publicou na segunda-feira.") is None
    assert clutter_kind("Die Kommentare des Bürgermeisters wurden im Rat scharf kritisiert.") is None


def test_a_related_list_under_a_portuguese_article_is_not_kept():
    paragraphs = [
        "A prefeitura de Porto Salgado aprovou na segunda-feira a dragagem do canal leste do porto, "
        "uma obra esperada há mais de dez anos pelos pescadores da cidade.",
        "Segundo a secretária de obras, Helena Marques, os trabalhos devem começar em março e durar "
        "cerca de oito meses, com custo estimado de 12 milhões de reais.",
        "Os pescadores dizem que o canal raso obriga os barcos maiores a esperar a maré alta para "
        "entrar no porto, o que atrasa a descarga do pescado.",
    ]
    teasers = [
        "Feira do peixe volta ao cais depois de dois anos e reúne centenas de visitantes",
        "Câmara discute novo horário das balsas entre o porto e a ilha",
        "Temporal derruba árvores no centro e deixa bairros sem energia durante a madrugada",
    ]
    page = "\n".join(
        ["Dragagem do canal leste é aprovada", ""] + [line for p in paragraphs for line in (p, "")]
        + ["Você pode gostar...", *teasers]
    )
    outcome = extract_text_copy(page)
    assert outcome.paragraphs == paragraphs
    removed = {r.text: r.kind for r in outcome.removed}
    assert removed["Você pode gostar..."] == "related"


def test_a_japanese_article_is_prose_though_its_words_are_not_spaced():
    paragraphs = [
        "先日、港の近くで大きな火事があり、消防隊が夜通し消火活動を行ったというニュースが地元の新聞で報じられました。",
        "報道によると、火事は倉庫の一つから始まり、強い風のために近くの建物にも燃え広がったということです。",
        "消防によると、けが人は二人で、いずれも軽いけがだということです。警察が火事の原因を詳しく調べています。",
        "近くに住む人たちは、夜中に大きな音がして外に出ると、空が赤く見えたと話していました。",
    ]
    page = "\n".join(["ホーム", "ニュース", "港の倉庫で火事", "", *[p + "\n" for p in paragraphs], "関連記事", "天気予報"])
    outcome = extract_text_copy(page)
    assert outcome.reject_reason is None
    assert outcome.paragraphs == paragraphs


def test_a_row_of_share_buttons_and_gallery_counters_are_clutter():
    from newsprism.clutter import clutter_kind

    assert clutter_kind("Facebook Twitter Email LinkedIn Reddit Pinterest") == "share"
    assert clutter_kind("Click to share on Twitter (Opens in new window)") == "share"
    assert clutter_kind("2 of 4 A shopper looks at extension cords at the hardware store on Tuesday.") == "caption"
    assert clutter_kind("Save my name, email, and website in this browser for the next time I comment.") == "comment"
    assert clutter_kind("Filed Under: Harbour, Saltmere, dredging") == "navigation"
    assert clutter_kind("Ferry Fares Rise Again in Saltmere Previous article") == "navigation"
    assert clutter_kind("Dredging Contract Goes to Local Firm Next article") == "navigation"
    # the same words in a sentence are prose
    assert clutter_kind("The harbour master explained the delay in the next article.") is None
    assert clutter_kind("The club won 3 of 4 races and shared the trophy with Saltmere.") is None
    assert clutter_kind("She said Facebook and Twitter had removed the posts by Friday.") is None


def test_teaser_lists_are_dense_in_headlines_and_time_stamps():
    """The line features count headline-shaped lines and time stamps around each line: a
    teaser list is a run of both, an article paragraph has neither nearby."""
    from newsprism.linefeatures import FEATURE_NAMES, features, page_lines

    teasers = [
        "Ferry Crews Welcome Channel Decision", "2 hours ago",
        "Council Names New Harbour Master", "5 hours ago",
        "Storm Warning Issued For Saltmere Coast", "Nov. 12, 2026",
    ]
    page = "\n".join([*BODY, "", *teasers])
    x = features(*page_lines(page))
    headline = x[:, FEATURE_NAMES.index("headline_density_2")]
    stamp = x[:, FEATURE_NAMES.index("stamp_density_2")]
    first_teaser = len(BODY)
    assert headline[0] == 0 and stamp[0] == 0
    assert headline[first_teaser + 2] >= 0.4 and stamp[first_teaser + 2] >= 0.4


def test_the_lexical_score_knows_the_words_of_clutter():
    """The shipped line model's word score, with no help from a line's shape or place:
    page chrome (a newsletter box, a cookie notice, an app promo, a plea for support)
    scores below every sentence of the article."""
    from newsprism.linemodel import load_line_model

    chrome = [
        "Get the best of the Courier delivered to your inbox every morning",
        "We use cookies to improve your experience on our site",
        "Download our app for the latest breaking news alerts",
        "Our journalism depends on readers like you",
    ]
    lexical = load_line_model().lexical
    chrome_scores, body_scores = lexical.proba(chrome), lexical.proba(BODY)
    assert chrome_scores.max() < body_scores.min()


GERMAN_BODY = [
    "Die Hafenbehörde hat am Dienstag die Ausbaggerung des Ostkanals genehmigt und damit einen Streit beendet, der zwei Fährlinien den Sommer über lahmgelegt hatte.",
    "Die Arbeiten sollen im März beginnen und etwa neun Wochen dauern, sagte die Vorsitzende. Kleine Boote müssen in dieser Zeit den Westkanal nehmen.",
    "Fischer hatten verlangt, mit den Arbeiten bis zum Ende der Frühjahrssaison zu warten, und der Rat will den Zeitplan im Februar überprüfen.",
]


def test_the_lexical_score_judges_only_pages_in_the_languages_it_learned():
    """An English page is judged with the lexical score; a German one, even under an
    English menu, by the stages that never saw it (to a regression fitted on English,
    German prose is unfamiliar words, the way clutter is)."""
    import numpy as np

    from newsprism.linefeatures import features
    from newsprism.linemodel import load_line_model, page_language
    from newsprism.textcopy import page_lines

    model = load_line_model()
    assert "en" in model.languages and "de" not in model.languages
    english = ["Harbour board approves east channel dredging", *BODY, "Sign up for our newsletter"]
    german = ["Home", "News", "Sport", "Weather", "Sign in", "Hafenbehörde genehmigt Ausbaggerung", *GERMAN_BODY]
    for page, stages in ((english, model.worded), (german, model.plain)):
        kept, before, after = page_lines("\n".join(page))
        x = features(kept, before, after)
        judged = model.judge(x, kept)
        assert judged.threshold == stages.threshold
        scored = x if stages is model.plain else np.hstack([x, model.lexical.proba(kept)[:, None]])
        assert np.allclose(judged.proba, stages.proba(scored))
    assert page_language(english) == "en" and page_language(german) == "de"


def test_an_article_s_language_is_read_from_its_words_when_the_page_does_not_say():
    """A text copy or an export carries no lang attribute; nothing assumes English."""
    german_copy = "\n".join(["Hafenbehörde genehmigt Ausbaggerung des Ostkanals", *GERMAN_BODY])
    english_copy = "\n".join(["Harbour board approves east channel dredging", *BODY])
    for content, language in ((german_copy, "de"), (english_copy, "en")):
        for fmt in ("text", "jsonl"):
            article = clean_item(RawItem(source=f"{language}.{fmt}", format=fmt, content=content))
            assert isinstance(article, Article), article
            assert article.language == language


def test_the_article_region_is_one_block_of_lines():
    """A short ad line inside the article does not split it; a line the classifier likes
    beyond a long stretch of menu lines is left out."""
    from newsprism.textcopy import article_region

    proba = [0.0, 0.9, 0.1, 0.8, *[0.02] * 12, 0.7]
    words = [4, 30, 1, 25, *[5] * 12, 20]
    assert article_region(proba, words, 0.4) == (1, 3)
    assert article_region([0.1, 0.2], [10, 10], 0.4) == (-1, -1)


def test_a_blurb_far_below_the_article_is_not_kept(monkeypatch):
    """The classifier's scores are set by hand here: the last paragraph scores above the
    threshold but sits beyond a block of menu lines, so it is not article. A prose line
    of the main run that touches the article is kept below the threshold."""
    import newsprism.textcopy as textcopy

    blurb = "Saltmere Courier is an independent newspaper serving the harbour towns of the east coast since 1881."
    menu = ["Local news", "Harbour and coast", "Sport results", "Weather today", "Business desk", "Opinion pieces",
            "Arts and culture", "Travel guides", "Puzzles and games", "Letters page", "Public notices", "Obituaries"]
    lines = ["Harbour board approves east channel dredging", *BODY, *menu, blurb]
    page = "\n".join(lines)
    scores = [0.1, 0.9, 0.9, 0.2, 0.9, 0.9, *[0.01] * len(menu), 0.6]
    monkeypatch.setattr(textcopy, "_model_proba", lambda text, n: (scores, 0.4))
    out = extract_text_copy(page)
    assert out.paragraphs == BODY
    assert blurb in {r.text for r in out.removed}


def test_teasers_above_the_headline_are_not_kept(monkeypatch):
    """A copy made from the page source starts with the document title; the line further
    down that repeats it is the headline. Teaser headlines just above it score above the
    threshold (scores set by hand), but with no liked prose among them the article starts
    below the headline. A teaser list above an article that opens with prose is not
    judged this way (test_a_blurb_far_below_the_article_is_not_kept keeps its article)."""
    import newsprism.textcopy as textcopy

    teasers = ["Ferry fares rise again in Saltmere", "Dredging contract goes to local firm",
               "Harbour festival returns after two years", "New pier lights switched on"]
    title = "Harbour board approves east channel dredging"
    lines = [f"{title} - Saltmere Ledger", "Local news", *teasers, title, *BODY]
    scores = [0.0, 0.01, 0.6, 0.7, 0.6, 0.6, 0.2, 0.9, 0.9, 0.2, 0.9, 0.9]
    monkeypatch.setattr(textcopy, "_model_proba", lambda text, n: (scores, 0.4))
    out = extract_text_copy("\n".join(lines))
    assert out.title == title
    assert out.paragraphs == BODY
    assert not set(teasers) & set(out.paragraphs)
    # the same teasers with prose the classifier likes above the headline stay a matter for the region
    lines = [f"{title} - Saltmere Ledger", BODY[0], *teasers, title, *BODY[1:]]
    scores = [0.0, 0.9, 0.6, 0.7, 0.6, 0.6, 0.2, 0.9, 0.2, 0.9, 0.9]
    monkeypatch.setattr(textcopy, "_model_proba", lambda text, n: (scores, 0.4))
    out = extract_text_copy("\n".join(lines))
    assert out.paragraphs[0] == BODY[0]


MEGA_MENU_TEASERS = [
    "Ferry fares rise again in Saltmere The council will raise fares on both crossings from January, the second rise this year.",
    "Dredging contract goes to local firm A Saltmere company won the contract to clear the west channel ahead of the winter storms.",
    "Harbour festival returns after two years Organisers expect twenty thousand visitors over the three days of the festival in May.",
]


def test_a_mega_menu_of_teasers_above_the_headline_is_not_the_article(monkeypatch):
    """A menu of teasers above the headline that the classifier likes more than the short
    article under it (scores set by hand): the article region ends above the headline, and
    the headline is dated, so the article is taken from the region just below it."""
    import newsprism.textcopy as textcopy

    title = "Harbour board approves east channel dredging"
    menu = [f"{place} news and weather" for place in
            ("Saltmere", "Port Merrow", "Eastcliff", "Holt Bay", "Carrow", "Linmouth", "Westhaven", "Brackley")]
    lines = [f"{title} - Saltmere Ledger", "Latest Headlines", *MEGA_MENU_TEASERS, *menu, "Ledger TV", title,
             "November 19, 2026 at 9:45 am", *BODY[:3]]
    scores = [0.0, 0.02, 0.8, 0.8, 0.7, *[0.02] * len(menu), 0.05, 0.1, 0.02, 0.45, 0.35, 0.45]
    monkeypatch.setattr(textcopy, "_model_proba", lambda text, n: (scores, 0.3))
    out = extract_text_copy("\n".join(lines))
    assert out.title == title
    assert out.paragraphs == BODY[:3]
    assert not set(MEGA_MENU_TEASERS) & set(out.paragraphs)


def test_the_title_again_in_a_list_below_the_article_is_not_its_headline(monkeypatch):
    """The page prints its title again in a "most read" list below the article, among
    teasers with blurbs the classifier likes: the region ends above that line, but no date
    line or byline follows it, so it is not the headline and the region stays."""
    import newsprism.textcopy as textcopy

    title = "Harbour board approves east channel dredging"
    # the list's own entries, as unlike an article as the classifier can say (no header: a
    # "Most Read" header makes them "related", and then they do not weigh on the region)
    most_read = [f"Saltmere harbour story number {k} of the week in review" for k in range(20)]
    lines = [f"{title} - Saltmere Ledger", "Local news", *BODY, *most_read, title, *MEGA_MENU_TEASERS]
    scores = [0.0, 0.0, *[0.9] * len(BODY), *[0.02] * 20, 0.1, 0.8, 0.8, 0.8]
    monkeypatch.setattr(textcopy, "_model_proba", lambda text, n: (scores, 0.3))
    out = extract_text_copy("\n".join(lines))
    assert out.paragraphs == BODY


def test_a_tag_cloud_above_the_headline_does_not_hold_the_region_there(monkeypatch):
    """An archive list and a tag cloud above the headline that the classifier likes (scores
    set by hand): the region runs through the headline, and the tag cloud, a long line that
    does not end like a sentence, is not liked prose above it, so the article starts below
    the headline."""
    import newsprism.textcopy as textcopy

    title = "Harbour board approves east channel dredging"
    cloud = "ferries harbour dredging council fares festival fishing pier lights schools roads budget elections weather sport tourism library parks museum transport housing harbour history ferry timetable beach cleaning"
    archive = ["2019", "November (113)", "October (217)", "September (193)"]
    lines = [f"{title} - Saltmere Ledger", "Tags", cloud, "Archive", *archive, title, *BODY[:2]]
    scores = [0.0, 0.7, 0.8, 0.5, 0.6, 0.5, 0.5, 0.5, 0.9, 0.95, 0.95]
    monkeypatch.setattr(textcopy, "_model_proba", lambda text, n: (scores, 0.4))
    out = extract_text_copy("\n".join(lines))
    assert out.title == title
    assert out.paragraphs == BODY[:2]
    assert cloud not in out.paragraphs


JAPANESE_BODY = [
    "港湾局は火曜日、東水路のしゅんせつ計画を承認した。夏の大半にわたって二つのフェリー航路が止まっていた争いに区切りがついた。",
    "理事長は、工事は三月に始まり約九週間かかると説明した。その間、小型船は西水路を使うことになる。",
    "漁業者は春の漁期が終わるまで工事を待つよう求めており、理事会は二月に日程を見直すことで合意した。",
]


def test_a_japanese_html_article_is_long_enough_though_its_words_are_not_spaced():
    html = (
        "<html lang='ja'><body><article><h1>東水路のしゅんせつ計画を承認</h1>"
        + "".join(f"<p>{p}</p>" for p in JAPANESE_BODY)
        + "</article></body></html>"
    )
    art = clean_item(RawItem(source="ja.html", format="html", content=html))
    assert isinstance(art, Article) and art.text.split("\n\n") == JAPANESE_BODY


def _script_rendered_page(article_body: str) -> str:
    """An article page whose body a script draws: the markup holds the standfirst and a
    registration box (long enough that trafilatura keeps them and does not fall back on
    the JSON-LD itself, too short for an article), the JSON-LD holds the text."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour board approves dredging",
                     "articleBody": article_body})
    return (
        f'<html><head><script type="application/ld+json">{ld}</script></head><body><div id="app"><article>'
        "<figure><figcaption>Photograph: Ana Ruiz</figcaption></figure>"
        "<p>Harbour commissioners approved dredging Saltmere's eastern navigation channel, ending months of "
        "disagreement that had stranded two passenger ferry services throughout summer.</p>"
        "<p>Registration is complimentary: subscribers receive unlimited articles, newsletters and archives.</p>"
        "</article></div></body></html>"
    )


def test_an_article_drawn_by_a_script_is_read_from_its_json_ld_body():
    art = clean_item(RawItem(source="spa.html", format="html", content=_script_rendered_page("\n".join(BODY))))
    assert isinstance(art, Article) and art.text.split("\n\n") == BODY


def test_a_json_ld_body_as_short_as_a_wall_does_not_make_a_page_an_article():
    rec = clean_item(RawItem(source="spa.html", format="html", content=_script_rendered_page("Subscribe to continue reading.")))
    assert isinstance(rec, InputRecord) and rec.reason.startswith("not_an_article:")


def _harbour_copy(header: list[str]) -> str:
    body = [
        "",
        "Repairs to the eastern harbour wall in Port Merrow will not start before March, the harbour board "
        "said on Friday, after storms in April washed away part of the temporary barrier built last year.",
        "",
        "The board blamed a shortage of granite blocks and said the contractor had been told to finish "
        "the work before the autumn tides, when the wall takes the worst of the weather.",
        "",
        "Fishing crews who moor along the wall said they had been promised the repairs twice already and "
        "asked the council to pay for a second barrier while they wait.",
    ]
    return "\n".join(header + body)


def test_links_to_the_posts_before_and_after_are_not_the_headline():
    header = [
        "Port Merrow Ledger",
        "",
        "News",
        "Sport",
        "",
        "Ferry Fares Rise Again in Saltmere Previous article",
        "Dredging Contract Goes to Local Firm Next article",
        "",
        "Harbour Wall Repairs Delayed Until Spring",
        "",
        "Author: Lorna Quayle",
        "May 4, 2024 9:15 AM",
    ]
    art = clean_item(RawItem(source="ledger.txt", format="text", content=_harbour_copy(header)))
    assert isinstance(art, Article)
    assert art.title == "Harbour Wall Repairs Delayed Until Spring"
    assert "Previous article" not in art.text and "Next article" not in art.text
    assert any(r.kind == "navigation" and "Previous article" in r.text for r in art.removed)


def test_a_date_line_just_above_the_headline_is_the_publication_date():
    header = ["Port Merrow Ledger", "", "News", "Sport", "", "Lorna Quayle", "", "May 4, 2024", "9:15 am", "",
              "Harbour Wall Repairs Delayed Until Spring"]
    art = clean_item(RawItem(source="ledger.txt", format="text", content=_harbour_copy(header)))
    assert isinstance(art, Article)
    assert art.title == "Harbour Wall Repairs Delayed Until Spring"
    assert art.published is not None and art.published.startswith("2024-05-04")
    # a masthead's date of today, above the site's menu, is not the article's
    header = ["Port Merrow Ledger", "Monday, November 23, 2026", "", "News", "Sport", "Weather", "Opinion", "",
              "Harbour Wall Repairs Delayed Until Spring"]
    art = clean_item(RawItem(source="ledger.txt", format="text", content=_harbour_copy(header)))
    assert isinstance(art, Article)
    assert art.title == "Harbour Wall Repairs Delayed Until Spring"
    assert art.published is None


def test_the_byline_nearest_the_article_is_its_authors():
    # a solutions menu above the page prints 'By Role'; the article's byline sits under its headline
    header = ["Port Merrow Ledger", "", "Solutions", "By Role", "", "Harbour Masters", "Fishing Crews", "",
              "Harbour Wall Repairs Delayed Until Spring", "", "By Lorna Quayle", "May 4, 2024 9:15 AM"]
    art = clean_item(RawItem(source="ledger.txt", format="text", content=_harbour_copy(header)))
    assert isinstance(art, Article)
    assert art.authors == ["Lorna Quayle"]


def test_a_menu_heading_far_above_the_headline_is_no_byline():
    """'By Industry' heads a solutions menu at the top of the page; more than ten lines
    further down, the page repeats its title as the headline, with no byline under it."""
    title = "Harbour Wall Repairs Delayed Until Spring"
    menu = ["Solutions", "By Industry", "Fishing", "Shipping", "By Size", "Small Business", "Enterprise", "Resources",
            "Blog", "Guides", "Webinars", "Case Studies", "Events", "Contact"]
    art = clean_item(RawItem(source="ledger.txt", format="text", content=_harbour_copy([f"{title} - Port Merrow Ledger", *menu, "", title])))
    assert isinstance(art, Article)
    assert art.title == title
    assert art.authors == []


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # a bare name beside the date line, under or above it
        (["Lorna Quayle", "May 4, 2024 9:15 AM"], ["Lorna Quayle"]),
        (["May 4, 2024", "Lorna Quayle"], ["Lorna Quayle"]),
        (["Rahul Mehta", "12 March 2024"], ["Rahul Mehta"]),
        # 'By' on a line of its own, and the name on the next
        (["By", "Lorna Quayle on May 4, 2024"], ["Lorna Quayle"]),
        (["Written By", "Lorna Quayle", "May 4, 2024"], ["Lorna Quayle"]),
        (["Author", "Lorna Quayle"], ["Lorna Quayle"]),
        # the author after 'by' inside the date line
        (["Last Updated on May 4, 2024 by Lorna Quayle"], ["Lorna Quayle"]),
        (["Posted on May 4, 2024 by Lorna Quayle - 5 Comments"], ["Lorna Quayle"]),
        (["Published on May 4th, 2024 by Lorna Quayle and Tom Reyes"], ["Lorna Quayle", "Tom Reyes"]),
        # a menu item or a label beside the date line has a name's shape but no first name
        (["Get Started", "May 4, 2024"], []),
        (["Posted On", "May 4, 2024"], []),
        (["Harbour Masters", "May 4, 2024"], []),
    ],
)
def test_a_byline_printed_without_by_names_the_authors(byline, authors):
    header = ["Port Merrow Ledger", "", "Harbour Wall Repairs Delayed Until Spring", "", *byline]
    art = clean_item(RawItem(source="ledger.txt", format="text", content=_harbour_copy(header)))
    assert isinstance(art, Article)
    assert art.authors == authors
    assert not {line for line in byline if "Quayle" in line} & set(art.text.split("\n\n"))


def test_a_german_date_line_under_the_headline_is_the_publication_date():
    page = "\n".join(["Hafenbehörde genehmigt Ausbaggerung des Ostkanals", "Von Lena Brandt", "19. Oktober 2019 00:04 Uhr", *GERMAN_BODY])
    article = clean_item(RawItem(source="de.txt", format="text", content=page))
    assert isinstance(article, Article)
    assert article.published == "2019-10-19T00:04:00"
    assert "19. Oktober 2019 00:04 Uhr" not in article.text


def test_a_date_line_just_above_the_first_paragraph_dates_a_page_whose_headline_is_below_it():
    """A copy that opens with the document title and repeats it as a title bar at the foot
    of the article leaves no header above the article to search; the short date line right
    above the first paragraph still dates it."""
    headline = "Harbour board approves east channel dredging"
    page = [f"{headline} - Saltmere Courier", "Home", "Local news", "Sport", "October 11, 2023 by Mara Quill", "Share",
            *BODY, headline, "Contact us"]
    article = clean_item(RawItem(source="near.txt", format="text", content="\n".join(page)))
    assert isinstance(article, Article)
    assert article.published == "2023-10-11"
    assert "October 11, 2023 by Mara Quill" not in article.text


def test_the_date_beside_the_byline_dates_the_article():
    """Headline, standfirst, reading time, byline, then the date: the header window ends
    three lines below the standfirst, where the body's run of prose starts, and misses the
    date; the date printed under the byline is still the article's."""
    headline = "Harbour board approves east channel dredging"
    standfirst = "The vote ends a summer-long dispute that idled two ferry routes, and the work starts in March."
    page = [f"{headline} - Saltmere Courier", headline, standfirst, "5 min read", "By Mara Quill", "October 11, 2023", *BODY]
    article = clean_item(RawItem(source="byline.txt", format="text", content="\n".join(page)))
    assert isinstance(article, Article)
    assert article.authors == ["Mara Quill"]
    assert article.published == "2023-10-11"


def test_the_shipped_line_model_was_trained_on_the_features_the_code_computes():
    """The model file keeps a text (the example text copies) and its features as computed when it was trained; a
    change to the features or the clutter patterns needs a retrained model
    (tools/train_line_model.py), or every score moves by what the trees never saw."""
    import numpy as np

    from newsprism.linefeatures import features, page_lines
    from newsprism.linemodel import MODEL_PATH

    with np.load(MODEL_PATH) as data:
        text, saved = str(data["check_text"]), data["check_features"]
    np.testing.assert_allclose(features(*page_lines(text)), saved, rtol=1e-6)

from __future__ import annotations

import re

from newsprism.graph import derivation_svg
from newsprism.models import Article, Derivation, Story


def _article(aid, outlet):
    return Article(id=aid, source=f"{aid}.txt", text="x", format="text", outlet=outlet)


def test_each_derivation_is_an_arrow_from_source_to_copy_labelled_in_words():
    arts = {a.id: a for a in (_article("a1", "Meridian Wire"), _article("a2", "PulseNews Now"), _article("a3", "Echo <Daily>"))}
    story = Story(id="s", headline="h", articles=list(arts), derivations=[
        Derivation(source="a1", derived="a2", kind="rewrite", overlap=0.83),
        Derivation(source="a1", derived="a3", kind="copy", overlap=1.0),
    ])
    svg = str(derivation_svg(story, arts))
    assert svg.count("<line ") == 2 and svg.count("<circle ") == 3
    assert "rewrite 83%" in svg and "copy 100%" in svg
    assert 'aria-label="PulseNews Now is a rewrite of Meridian Wire; Echo &lt;Daily&gt; is a copy of Meridian Wire"' in svg
    assert "<Daily>" not in svg and 'href="#a2"' in svg
    # every coordinate inside the drawing
    for value in re.findall(r'(?:cx|cy|x1|x2|y1|y2)="(-?[\d.]+)"', svg):
        assert 0 <= float(value) <= 640


def test_a_story_without_derivations_draws_nothing():
    assert str(derivation_svg(Story(id="s", headline="h", articles=["a"]), {})) == ""

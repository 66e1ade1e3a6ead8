"""The verbs that attribute what someone said: speech verbs and the cue verbs of
beliefs and findings. Shared by the speaker reader (`speakers.py`), the name reader
(`people.py`) and the cross-check."""

from __future__ import annotations

SAY_VERBS = {
    "say", "tell", "add", "state", "write", "explain", "note", "insist", "warn", "claim",
    "argue", "announce", "declare", "remark", "recall", "caution", "urge", "ask", "reply",
    "respond", "post", "tweet", "acknowledge", "admit", "confirm", "describe", "emphasize",
    "emphasise", "stress", "continue", "conclude", "predict", "suggest", "report",
    "speak", "talk", "comment", "call",
    # verbs of manner that news writing uses as "said": '"...," Clinton gushed'
    "gush", "fume", "implore", "upbraid", "quip", "joke", "boast", "complain", "recount", "observe", "assert",
    "shout", "scoff", "lament", "concede", "contend", "maintain", "promise", "vow", "plead", "demand", "testify",
    "retort", "mutter", "whisper", "exclaim", "counter", "mock", "chide", "tout", "brag", "sneer",
    "repeat", "bark", "snap", "yell", "crack", "boom", "bemoan", "grouse", "interject", "lecture",
    # verbs that judge in the speaker's words: 'he characterized Kaine as "a little desperate"'
    "characterize", "characterise", "brand", "blast", "slam", "decry", "denounce", "scold",
    "sing",
    # verbs that judge or label with the speaker's words: 'criticized the law as a "crazy
    # system"', 'dubbed him "Little Marco"', 'praised Putin as a "strong leader"'
    "criticize", "criticise", "praise", "hail", "label", "dub", "term", "deride", "ridicule", "attack", "accuse",
    "blame", "dismiss", "refer", "liken", "compare", "encourage", "deny", "reject", "question", "pledge", "thank",
}
# Verbs that attribute a reported clause without being speech: beliefs, findings and
# rulings ('Okafor believes that ...', 'the audit found that ...', 'the fact-checker ruled
# that ...'). PolNeAR, like PARC before it, annotates these as attributions. They count
# only with a clause of their own (a `ccomp`): 'found a buyer' or 'shows up' report nothing.
CUE_VERBS = {
    "believe", "think", "find", "show", "rule", "conclude", "know", "feel", "fear", "worry", "hope", "expect",
    "estimate", "indicate", "agree", "charge", "allege", "doubt", "suspect", "determine", "reveal", "mention",
    "recognize", "recognise", "understand", "realize", "realise", "assume", "imply", "signal", "project", "calculate",
}


def past_speech_verb(word: str) -> bool:
    """'Stated', 'continued', 'said': a speech verb in the past tense."""
    word = word.lower()
    return word in ("said", "wrote", "told") or any(word in (lemma + "d", lemma + "ed") for lemma in SAY_VERBS)

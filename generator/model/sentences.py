"""Where a sentence ends, in English or French, for the rule that a mission is
one sentence (PS303).

A sentence ends with `.`, `!` or `?` (closing quotes and brackets may follow)
when whitespace and a capital letter come next, as in "We inform. We sell." or
« Nous informons ! Nous vendons. ». A full stop does not end one after an
abbreviation of the plan's language ("e.g.", "St.", "p. ex.", "env.", "M."),
an initial ("J. Smith"), or letters joined by dots ("a.m.", "U.S."); an
ellipsis ("...", "…") is a pause, never an end. Numbers ("2.5", "1.5 M") and
links ("atelier.example", "@studio.lumen") hold no space after their dots.

pysbd splits sentences in both languages too, but its last release is from
2021 and its many patterns run on every text: a list of abbreviations and one
pattern that reads a text once do this job.
"""

from __future__ import annotations

import re

# Abbreviations followed by a full stop that rarely end a sentence, lower-case,
# without their last dot. Latin ones are written in both languages.
_LATIN = "e.g i.e etc cf vs viz al ca approx"
ABBREVIATIONS = {
    "en": frozenset(
        f"""{_LATIN} mr mrs ms dr prof st sr jr mt ave rd inc ltd co corp dept fig
        jan feb mar apr jun jul aug sep sept oct nov dec min max vol p pp tel incl
        excl misc govt hr hrs""".split()
    ),
    "fr": frozenset(
        f"""{_LATIN} ex env mme mmes mlle mlles mm me dr pr st ste av bd boul fg pl
        chap réf tél tel janv févr avr juil sept oct nov déc min max vol p pp cie éd
        coll resp suiv hab qqch qqn""".split()
    ),
}

# A run of end marks, then closing quotes or brackets, then whitespace, then
# opening ones (« may be followed by a space). A match starts only at a run's
# first mark and takes what it takes for good (++, *+): a text of 100,000 dots
# is read once, not once a dot. \u2018 and \u2019 are the curly single quotes.
SENTENCE_END = re.compile(
    r"(?<![.!?…])(?P<marks>[.!?…]++)"
    r"[\"'»”\u2019)\]]*+\s++(?:[«\"“\u2018(\[¡¿]\s*+)*+"
)
_OPENING = "\"'«“\u2018([¡¿"
# Letters joined by dots ("a.m", "U.S", "e.g"): an abbreviation in any language.
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
# How far back to read the word before a full stop: longer than any abbreviation.
_WORD_WINDOW = 24


def sentence_count(text: str, language: str) -> int:
    """How many sentences `text` holds (1 for a text with no sentence end inside)."""
    stripped = text.strip()
    ends = SENTENCE_END.finditer(stripped)
    return 1 + sum(1 for end in ends if _ends_sentence(stripped, end, language))


def _ends_sentence(text: str, end: re.Match[str], language: str) -> bool:
    after = end.end()
    if after >= len(text) or not text[after].isupper():
        return False
    marks = end.group("marks")
    if "!" in marks or "?" in marks:
        return True
    if marks != ".":  # "..." and "…": a pause
        return False
    return not _abbreviated(_word_before(text, end.start()), language)


def _word_before(text: str, at: int) -> str:
    """The word a full stop at `at` closes, without opening quotes or brackets;
    "" when it is longer than any abbreviation."""
    window = text[max(0, at - _WORD_WINDOW) : at]
    pieces = window.split()
    if not pieces or (len(pieces) == 1 and at > _WORD_WINDOW and not window[0].isspace()):
        return ""
    return pieces[-1].lstrip(_OPENING)


def _abbreviated(word: str, language: str) -> bool:
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith", "M. Martin"
        return True
    if _DOTTED.fullmatch(word):
        return True
    known = ABBREVIATIONS.get(language, ABBREVIATIONS["en"])
    return word.lower() in known

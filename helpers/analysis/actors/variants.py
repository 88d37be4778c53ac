"""Transliteration variants of one person's name ("Alyaksandr Lukashenka" in the body,
"Alexander Lukashenko" under the photo) merged into one actor, with a note.

The similarity rule: two people are one when the last words of their names are equal after the
``transliteration`` replacements of ``actor_cues.yaml`` (lower case, accents removed, a doubled
letter counted once, the ``transliteration_endings`` pairs made one), and their first words, when
both names have two or more, begin with the same letter after the same replacements. The name
kept is the one first mentioned in the body (the caption counts last).
"""

from __future__ import annotations

import re
import unicodedata

from helpers.analysis.actors.cues import Cues
from helpers.analysis.actors.model import Actor


def spelling_key(word: str, cues: Cues) -> str:
    """The word reduced by the similarity rule ("Zelenskyy" and "Zelensky" give one key)."""
    w = "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))
    for a, b in cues.transliteration:
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)
    for keep, other in cues.transliteration_endings:
        if w.endswith(other):
            w = w[:-len(other)] + keep
    return w


def merge_variants(actors: dict[str, Actor], cues: Cues) -> None:
    """Merge the people whose names are transliteration variants of each other (in place)."""
    groups: dict[tuple[str, str], list[Actor]] = {}
    for a in actors.values():
        if a.type != "person" or not a.mentions:
            continue
        words = a.name.split()
        first = spelling_key(words[0], cues)[:1] if len(words) >= 2 else ""
        groups.setdefault((spelling_key(words[-1], cues), first), []).append(a)
    # a one-word name joins the group of the full names with its key, when there is just one
    for (last, first), members in list(groups.items()):
        if first == "":
            full = [k for k in groups if k[0] == last and k[1]]
            if len(full) == 1:
                groups[full[0]].extend(members)
                del groups[(last, first)]
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda a: (min((m.start for m in a.mentions if m.paragraph > 0), default=float("inf")),
                                    min(m.start for m in a.mentions)))
        canon = members[0]
        info = getattr(canon, "_info", {})
        for other in members[1:]:
            for m in other.mentions:
                if m.how == "name":
                    m.how = "alias"
                canon.mentions.append(m)
            for k, v in getattr(other, "_info", {}).items():
                if v and not info.get(k):
                    info[k] = v
            canon.notes.append(f"“{other.name}” is taken for a transliteration variant of “{canon.name}”")
            del actors[other.name]
        canon.mentions.sort(key=lambda m: m.start)

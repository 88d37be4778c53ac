"""Regular expressions built from word lists: one pattern for many literal forms."""

from __future__ import annotations

import re


def trie_pattern(forms) -> str:
    """One regular expression for many literal forms, factored by common prefixes (fast to scan).

    A space in a form matches any white space; the longest form wins at each position.
    """
    trie: dict = {}
    for form in set(forms):
        node = trie
        for unit in re.split(r"(\s+)", form.strip()):
            if not unit:
                continue
            for part in ([r"\s+"] if unit.isspace() else [re.escape(ch) for ch in unit]):
                node = node.setdefault(part, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [k + build(v) for k, v in sorted(node.items(), key=lambda kv: kv[0], reverse=True) if k != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return build(trie) or r"(?!x)x"

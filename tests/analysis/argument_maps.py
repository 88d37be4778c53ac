"""What the argument-map tests share (tests/analysis/test_arguments_*.py): where the seed's pack
is, and its citation key. Their fixtures (``seed``, ``amap``, ``raw_map``) are in conftest.py."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED_ID = "edm-2019-16-138-moscow-baku-rapprochement"
SEED = ROOT / "data" / "articles" / f"{SEED_ID}.txt"
PACK = ROOT / "data" / "annotations" / SEED_ID
MAP_FILE = PACK / "argument.yaml"


def citation_key():
    data = yaml.safe_load((PACK / "key" / "citations.yaml").read_text(encoding="utf-8"))
    return data["citations"]

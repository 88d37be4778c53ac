"""The build cache's clean-up (helpers/site/cache.py, BuildCache.keep): what a build uses stays,
what no build has used for CACHE_MAX_AGE_DAYS goes, in every folder that is keyed by content."""

from __future__ import annotations

import os
import time

from helpers.site import cache as cache_module
from helpers.site.cache import BuildCache


def _entry(path, age_days: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    old = time.time() - age_days * 86400
    os.utime(path, (old, old))


def test_keep_refreshes_what_a_build_uses_and_deletes_only_old_unused_entries(tmp_path):
    store = BuildCache(tmp_path)
    old = cache_module.CACHE_MAX_AGE_DAYS + 1
    used = {"exec/e1.ipynb", "pages/p1", "search/p1.json"}
    stale = {"exec/e2.ipynb", "pages/p2", "search/p2.json"}
    recent = {"exec/e3.ipynb", "pages/p3", "search/p3.json"}
    for rel in used | stale:
        _entry(tmp_path / rel, old)
    for rel in recent:
        _entry(tmp_path / rel, 1)
    store.keep({"e1"}, {"p1"})
    left = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    assert left == used | recent
    assert all(time.time() - (tmp_path / rel).stat().st_mtime < 60 for rel in used)
    assert store.search_folder == tmp_path / "search"

"""Reading and writing files safely.

``read_text`` reads a UTF-8 text file with one clear ``CourseInputError`` for every way that
fails (missing, a folder, too large, binary, not UTF-8, empty). ``atomic_write`` writes a
temporary file in the same folder, then ``os.replace``: a reader (or a crash in the middle)
sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from helpers.core.errors import CourseInputError

MAX_BYTES = 20 * 1024 * 1024


def read_text(path: Path, *, what: str = "article") -> str:
    """Read a UTF-8 text file, with a clear ``CourseInputError`` for every way that fails."""
    if not path.exists():
        raise CourseInputError(path, f"{what} file not found", "check the path, or list data/articles for the bundled ones")
    if path.is_dir():
        raise CourseInputError(path, f"is a folder, not an {what} file", "give the path of one file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise CourseInputError(path, f"file is {size // (1024 * 1024)} MB, larger than the {MAX_BYTES // (1024 * 1024)} MB limit",
                               "split it or give a plain-text copy of the article alone")
    data = path.read_bytes()
    if b"\x00" in data[:8192] or b"\x00" in data:
        raise CourseInputError(path, "looks like a binary file (it contains NUL bytes)",
                               "save the article as UTF-8 plain text (.txt) or Markdown (.md)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CourseInputError(path, f"is not valid UTF-8 (byte {exc.start} cannot be decoded)",
                               "re-save the file as UTF-8", line=line) from None
    if not text.strip():
        raise CourseInputError(path, f"{what} file is empty", "put the article's title, publication line and paragraphs in it")
    return text


def atomic_write(path: str | Path, data: str | bytes, *, durable: bool = True) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically; creates the folder.

    ``durable``: flush to disk (fsync) before the rename, for files a person must not lose
    (student work, results); the build's own cache and site files skip it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path

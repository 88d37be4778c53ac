"""Offline JavaScript for the built site: the Vega bundle, the Jupyter widget manager and the
search engine (MiniSearch).

``python -m helpers.site.assets install`` (run once by ``make install``) fetches the widget
manager and MiniSearch with ``npm pack`` into a cache inside the virtualenv and writes the Vega
bundle there too; it is idempotent and returns at once when the pinned files are present. The
build copies the files into ``_static/``; without npm the site gets static widget
placeholders instead and its search box says that search is not available (a warning, never a
failure). Nothing is ever loaded from a CDN.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from helpers.core.fileio import atomic_write

#: Pinned npm packages; html-manager 1.0.x is the manager of ipywidgets 8.1.
HTML_MANAGER = ("@jupyter-widgets/html-manager", "1.0.15")
REQUIREJS = ("requirejs", "2.3.8")
#: the site search's engine (templates/static/search.js): its UMD build
MINISEARCH = ("minisearch", "7.2.0")
#: file in the cache -> (package, member of its npm tarball)
_NPM_FILES = {
    "embed-amd.js": (HTML_MANAGER, "package/dist/embed-amd.js"),
    "require.js": (REQUIREJS, "package/require.js"),
    "minisearch.js": (MINISEARCH, "package/dist/umd/index.js"),
}
#: the files of each feature
_WIDGET_FILES = ("require.js", "embed-amd.js")
_SEARCH_FILES = ("minisearch.js",)
_MARKER = "versions.json"


def cache_dir() -> Path:
    """Where the assets are kept: ``<venv>/share/close-reading-lab/js`` (override: CLOSE_READING_ASSETS)."""
    override = os.environ.get("CLOSE_READING_ASSETS")
    return Path(override) if override else Path(sys.prefix) / "share" / "close-reading-lab" / "js"


def _pins() -> dict[str, str]:
    import importlib.metadata as md

    return {HTML_MANAGER[0]: HTML_MANAGER[1], REQUIREJS[0]: REQUIREJS[1], MINISEARCH[0]: MINISEARCH[1],
            "vl-convert-python": md.version("vl-convert-python")}


def _read_marker(folder: Path) -> dict:
    try:
        return json.loads((folder / _MARKER).read_text())
    except (OSError, ValueError):
        return {}


def installed_versions(folder: Path | None = None) -> dict[str, str]:
    """The versions of the assets in the cache (``{package: version}``; empty when none are)."""
    return _read_marker(folder or cache_dir())


def vega_bundle_path(folder: Path | None = None) -> Path:
    """The cached Vega/Vega-Lite/Vega-Embed bundle, written from vl-convert when missing or stale."""
    folder = folder or cache_dir()
    path = folder / "vega.js"
    marker = _read_marker(folder)
    import importlib.metadata as md

    version = md.version("vl-convert-python")
    if not path.exists() or marker.get("vl-convert-python") != version:
        import vl_convert

        atomic_write(path, vl_convert.javascript_bundle())
        marker["vl-convert-python"] = version
        atomic_write(folder / _MARKER, json.dumps(marker, indent=1, sort_keys=True))
    return path


def _pinned_files(names: tuple[str, ...], folder: Path | None) -> dict[str, Path] | None:
    """``{name: path}`` when every file of ``names`` is in the cache at its pinned version, else None."""
    folder = folder or cache_dir()
    marker = _read_marker(folder)
    for name in names:
        (pkg, version), _member = _NPM_FILES[name]
        if marker.get(pkg) != version or not (folder / name).exists():
            return None
    return {name: folder / name for name in names}


def widget_files(folder: Path | None = None) -> dict[str, Path] | None:
    """``{"require.js": path, "embed-amd.js": path}`` when installed at the pinned versions, else None."""
    return _pinned_files(_WIDGET_FILES, folder)


def search_files(folder: Path | None = None) -> dict[str, Path] | None:
    """``{"minisearch.js": path}`` when installed at the pinned version, else None."""
    return _pinned_files(_SEARCH_FILES, folder)


def install(folder: Path | None = None, *, quiet: bool = False) -> bool:
    """Fetch the pinned widget manager, require.js and MiniSearch with npm, and write the Vega bundle.

    Returns True when the npm assets are available. Without npm (or offline) prints a
    warning and returns False: pages then show static widget placeholders, and no search.
    """
    folder = folder or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr))
    vega_bundle_path(folder)
    if widget_files(folder) and search_files(folder):
        say(f"assets: up to date in {folder}")
        return True
    npm = shutil.which("npm")
    if not npm:
        say("warning: npm is not installed, so interactive widgets will appear as static "
            "placeholders in the built site and it will have no search (install Node.js/npm and run "
            "'python -m helpers.site.assets install' again)")
        return False
    specs = sorted({f"{pkg}@{version}" for (pkg, version), _ in _NPM_FILES.values()})
    with tempfile.TemporaryDirectory() as tmp:
        try:
            proc = subprocess.run([npm, "pack", "--silent", "--json", "--pack-destination", tmp, *specs],
                                  cwd=tmp, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            say(f"warning: 'npm pack' failed ({exc}); widgets will be static placeholders")
            return False
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
            say(f"warning: 'npm pack {' '.join(specs)}' failed ({last}); widgets will be static placeholders")
            return False
        marker = _read_marker(folder)
        for name, ((pkg, version), member) in _NPM_FILES.items():
            tarball = _find_tarball(Path(tmp), pkg, version)
            if tarball is None:
                say(f"warning: npm did not produce a tarball for {pkg}@{version}; widgets will be static placeholders")
                return False
            with tarfile.open(tarball) as tar:
                try:
                    data = tar.extractfile(member).read()  # type: ignore[union-attr]
                except (KeyError, AttributeError):
                    say(f"warning: {pkg}@{version} has no {member}; widgets will be static placeholders")
                    return False
            if name in _SEARCH_FILES:
                data = _without_source_map(data)
            atomic_write(folder / name, data)
            marker[pkg] = version
        atomic_write(folder / _MARKER, json.dumps(marker, indent=1, sort_keys=True))
    say(f"assets: installed {', '.join(specs)} into {folder}")
    return True


def _without_source_map(data: bytes) -> bytes:
    """A script without its ``//# sourceMappingURL=`` line (the map is not shipped: no request for it)."""
    lines = data.split(b"\n")
    kept = [line for line in lines if not line.startswith(b"//# sourceMappingURL=")]
    return b"\n".join(kept).rstrip(b"\n") + b"\n"


def _find_tarball(folder: Path, pkg: str, version: str) -> Path | None:
    stem = pkg.lstrip("@").replace("/", "-")
    for cand in folder.glob("*.tgz"):
        if cand.name == f"{stem}-{version}.tgz":
            return cand
    return None


def place(source: Path, target: Path) -> None:
    """``target`` with the content of ``source``: a hard link where the file system allows it (the
    build's cache and assets are never changed in place, only replaced), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_static(dest: Path, *, widgets: bool) -> dict[str, bool]:
    """Put the site's JavaScript into ``dest`` (the ``_static`` folder): the Vega bundle, the widget
    manager when ``widgets``, and the search engine when installed. Returns what was written."""
    dest.mkdir(parents=True, exist_ok=True)
    place(vega_bundle_path(), dest / "vega.js")
    files = widget_files() if widgets else None
    search = search_files()
    for name, path in {**(files or {}), **(search or {})}.items():
        place(path, dest / name)
    return {"vega": True, "widgets": bool(files), "search": bool(search)}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers.site.assets", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("install", help="fetch the widget manager and MiniSearch (npm) and write the Vega bundle; idempotent")
    sub.add_parser("status", help="show which assets are installed")
    args = parser.parse_args(argv)
    if args.command == "install":
        install()
        return 0  # a missing npm is a warning, never a failure
    files = widget_files()
    print(json.dumps({"folder": str(cache_dir()), "widgets": bool(files), "search": bool(search_files()), "pins": _pins(),
                      "installed": installed_versions()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

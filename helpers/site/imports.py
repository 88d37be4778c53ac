"""Which files of ``helpers`` a notebook's execution depends on: the modules it imports, followed
through helpers' own import graph, plus the package's data files.

A notebook's roots are the ``helpers`` modules its code cells import (``import helpers.x``,
``from helpers.x import y``, where ``y`` may itself be a module). From there the graph of
``helpers/**/*.py`` is followed: every ``import`` and ``from … import`` anywhere in a module
(inside functions too, and under ``if TYPE_CHECKING:``: counting one too many only costs a
re-execution), relative imports, and ``importlib.import_module``/``__import__`` with a literal
name. Importing ``helpers.a.b`` runs ``helpers/__init__.py`` and ``helpers/a/__init__.py``
first, so packages count as the modules they are. Cycles are fine (each module is visited
once).

When the dependencies cannot be known, every file counts (never too few): a code cell that
is not Python once IPython's magics are set aside, a ``%run``, or a module that imports a
computed name. Files of ``helpers`` that are not Python and not the site's own (the JSON
schemas a module reads at run time) count for every notebook: which module opens which file
is decided at run time.

What each module imports is cached by the file's content (``ImportGraph.parsed``, kept by the
build in its cache folder), and in memory by size and time (the preview server keeps one graph
and reads again only the files that changed).
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

#: the package whose modules are followed
ROOT = "helpers"
#: folders of ``helpers`` whose non-Python files are not read by the notebooks' helpers (the site's templates)
_NOT_RESOURCES = ("site",)
#: an IPython line magic that runs other code, so that nothing can be said about the cell
_RUN_MAGIC = re.compile(r"^\s*%+\s*(run|load|loadpy|load_ext|autoreload|aimport)\b")


@dataclass
class _Parsed:
    stamp: tuple[int, int]  # size and modification time: the file is read again when they change
    digest: bytes  # sha256 of the content
    imports: list[str] | None  # the names it imports; None until parsed
    dynamic: bool


@dataclass
class ImportGraph:
    """The modules of the ``helpers`` package at ``folder`` and what each imports.

    ``parsed`` maps a file's content digest (hex) to ``[imported names, dynamic]``: give the one
    a previous build saved (``known``), and save ``parsed`` back when ``changed``.
    """

    folder: Path
    known: dict[str, list] = field(default_factory=dict)
    modules: dict[str, Path] = field(default_factory=dict)  # module name -> file
    packages: set[str] = field(default_factory=set)
    resources: dict[str, Path] = field(default_factory=dict)  # relative name -> data file
    changed: bool = False
    _files: dict[Path, _Parsed] = field(default_factory=dict)
    _resolved: dict[str, tuple] = field(default_factory=dict)  # module -> (its record, the modules it runs)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the package again: new, removed or changed files (by size and time)."""
        self.modules, self.packages, self.resources = {}, set(), {}
        for dirpath, dirnames, filenames in os.walk(self.folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            rel_dir = Path(dirpath).relative_to(self.folder)
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = Path(dirpath) / name
                rel = rel_dir / name
                if name.endswith(".py"):
                    parts = [ROOT, *rel_dir.parts]
                    if name == "__init__.py":
                        self.packages.add(".".join(parts))
                    else:
                        parts.append(name[:-3])
                    self.modules[".".join(parts)] = path
                elif rel.parts[0] not in _NOT_RESOURCES and not name.endswith((".pyc", ".pyo")):
                    self.resources[rel.as_posix()] = path
        self._resolved = {}  # the set of modules may have changed: resolve again
        present = set(self.modules.values()) | set(self.resources.values())
        self._files = {p: v for p, v in self._files.items() if p in present}

    @property
    def parsed(self) -> dict[str, list]:
        """What the graph knows of each module file it read: ``{digest: [imported names, dynamic]}``."""
        return {v.digest.hex(): [v.imports, v.dynamic] for v in self._files.values() if v.imports is not None}

    def _file(self, path: Path, parse: bool) -> _Parsed:
        """The file's record, read again when its size or time changed; parsed when ``parse``."""
        try:
            st = path.stat()
            stamp = (st.st_size, st.st_mtime_ns)
        except OSError:
            return _Parsed((-1, -1), b"missing", [], True)
        cached = self._files.get(path)
        data = None
        if cached is None or cached.stamp != stamp:
            data = path.read_bytes()
            cached = _Parsed(stamp, hashlib.sha256(data).digest(), None, False)
            self._files[path] = cached
        if parse and cached.imports is None:
            record = self.known.get(cached.digest.hex())
            if record is None:
                self.changed = True
                try:
                    tree = ast.parse(path.read_bytes() if data is None else data, filename=str(path))
                except (SyntaxError, ValueError, OSError):
                    record = [[], True]  # it will fail in the kernel: count everything
                else:
                    names, dynamic = _imported_names(tree, self._name_of(path), path.name == "__init__.py")
                    record = [sorted(names), dynamic]
            cached.imports, cached.dynamic = list(record[0]), bool(record[1])
        return cached

    def _name_of(self, path: Path) -> str:
        rel = path.relative_to(self.folder)
        parts = [ROOT, *rel.parts[:-1]]
        return ".".join(parts if rel.name == "__init__.py" else [*parts, rel.stem])

    # -- one module --------------------------------------------------------------------------------

    def imports_of(self, module: str) -> tuple[set[str], bool]:
        """The helpers modules ``module`` imports directly, and whether it also imports a computed name."""
        parsed = self._file(self.modules[module], parse=True)
        # resolved once per version of the file (the closures of every notebook walk the same modules)
        # (refresh, which alone changes the set of modules, forgets them all)
        memo = self._resolved.get(module)
        if memo is None or memo[0] is not parsed:
            memo = (parsed, frozenset(self._resolve(set(parsed.imports))))
            self._resolved[module] = memo
        return set(memo[1]), parsed.dynamic

    def _resolve(self, names: set[str]) -> set[str]:
        """The modules that importing each dotted name runs (its packages, itself, or for
        ``from X import y`` the candidate ``X.y``), those of ``helpers`` only."""
        out: set[str] = set()
        for name in names:
            if name.endswith(".*"):  # from X import *: X, and any of its modules its __all__ may name
                name = name[:-2]
                out.update(m for m in self.modules if m.rpartition(".")[0] == name)
            parts = name.split(".")
            if parts[0] != ROOT:
                continue
            for n in range(1, len(parts) + 1):
                prefix = ".".join(parts[:n])
                if prefix in self.modules:
                    out.add(prefix)
        return out

    # -- closures ----------------------------------------------------------------------------------

    def closure(self, roots: set[str] | None) -> set[str] | None:
        """Every module that importing ``roots`` runs; None when that cannot be known (then: all)."""
        if roots is None:
            return None
        todo = sorted(self._resolve(roots))
        seen: set[str] = set()
        while todo:
            module = todo.pop()
            if module in seen:
                continue
            seen.add(module)
            direct, dynamic = self.imports_of(module)
            if dynamic:
                return None
            todo.extend(direct - seen)
        return seen

    def files(self, modules: set[str] | None) -> list[tuple[str, Path]]:
        """``(relative name, path)`` of the modules (all modules when None) and of the package's data files."""
        chosen = self.modules.values() if modules is None else [self.modules[m] for m in modules if m in self.modules]
        return sorted([(p.relative_to(self.folder).as_posix(), p) for p in chosen] + list(self.resources.items()))

    def digest(self, modules: set[str] | None) -> str:
        """One hash of the names and contents of ``files(modules)`` (the same as ``cache.hash_files`` of them)."""
        h = hashlib.sha256()
        for rel, path in self.files(modules):
            h.update(rel.encode("utf-8") + b"\0" + self._file(path, parse=False).digest)
        return h.hexdigest()

    def notebook_modules(self, nb: dict) -> set[str] | None:
        """The helpers modules a notebook's execution runs; None for "cannot tell: all of them"."""
        return self.closure(notebook_imports(nb))


# -- reading import statements -----------------------------------------------------------------------

def _imported_names(tree: ast.AST, module: str = "", is_package: bool = False) -> tuple[set[str], bool]:
    """Dotted names the code imports (``from X import y`` gives X and X.y), and whether it imports a
    computed name. ``module`` (with ``is_package``) anchors relative imports."""
    names: set[str] = set()
    dynamic = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            if base is None:
                continue
            names.add(base)
            for alias in node.names:
                names.add(base + ".*" if alias.name == "*" else f"{base}.{alias.name}")
        elif isinstance(node, ast.Call) and _is_import_call(node.func):
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names.add(arg.value)
            else:
                dynamic = True
    return names, dynamic


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str | None:
    if not node.level:
        return node.module
    parts = module.split(".") if module else []
    if not is_package:
        parts = parts[:-1]
    if node.level - 1 > len(parts) or not parts:
        return None
    parts = parts[:len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def _is_import_call(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in ("__import__", "import_module")
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def cell_python(source: str) -> str | None:
    """A code cell's source as Python, IPython's magics and shell escapes blanked; None when a
    line magic runs other code (``%run`` …)."""
    lines = source.splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        if not re.match(r"^\s*%%(time|timeit|capture|prun)\b", lines[0]):
            return ""  # a cell magic in another language (%%bash, %%html …): no Python import runs
        lines = [""] + lines[1:]
    out = []
    for line in lines:
        stripped = line.lstrip()
        if _RUN_MAGIC.match(line):
            return None
        if stripped.startswith(("%", "!")) or (stripped.endswith("?") and not stripped.startswith("#")):
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def notebook_imports(nb: dict) -> set[str] | None:
    """Dotted names the notebook's code cells import; None when a cell cannot be read."""
    names: set[str] = set()
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        code = cell_python("".join(src) if isinstance(src, list) else str(src))
        if code is None:
            return None
        if "import" not in code:  # every import statement and call holds the word: nothing to parse
            continue
        try:
            tree = ast.parse(code)
        except SyntaxError:
            return None
        found, dynamic = _imported_names(tree)
        if dynamic:
            return None
        names |= found
    return names

"""The student kit: a folder (and a zip beside it) a student opens in JupyterLab or on a JupyterHub.

``build_kit()`` (``python -m helpers kit [--article A] [--out DIR] [--salt S]``, ``make
student-kit``) writes ``_build/student-kit/`` for the seed article (``_build/student-kit-<id>/``
for another) and ``<folder>.zip`` beside it. The full repository is the instructor's view; the
kit is what a student may see and run:

* ``notebooks/NN_*.ipynb`` — the student workbooks (:func:`helpers.site.editions.workbook_json`:
  no ``solution`` or ``instructor`` cells, no outputs, no widget state); for an article other
  than the seed, the ``article`` parameter names it, so that *Run All* works on it;
* ``helpers/`` — the package, without ``helpers/site`` (the notebooks import core, model,
  analysis and present only; ``python -m helpers analyze`` still works), without ``__pycache__``;
* ``data/`` — the article and its metadata sidecar, what the helpers read (``lexicons/``,
  ``sources.yaml``, ``publications.yaml``, ``rubrics/``, ``README.md`` with the terms of use) and
  the article pack without answers (the table below);
* ``README.md`` (for the student), ``LICENSE``, ``pyproject.toml``, ``setup.py`` and
  ``requirements.txt`` (``pip install -e .`` or ``pip install -r requirements.txt`` inside the kit).

**Sealed answers.** Every short answer is replaced by :func:`helpers.model.keys.seal` of it, so an
exercise can still say right or wrong (:func:`helpers.model.keys.matches`) without the answer
being readable in the files:

* a choice key's ``answer``: ``seal(answer, exercise id, "")``;
* each label of a ``labels:`` mapping and each label of an ``also:`` mapping (the other labels an
  item accepts): ``seal(label, exercise id, item)``, the item being the mapping's key as text (a
  sentence id, a paragraph number such as ``"3"``) and the label as written in the pack;
* in an ``arguments:`` list (the scheme exercise), each argument's ``scheme`` and every scheme
  of its ``accept``: ``seal(scheme, exercise id, argument id)``;
* ``reading.yaml``'s ``voice_key``: each entry's ``label`` and each of its ``readings``' labels,
  ``seal(label, "02_voices", sentence id)`` with the label as written in the pack
  (``reported_view``, not the wording the exercise shows), ``02_voices`` being the id of the
  exercise notebook 02 builds from the voice key (:data:`VOICE_EXERCISE_ID`).

One salt per kit (``--salt``, else a random one) is recorded nowhere in the kit but inside the
sealed values themselves; the same inputs and salt give a byte-identical kit and zip. An exercise
whose check cannot work from sealed values (a model answer, a reasoned key) gets
``withheld: true``: the exercise says that the instructor has the key. Hints (``hint``,
``look_for``) stay in clear.

What the kit does with each file of the pack ``data/annotations/<id>/`` (a file not in this
table is left out: a new kind of pack file may hold answers until this table says otherwise):

==================== ======================================================================================
pack file            in the kit
==================== ======================================================================================
``README.md``        replaced by a short description of the kit's pack (the original describes the
                     instructor's files and how the keys were made)
``exercises.yaml``   every exercise: ``answer``, ``labels``, ``also`` and ``arguments``' schemes
                     sealed; ``hint``, ``look_for``, ``phrase``, ``prompt``, ``question``, ``title``,
                     ``options`` kept; every other field (``why``, ``feedback``, ``model_answer``,
                     ``discussion``, ``premises`` — the sentences a reconstruction's premises rest
                     on —, ``sentence`` — the sentence a choice's feedback points at is its answer)
                     left out; ``withheld: true`` when nothing sealed is left to check against
``critique.yaml``    ``rubric`` kept (the critique exercise and its table need it); ``observations``
                     left out (they are the model answers of 04_voices and 05_critique, written out);
                     ``exercises`` as in ``exercises.yaml`` (free-text ones ``withheld: true``; a
                     reconstruction keeps its conclusion's sentence, sealed)
``reading.yaml``     ``voice_key``: labels sealed, reasons (``why``, the readings' ``why``) left out,
                     ``sentence``, ``starts_with``, ``cue`` (the exercise's hint) and ``contested`` kept;
                     ``paragraph_roles``: only the paragraph and its cue kept (the hint of the
                     paragraph-roles exercise); ``role``, ``alternative_role`` and ``why`` left out
                     (the roles are that exercise's key, sealed in ``exercises.yaml``, and the
                     reasons name the voice cues); ``concordance``: the term and counts kept,
                     ``why`` left out
``argument.yaml``    kept, without notes: the map is drawn and tabulated (voices included) in the
                     student edition of notebook 05; statement and relation ``note``\\ s are its
                     reasons, and a contested statement gets :data:`CONTESTED_NOTE` (the map's
                     schema requires a note); the conclusion's ``voice`` is the key of
                     05_conclusion_voice: sealed (item ""), its speaker left out
``commentary.yaml``  kept, but for ``opening_frame`` (the discussion of exercises 1a and 2, whose
                     answers it names); the other notes are lesson notes the student edition shows
                     (kind of text, headline, paragraph map, dating, losses)
``trace.yaml``       replaced by ``withheld: true``: the whole file is the instructor's key of the
                     citation trace (lesson 03) and of the instructor table of lesson 05
``key/``             left out: the answer keys of the analyses (citations, quotations, actors); the
                     citation check and the actor list then say the pack has no key
``glossary.yaml``    kept as is (a sourced glossary the student edition shows)
``hindsight.yaml``   kept as is (events after the article, with sources, shown to students)
``schemes.yaml``     the key of 05_schemes: each instance under a neutral id (``argument-1``…, its
                     id often names its scheme; relations of ``argument.yaml`` and the exercise's
                     ``instance`` renamed alike), its premises and conclusion kept, its scheme and
                     every critical question of that scheme with its status sealed (items: the
                     kit id, ``<kit id>.<question id>``), the sentences of each question kept for
                     the hints; summaries, notes and cited evidence left out
``statements.yaml``  the key of 04_code_statements: each statement's ``actor``, ``concept`` and
                     ``agreement`` sealed, its ``id`` and ``sentence`` kept, ``quote``, ``citation``
                     and ``note`` left out; ``concepts`` kept (the list the student codes with);
                     notebook 04 draws the coded network in instructor cells only
``actors.yaml``      kept as is (run-time overrides the actor analysis reads)
==================== ======================================================================================

Any kept file's ``exercises:`` mapping goes through the same sealing as ``exercises.yaml``.
Wherever a kept file still has a ``why``, ``feedback``, ``model_answer`` or ``discussion`` field,
it is left out too. A file the kit changes is written again as YAML under a header of its own
(the original headers describe the keys); a file kept as is is copied byte for byte.

Bad input (an unknown or unreadable article, an output folder that is not a kit built here or
cannot be written) raises ``CourseInputError``: one line, exit status 2 on the command line.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from helpers.core import paths
from helpers.core.errors import CourseInputError
from helpers.model import keys
from helpers.site.editions import audience, workbook_json
from helpers.site.notebook import NOTEBOOK_GLOB, PARAMETERS_TAG, read_notebook, tags

#: marks a folder as a kit written here (only such a folder is ever replaced)
MARKER = ".close-reading-kit.json"
#: the id of the exercise notebook 02 builds from ``reading.yaml``'s voice key
VOICE_EXERCISE_ID = "02_voices"
#: the note a contested statement of the argument map gets in the kit (its reason is the instructor's)
CONTESTED_NOTE = "Two readings of this voice can be defended: say which you follow and why (the course's reasons are in your instructor's key)."
#: fields that explain or give away an answer: never in the kit
ANSWER_FIELDS = frozenset({"why", "feedback", "model_answer", "discussion"})
#: fields of an exercise key kept in clear (hints and settings)
CLEAR_EXERCISE_FIELDS = ("prompt", "question", "title", "phrase", "options", "hint", "look_for")
#: lesson notes of commentary.yaml that discuss an exercise's answer
INSTRUCTOR_NOTES = {"lesson_01": ("opening_frame",)}
#: pack files copied as they are (once checked for answer fields)
KEPT_AS_IS = ("glossary", "hindsight", "actors")
#: the exercise whose key is the conclusion's voice in ``argument.yaml``
CONCLUSION_VOICE_EXERCISE = "05_conclusion_voice"
#: the exercise whose key is the pack's coded statements (``statements.yaml``)
STATEMENTS_EXERCISE = "04_code_statements"
#: what the helpers read from data/ besides the article and its pack
DATA_FILES = ("README.md", "sources.yaml", "publications.yaml")
DATA_FOLDERS = ("generic", "lexicons", "rubrics")
#: what the kit's package needs to run the notebooks: the project's dependencies but those of the site build
BUILD_ONLY = frozenset({"nbconvert", "nbclient", "papermill", "watchfiles", "jinja2", "markdown-it-py"})
#: a fixed time for every zip entry, so that the same kit gives the same zip
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class KitResult:
    """What ``build_kit`` wrote: the folder, the zip, the article, and the files (relative, sorted)."""

    out_dir: Path
    zip_path: Path
    article_id: str
    files: list[str] = field(default_factory=list)
    sealed: int = 0
    withheld: list[str] = field(default_factory=list)


def default_out_dir(article_id: str, build_root: Path | None = None) -> Path:
    """``_build/student-kit`` for the seed article, ``_build/student-kit-<id>`` for any other."""
    root = build_root or paths.build_dir()
    return root / ("student-kit" if article_id == paths.SEED_ARTICLE_ID else f"student-kit-{article_id}")


def build_kit(article: str | Path | None = None, out_dir: Path | None = None, salt: str | None = None, *,
              notebooks_dir: Path | None = None, echo: Callable[[str], None] | None = None) -> KitResult:
    """Write the student kit of ``article`` (default: the seed) into ``out_dir`` and a zip beside it."""
    # lazy (heavy): loading the article imports spaCy; it checks the article before a student meets it
    from helpers.model.article import load_article

    article_path = paths.resolve_article(article)
    piece = load_article(article_path)
    salt = salt or keys.new_salt()
    if not re.fullmatch(r"[0-9A-Za-z_-]{1,64}", salt):
        raise CourseInputError(None, f"the salt {salt!r} has characters a sealed value cannot hold",
                               "give --salt letters, digits, '-' or '_' (at most 64)")
    out_dir = Path(out_dir) if out_dir else default_out_dir(piece.id)
    _check_out_dir(out_dir)
    files, result = _kit_files(piece, article_path, salt, Path(notebooks_dir) if notebooks_dir else paths.notebooks_dir())
    result.out_dir, result.zip_path = out_dir.resolve(), out_dir.parent.resolve() / f"{out_dir.name}.zip"
    files[MARKER] = (json.dumps({"article": piece.id, "files": len(files) + 1}, indent=1, sort_keys=True) + "\n").encode()
    result.files = sorted(files)
    _write(out_dir, files, result.zip_path)
    if echo:
        echo(f"kit: {len(files)} files, {result.sealed} sealed answers, withheld: {', '.join(result.withheld) or 'none'}")
    return result


# -- where it goes ---------------------------------------------------------------------------------

def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).is_file())):
        raise CourseInputError(out_dir, "exists and is not a student kit written by this command, so it will not be replaced",
                               "give --out an empty or new folder")
    parent = out_dir.parent
    probe = parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise CourseInputError(parent, "cannot be written, so the kit cannot be made there",
                               "give --out a folder you can write to")


def _write(out_dir: Path, files: dict[str, bytes], zip_path: Path) -> None:
    """Write ``files`` into a new folder beside ``out_dir`` and the zip beside that, then swap both in."""
    tmp = out_dir.parent / f".{out_dir.name}.new-{os.getpid()}"
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    zip_tmp = zip_path.parent / f".{zip_path.name}.new-{os.getpid()}"
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
        for rel, data in sorted(files.items()):
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        with zipfile.ZipFile(zip_tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for rel, data in sorted(files.items()):
                info = zipfile.ZipInfo(f"{out_dir.name}/{rel}", date_time=_ZIP_TIME)
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        os.replace(zip_tmp, zip_path)
    except OSError as exc:
        raise CourseInputError(out_dir, f"could not be written ({exc.strerror or exc})",
                               "give --out a folder you can write to") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
        with contextlib.suppress(OSError):
            zip_tmp.unlink()


# -- what goes in ----------------------------------------------------------------------------------

def _kit_files(piece, article_path: Path, salt: str, notebooks_dir: Path) -> tuple[dict[str, bytes], KitResult]:
    files: dict[str, bytes] = {}
    result = KitResult(out_dir=Path(), zip_path=Path(), article_id=piece.id)
    root = paths.project_root()
    # the package, without the site build
    helpers_dir = Path(__file__).resolve().parents[1]
    for path in sorted(helpers_dir.rglob("*")):
        rel = path.relative_to(helpers_dir)
        if path.is_file() and rel.parts[0] != "site" and "__pycache__" not in rel.parts and path.suffix != ".pyc":
            files[f"helpers/{rel.as_posix()}"] = path.read_bytes()
    # the workbooks
    for path in sorted(notebooks_dir.glob(NOTEBOOK_GLOB)):
        nb = read_notebook(path)
        if audience(nb) != "instructor":  # notebooks for instructors only (preparing a pack) stay out
            files[f"notebooks/{path.name}"] = _workbook(nb, piece.id).encode("utf-8")
    # the data the helpers read, the article and its sidecar
    data = paths.data_dir()
    for name in DATA_FILES:
        if (data / name).is_file():
            files[f"data/{name}"] = (data / name).read_bytes()
    for folder in DATA_FOLDERS:
        for path in sorted((data / folder).rglob("*")) if (data / folder).is_dir() else []:
            if path.is_file() and "__pycache__" not in path.parts:
                files[f"data/{folder}/{path.relative_to(data / folder).as_posix()}"] = path.read_bytes()
    files[f"data/articles/{article_path.name}"] = article_path.read_bytes()
    sidecar = article_path.with_name(f"{piece.id}.meta.yaml")
    if sidecar.is_file():
        files[f"data/articles/{sidecar.name}"] = sidecar.read_bytes()
    # the pack, without answers
    for rel, text in _student_pack(paths.annotations_dir(piece.id), piece.id, salt, result).items():
        files[f"data/annotations/{piece.id}/{rel}"] = text
    # installing and opening it
    for name in ("LICENSE", "setup.py"):
        if (root / name).is_file():
            files[name] = (root / name).read_bytes()
    deps = _dependencies(root / "pyproject.toml")
    files["pyproject.toml"] = _pyproject(deps).encode("utf-8")
    files["requirements.txt"] = ("# What the notebooks need; the last line installs the course's helpers from this folder.\n"
                                 + "".join(f"{d}\n" for d in deps) + "-e .\n").encode("utf-8")
    files["README.md"] = _readme(piece, sorted(p for p in files if p.startswith("notebooks/")), result).encode("utf-8")
    return files, result


def _workbook(nb: dict, article_id: str) -> str:
    """The student workbook; for an article other than the seed its ``article`` parameter names it."""
    if article_id != paths.SEED_ARTICLE_ID:
        nb = json.loads(json.dumps(nb))
        for cell in nb.get("cells", []):
            if PARAMETERS_TAG in tags(cell):
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                cell["source"] = re.sub(r'^(article\s*(?::\s*str)?\s*=\s*)""(.*)$',
                                        lambda m: f'{m.group(1)}"{article_id}"  # path or id of the article: '
                                                  "this kit's article", source, count=1, flags=re.M)
    return workbook_json(nb)


def _dependencies(pyproject: Path) -> list[str]:
    import tomllib

    deps = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("dependencies", [])
    name = lambda d: re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower()
    return [d for d in deps if name(d) not in BUILD_ONLY]


def _pyproject(deps: list[str]) -> str:
    lines = ['[build-system]', 'requires = ["setuptools>=68", "wheel"]', 'build-backend = "setuptools.build_meta"', '',
             '# The student kit of Close Reading Lab: the notebooks, the helpers they import, the article and',
             '# its pack (answers sealed). `pip install -e .` here makes `helpers` importable from notebooks/.',
             '[project]', 'name = "close-reading-lab-student-kit"', 'version = "0.1.0"',
             'description = "Close Reading Lab, the student kit: the course notebooks and the helpers they run."',
             'readme = "README.md"', 'requires-python = ">=3.11"', 'license = { text = "MIT" }', 'dependencies = [']
    lines += [f"    {json.dumps(d)}," for d in deps]
    lines += [']', '', '[project.scripts]', 'close-reading = "helpers.cli:main"', '']
    return "\n".join(lines)


def _readme(piece, notebooks: list[str], result: KitResult) -> str:
    names = "\n".join(f"- `{n}`" for n in notebooks)
    withheld = ", ".join(f"`{w}`" for w in result.withheld) or "none"
    return f"""# Close Reading Lab — student kit

The course's notebooks on one article, *{piece.title}* (`{piece.id}`), ready to run in
JupyterLab or on a JupyterHub.

## Open it

1. Unzip the kit (if you were given the zip) and open its folder.
2. Install what the notebooks need, once, in a terminal inside this folder (Python 3.11 or later):

   ```sh
   python -m pip install -e .        # or: python -m pip install -r requirements.txt
   ```

   On a JupyterHub, open a terminal there (*File → New → Terminal*) and run the same line.
3. Start JupyterLab (`jupyter lab`, or open the folder on the JupyterHub), open `notebooks/` and
   begin with the first lesson:

{names}

4. Run the cells from the top (*Run → Run All Cells*). The `parameters` cell says which article you
   work on (`article`) and where your work is saved (`work_dir`); leave them as they are unless your
   instructor says otherwise.

## Where your answers are saved

In your **work folder**: the `work_dir` parameter if you set it, else the folder named by the
environment variable `CLOSE_READING_WORK`, else `close-reading-work` in your home folder, in a file
`<article id>.json` (and the YAML files some exercises keep). Answers are saved when you press an
exercise's button; running a notebook saves nothing by itself, and your answers come back when you
run it again. Nothing is ever written into this kit's `data/` folder. Hand in the work folder (or
the files your instructor asks for).

## The answer keys are sealed

This kit holds no answers in clear. The short answers of the exercises (which option, which label)
are **sealed**: each is stored as a fingerprint (`sealed:…`) that lets *Check and save* tell you
whether you are right without the answer being readable in the files. Model answers, reasons and
discussions are not in the kit at all: exercises that need them ({withheld}) say that your
instructor has the key. Hints are kept. The course's citation trace and the answer keys of the
analyses are the instructor's too, so lesson 03's trace and lesson 04's actor list say so.

A fingerprint keeps an answer from being *read*; with only a few options, a determined person could
still try each one. That would only spoil your own exercise: the point is the reading, not the key.
Your instructor has the full course, with every key and the instructor edition of each lesson.

## What is here

- `notebooks/` — the lessons, without solutions or outputs
- `helpers/` — the course's Python package the notebooks import
- `data/` — the article and its metadata (`data/articles/`), its pack without answers
  (`data/annotations/{piece.id}/`), and the word lists and registries the analyses read;
  `data/README.md` says where each comes from and under what terms it is used
- `pyproject.toml`, `requirements.txt` — what to install
"""


# -- the pack, file by file ------------------------------------------------------------------------

def _student_pack(pack_dir: Path, article_id: str, salt: str, result: KitResult) -> dict[str, bytes]:
    """{relative path: bytes} of the pack without answers (the module docstring's table)."""
    from helpers.core.yamlio import load_yaml_mapping

    out: dict[str, bytes] = {}
    if not pack_dir.is_dir():
        return out

    def read(name: str) -> dict[str, Any] | None:
        path = pack_dir / f"{name}.yaml"
        return load_yaml_mapping(path, what="article pack file") if path.is_file() else None

    changed: dict[str, tuple[dict[str, Any], str]] = {}
    if (data := read("exercises")) is not None:
        changed["exercises"] = (_exercises(data, salt, result),
                                "exercise keys: short answers sealed, reasons and model answers left out")
    if (data := read("critique")) is not None:
        kept = {k: v for k, v in data.items() if k not in ("observations", "exercises")}
        if isinstance(data.get("exercises"), dict):
            kept["exercises"] = _exercises(data["exercises"], salt, result)
        changed["critique"] = (kept, "the critique rubric and exercise settings; observations and model answers left out")
    if (data := read("reading")) is not None:
        changed["reading"] = (_reading(data, salt, result), "the guided reading without reasons; voice labels sealed")
    names = _instance_names(read("schemes"))
    if names and "exercises" in changed:
        _rename_instances(changed["exercises"][0], names)
    if (data := read("schemes")) is not None:
        changed["schemes"] = (_schemes(data, names, salt, result),
                              "the scheme instances under neutral ids, their schemes, questions and statuses sealed")
    if (data := read("argument")) is not None:
        changed["argument"] = (_argument(data, names, salt, result),
                               "the argument map without its notes (its reasons); the conclusion's voice sealed")
    if (data := read("commentary")) is not None:
        notes = {lesson: ({k: v for k, v in value.items() if k not in INSTRUCTOR_NOTES.get(lesson, ())}
                          if isinstance(value, dict) else value) for lesson, value in data.items()}
        changed["commentary"] = (notes, "lesson notes; the notes that discuss an exercise's answer left out")
    if (data := read("statements")) is not None:
        changed["statements"] = (_statements(data, salt, result),
                                 "the coded statements: actor, concept and agreement sealed, quotations and notes left out")
    if read("trace") is not None:
        changed["trace"] = ({"article_id": article_id, "withheld": True},
                            "the citation trace is the instructor's key")
        result.withheld.append("03_trace")
    for name in KEPT_AS_IS:
        data = read(name)
        if data is None:
            continue
        scrubbed = _scrub(data)
        if isinstance(data.get("exercises"), dict):  # exercise keys kept beside the file's content
            scrubbed["exercises"] = _exercises(data["exercises"], salt, result)
            changed[name] = (scrubbed, "kept, its exercise keys sealed")
        elif scrubbed == data:
            out[f"{name}.yaml"] = (pack_dir / f"{name}.yaml").read_bytes()
        else:
            changed[name] = (scrubbed, "kept, without answer fields")
    for name, (data, what) in changed.items():
        out[f"{name}.yaml"] = _yaml(_scrub(data), name, what).encode("utf-8")
    out["README.md"] = _pack_readme(article_id, sorted(out)).encode("utf-8")
    result.withheld.sort()
    return out


def _exercise(exercise_id: str, key: dict[str, Any], salt: str, result: KitResult) -> dict[str, Any]:
    """One exercise key for the kit: its short answers sealed, its hints kept, the rest left out.

    Sealed: ``answer`` (item ""), each label of ``labels`` and each of ``also`` (item: the label's
    key, e.g. a sentence id or a paragraph number), and in ``arguments`` each argument's ``scheme``
    and ``accept`` (item: the argument's id). Kept: :data:`CLEAR_EXERCISE_FIELDS`, and an
    argument's ``id``, ``instance`` and ``hint``. Everything else (reasons, model answers, the
    premises of a reconstruction, the sentence a choice's feedback points at) is left out.
    """
    out: dict[str, Any] = {}
    sealed = 0

    def seal(value: Any, item: str) -> str:
        nonlocal sealed
        sealed += 1
        return keys.seal(value, exercise_id, item, salt=salt)

    if key.get("answer") is not None:
        out["answer"] = seal(key["answer"], "")
    if isinstance(key.get("labels"), dict) and key["labels"]:
        out["labels"] = {item: seal(label, str(item)) for item, label in key["labels"].items()}
    if isinstance(key.get("also"), dict) and key["also"]:
        out["also"] = {item: [seal(v, str(item)) for v in (values if isinstance(values, list) else [values])]
                       for item, values in key["also"].items()}
    if isinstance(key.get("arguments"), list):
        arguments = []
        for arg in key["arguments"]:
            if not isinstance(arg, dict):
                continue
            slot = str(arg.get("id", ""))
            kept = {k: arg[k] for k in ("id", "instance") if k in arg}
            if arg.get("scheme") is not None:
                kept["scheme"] = seal(arg["scheme"], slot)
            if isinstance(arg.get("accept"), list):
                kept["accept"] = [seal(v, slot) for v in arg["accept"]]
            if "hint" in arg:
                kept["hint"] = arg["hint"]
            arguments.append(kept)
        out["arguments"] = arguments
    out.update({k: key[k] for k in CLEAR_EXERCISE_FIELDS if k in key})
    result.sealed += sealed
    if not sealed:
        out["withheld"] = True
        result.withheld.append(str(exercise_id))
    return out


def _exercises(data: dict[str, Any], salt: str, result: KitResult) -> dict[str, Any]:
    """A mapping of exercise ids to keys, each through :func:`_exercise`."""
    return {eid: _exercise(str(eid), key, salt, result) if isinstance(key, dict) else key for eid, key in data.items()}


def _reading(data: dict[str, Any], salt: str, result: KitResult) -> dict[str, Any]:
    out = dict(data)
    if isinstance(data.get("paragraph_roles"), list):
        # the roles are the key of the paragraph-roles exercise (02_paragraph_roles, sealed in
        # exercises.yaml); the cue stays, as that exercise's last hint
        out["paragraph_roles"] = [{k: v for k, v in r.items() if k in ("paragraph", "cue")}
                                  for r in data["paragraph_roles"] if isinstance(r, dict)]
    if isinstance(data.get("voice_key"), list):
        entries = []
        for entry in data["voice_key"]:
            if not isinstance(entry, dict):
                continue
            sid = str(entry.get("sentence", ""))
            kept = {k: entry[k] for k in ("sentence", "starts_with", "cue", "contested") if k in entry}
            if entry.get("label") is not None:
                kept["label"] = keys.seal(entry["label"], VOICE_EXERCISE_ID, sid, salt=salt)
                result.sealed += 1
            readings = [r for r in entry.get("readings") or [] if isinstance(r, dict) and r.get("label") is not None]
            if readings:
                kept["readings"] = [{"label": keys.seal(r["label"], VOICE_EXERCISE_ID, sid, salt=salt)} for r in readings]
                result.sealed += len(readings)
            entries.append(kept)
        out["voice_key"] = entries
    if isinstance(data.get("concordance"), dict):
        out["concordance"] = {k: v for k, v in data["concordance"].items() if k not in ANSWER_FIELDS}
    if isinstance(data.get("exercises"), dict):
        out["exercises"] = _exercises(data["exercises"], salt, result)
    return out


def _statements(data: dict[str, Any], salt: str, result: KitResult) -> dict[str, Any]:
    """The coded statements as the key of the coding exercise: each statement's actor, concept and
    agreement sealed (items ``<id>.actor``, ``<id>.concept``, ``<id>.agreement``), its sentence kept
    (the exercise matches on it and its hints count statements per paragraph), its quotation,
    citation and note left out; the concept list kept (the student codes with it)."""
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in ("statements", "exercises")}
    entries = []
    for st in data.get("statements") or []:
        if not isinstance(st, dict):
            continue
        sid = st.get("id")
        entry = {"id": sid, "sentence": st.get("sentence")}
        for field in ("actor", "concept", "agreement"):
            if st.get(field) is not None:
                entry[field] = keys.seal(st[field], STATEMENTS_EXERCISE, f"{sid}.{field}", salt=salt)
                result.sealed += 1
        entries.append(entry)
    out["statements"] = entries
    if isinstance(data.get("exercises"), dict):
        out["exercises"] = _exercises(data["exercises"], salt, result)
    return out


def _argument(data: dict[str, Any], names: dict[str, str], salt: str, result: KitResult) -> dict[str, Any]:
    """The map without notes; the conclusion's voice (the key of :data:`CONCLUSION_VOICE_EXERCISE`)
    sealed and its speaker left out; relations name scheme instances by their kit ids."""
    out = {k: v for k, v in data.items() if k != "notes"}
    statements = []
    for s in data.get("statements") or []:
        s = {k: v for k, v in s.items() if k != "note"} if isinstance(s, dict) else s
        if isinstance(s, dict) and s.get("kind") == "conclusion" and s.get("voice"):
            s["voice"] = keys.seal(s["voice"], CONCLUSION_VOICE_EXERCISE, "", salt=salt)
            s.pop("speaker", None)
            result.sealed += 1
        elif isinstance(s, dict) and s.get("voice") == "contested":
            s["note"] = CONTESTED_NOTE
        statements.append(s)
    if "statements" in data:
        out["statements"] = statements
    if "relations" in data:
        relations = []
        for r in data.get("relations") or []:
            r = {k: v for k, v in r.items() if k != "note"} if isinstance(r, dict) else r
            if isinstance(r, dict) and r.get("scheme") in names:
                r["scheme"] = names[r["scheme"]]
            relations.append(r)
        out["relations"] = relations
    return out


def _instance_names(data: dict[str, Any] | None) -> dict[str, str]:
    """{instance id: kit id}: ``argument-1``, ``argument-2``… in the file's order (an instance's
    id often names its scheme, which is the scheme exercise's answer)."""
    items = (data or {}).get("instances") or []
    ids = [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)]
    return {iid: f"argument-{n}" for n, iid in enumerate(ids, start=1)}


def _rename_instances(exercises: dict[str, Any], names: dict[str, str]) -> None:
    """The ``instance`` of each argument of an exercise key, renamed to its kit id (in place)."""
    for key in exercises.values():
        for arg in (key.get("arguments") if isinstance(key, dict) else None) or []:
            if isinstance(arg, dict) and arg.get("instance") in names:
                arg["instance"] = names[arg["instance"]]


def _schemes(data: dict[str, Any], names: dict[str, str], salt: str, result: KitResult) -> dict[str, Any]:
    """Each instance under its kit id with its premises and conclusion; its scheme, and every
    critical question of that scheme (an unlisted one is open) with its status, sealed
    (``helpers.analysis.arguments.schemes.SEAL_SCOPE``; items: the kit id, ``<kit id>.<question
    id>``); the sentences of each question kept (the hint ladder points at them); summaries,
    notes and cited evidence left out."""
    from helpers.analysis.arguments.schemes import SEAL_SCOPE, load_schemes

    schemes = load_schemes()
    instances = []
    for item in data.get("instances") or []:
        if not isinstance(item, dict) or item.get("id") not in names:
            continue
        kid = names[item["id"]]
        given = {q.get("id"): q for q in item.get("critical_questions") or [] if isinstance(q, dict)}
        scheme = schemes.get(item.get("scheme"))
        qids = [q.id for q in scheme.critical_questions] if scheme else list(given)
        questions = []
        for qid in qids:
            q = given.get(qid) or {}
            questions.append({"id": keys.seal(qid, SEAL_SCOPE, kid, salt=salt),
                              "status": keys.seal(q.get("status", "open"), SEAL_SCOPE, f"{kid}.{qid}", salt=salt),
                              **({"sentences": list(q["sentences"])} if q.get("sentences") else {})})
        result.sealed += 1 + 2 * len(questions)
        instances.append({"id": kid, "scheme": keys.seal(item.get("scheme"), SEAL_SCOPE, kid, salt=salt),
                          "premises": list(item.get("premises") or []), "conclusion": item.get("conclusion"),
                          "critical_questions": questions})
    out = {k: v for k, v in data.items() if k not in ("instances", "notes")}
    out["instances"] = instances
    if isinstance(data.get("exercises"), dict):
        out["exercises"] = _exercises(data["exercises"], salt, result)
    return out


def _scrub(value: Any) -> Any:
    """``value`` without any ``why``/``feedback``/``model_answer``/``discussion`` field, at any depth."""
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if k not in ANSWER_FIELDS}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _yaml(data: dict[str, Any], name: str, what: str) -> str:
    import yaml

    header = (f"# {name}.yaml of the student kit: {what}.\n"
              "# Written by the student kit (helpers.site.kit); values 'sealed:…' are answers a check can test\n"
              "# but nobody can read. The full file is in the instructor's copy of the course.\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _pack_readme(article_id: str, names: list[str]) -> str:
    listed = "\n".join(f"- `{n}`" for n in names if n != "README.md")
    return f"""# Article pack (student kit): {article_id}

What the course says about this article, without its answers: the notebooks read these files
through `helpers.model.packs`. Short answers are sealed (`sealed:…`: a check can test them, nobody
can read them); reasons, model answers, discussions, the citation trace and the answer keys of the
analyses are the instructor's and are not here. An exercise marked `withheld: true` says that your
instructor has its key.

{listed}
"""

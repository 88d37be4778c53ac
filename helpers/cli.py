"""The command line: ``python -m helpers build|preview|kit|pack|collect|analyze|evaluate …`` (also installed as ``close-reading``).

Bad input (``CourseInputError``) and a failed build (``BuildError``) print one line on
stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from typing import Any, Sequence

from helpers.core.errors import CourseInputError


def _param(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` with VALUE read as YAML (``3`` is an int, ``true`` a bool, ``x`` a string)."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip().isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    import yaml

    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return name.strip(), value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; ``command`` (the subcommand about to run, when known) leaves the options of the
    others unconfigured, so that ``build`` does not import the analyses to describe them."""
    parser = argparse.ArgumentParser(prog="python -m helpers",
                                     description="Close Reading Lab: build the course site, preview it while "
                                                 "editing, analyse an article, or measure the analyses against gold.")
    sub = parser.add_subparsers(dest="command", metavar="{build,preview,kit,pack,collect,analyze,evaluate}")
    sub.required = True
    b = sub.add_parser("build", help="execute the notebooks on an article and build the site",
                       description="Execute notebooks/NN_*.ipynb on one article (cached) and build the "
                                   "student and instructor site (or one edition: --edition). Prints the path of "
                                   "index.html last.")
    b.add_argument("--article", metavar="PATH_OR_ID", help="article file or bundled id (default: the seed article)")
    b.add_argument("--jobs", "-j", type=_positive, metavar="N",
                   help="notebooks executed at once (default: the CPU count, fewer when memory is short)")
    b.add_argument("--edition", choices=("both", "student", "instructor"), default="both",
                   help="which editions to build (default: both); a student site has no instructor page, no "
                        "link to one and no lesson plan")
    b.add_argument("--out", metavar="DIR", help="output folder (default: _build/html, or _build/html-<id> for another "
                                                "article; -student or -instructor added for one edition)")
    b.add_argument("--force", action="store_true", help="execute and render everything again, ignoring the cache")
    b.add_argument("-p", "--param", dest="params", action="append", type=_param, default=[], metavar="NAME=VALUE",
                   help="an extra notebook parameter (VALUE is read as YAML); may be repeated")
    b.add_argument("--notebooks", metavar="DIR", help=argparse.SUPPRESS)  # for tests and benchmarks
    b.add_argument("--lessons", metavar="DIR", help=argparse.SUPPRESS)
    b.add_argument("--build-root", metavar="DIR", help=argparse.SUPPRESS)
    b.add_argument("--hub-url", metavar="URL", help="the JupyterHub the students use: with --kit-repo, each student "
                                                    "page gets an 'Open in JupyterHub' link (nbgitpuller)")
    b.add_argument("--kit-repo", metavar="URL", help="the git repository the student kit is published in "
                                                     "(make student-kit), which the hub link pulls")
    b.add_argument("--kit-branch", metavar="NAME", default="main", help="the kit repository's branch (default: main)")
    b.add_argument("--kit-folder", metavar="NAME", default="close-reading-lab",
                   help="the folder the hub pulls the kit into, nbgitpuller's targetpath (default: close-reading-lab)")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress display on stderr")
    b.set_defaults(func=_run_build)
    v = sub.add_parser("preview", help="build, serve the site on 127.0.0.1 and rebuild what each saved change touches",
                       description="Build the site, serve it on http://127.0.0.1:PORT/ and watch notebooks/, "
                                   "lessons/, data/ and helpers/: each saved change rebuilds only what it touches "
                                   "(kernels fork from a process kept warm) and open pages reload themselves. A "
                                   "failing cell shows its error in the page. Ctrl-C stops everything.")
    v.add_argument("--article", metavar="PATH_OR_ID", help="article file or bundled id (default: the seed article)")
    v.add_argument("--port", type=int, default=8000, metavar="N", help="port on 127.0.0.1 (default: 8000; 0: any free one)")
    v.add_argument("--jobs", "-j", type=_positive, metavar="N",
                   help="notebooks executed at once (default: the CPU count, fewer when memory is short)")
    v.add_argument("-p", "--param", dest="params", action="append", type=_param, default=[], metavar="NAME=VALUE",
                   help="an extra notebook parameter (VALUE is read as YAML); may be repeated")
    v.add_argument("--out", metavar="DIR", help="output folder (default: _build/preview, or _build/preview-<id>)")
    v.add_argument("--notebooks", metavar="DIR", help=argparse.SUPPRESS)  # for tests and benchmarks
    v.add_argument("--lessons", metavar="DIR", help=argparse.SUPPRESS)
    v.add_argument("--build-root", metavar="DIR", help=argparse.SUPPRESS)
    v.add_argument("--watch", metavar="DIR", action="append", default=None, help=argparse.SUPPRESS)
    v.set_defaults(func=_run_preview)
    k = sub.add_parser("kit", help="the student kit: workbooks, helpers, the article and its pack with answers sealed",
                       description="Write a folder (and a zip beside it) a student opens in JupyterLab or on a "
                                   "JupyterHub: the notebooks without solutions or outputs, the helpers they import, "
                                   "the article and the data the helpers read, and the article pack with every short "
                                   "answer sealed and every model answer left out. Prints the folder and the zip.")
    k.add_argument("--article", metavar="PATH_OR_ID", help="article file or bundled id (default: the seed article)")
    k.add_argument("--out", metavar="DIR", help="output folder (default: _build/student-kit, or "
                                                "_build/student-kit-<id> for another article); the zip is DIR.zip")
    k.add_argument("--salt", metavar="TEXT", help="the salt of the sealed answers (default: a random one); the same "
                                                  "salt gives the same kit")
    k.add_argument("--notebooks", metavar="DIR", help=argparse.SUPPRESS)  # for tests
    k.set_defaults(func=_run_kit)
    pk = sub.add_parser("pack", help="article packs: 'pack draft ARTICLE' drafts one from the analyses",
                        description="Article packs (lesson notes and answer keys). 'draft' writes a draft pack for an "
                                    "article, computed from the analyses: every item marked status: draft with its "
                                    "rule and a confidence, to be reviewed in notebooks/00_prepare_article.ipynb.")
    pk_sub = pk.add_subparsers(dest="pack_command", metavar="{draft}", required=True)
    pd = pk_sub.add_parser("draft", help="draft a pack for an article from the analyses",
                           description="Write the draft pack of ARTICLE into data/annotations/<id>/ (or --out DIR). "
                                       "A file a person wrote or checked is never overwritten unless --force is given.")
    pd.add_argument("article", metavar="ARTICLE", help="article file or bundled id")
    pd.add_argument("--out", metavar="DIR", help="pack folder to write (default: data/annotations/<article id>)")
    pd.add_argument("--force", action="store_true", help="replace pack files even if they are not drafts")
    pd.set_defaults(func=_run_pack_draft)
    c = sub.add_parser("collect", help="the class's saved work as a table and a class-view page",
                       description="Read the saved work of every student — a folder of submitted work (one "
                                   "subfolder or <student>.json per student) or, with --hub, the work folders in "
                                   "the hub's home folders (run as root) — and write class.csv, class.json and "
                                   "class.html, the seminar's class view. Students are pseudonyms unless --names.")
    if command in (None, "collect") and importlib.util.find_spec("helpers.site") is not None:
        from helpers.site import collect

        collect.configure_parser(c)
    c.set_defaults(func=_run_collect)
    a = sub.add_parser("analyze", help="all analyses of one article as JSON/CSV")
    if command not in (None, "analyze"):
        a.set_defaults(func=_analyze_missing)  # not run: parse_args is given another command
    elif importlib.util.find_spec("helpers.analysis.analyze") is not None:
        from helpers.analysis import analyze

        analyze.configure_parser(a)
        a.set_defaults(func=analyze.run)
    else:
        a.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        a.set_defaults(func=_analyze_missing)
    e = sub.add_parser("evaluate", help="precision, recall and F1 of the analyses against hand-made gold",
                       description="Run every analysis on every article of a gold (an evaluation corpus.yaml, an "
                                   "article pack's key/ folder, or data/annotations) and print precision, recall "
                                   "and F1 per task, per article and overall, with the misses.")
    if command in (None, "evaluate"):
        from helpers.analysis import evaluate

        evaluate.build_parser(e)
        e.set_defaults(func=evaluate.run)
    return parser


def _analyze_missing(args: argparse.Namespace) -> int:
    print("analyze is not available yet", file=sys.stderr)
    return 2


def _run_build(args: argparse.Namespace) -> int:
    from pathlib import Path

    _need_site("build")
    from helpers.site.build import build_site

    params = dict(args.params)
    if "article" in params:
        raise CourseInputError(None, "the 'article' parameter is set by --article", "use --article PATH_OR_ID")
    result = build_site(args.article, notebooks_dir=Path(args.notebooks) if args.notebooks else None,
                        lessons_dir=Path(args.lessons) if args.lessons else None,
                        build_root=Path(args.build_root) if args.build_root else None,
                        out_dir=Path(args.out) if args.out else None, jobs=args.jobs, force=args.force,
                        parameters=params, progress=not args.quiet, echo=print, edition=args.edition,
                        hub_url=args.hub_url, kit_repo=args.kit_repo, kit_branch=args.kit_branch,
                        kit_folder=args.kit_folder)
    print(result.index)
    return 0


def _run_kit(args: argparse.Namespace) -> int:
    from pathlib import Path

    _need_site("kit")
    from helpers.site.kit import build_kit

    result = build_kit(args.article, Path(args.out) if args.out else None, args.salt,
                       notebooks_dir=Path(args.notebooks) if args.notebooks else None, echo=print)
    print(result.out_dir)
    print(result.zip_path)
    return 0


def _run_collect(args: argparse.Namespace) -> int:
    _need_site("collect")
    from helpers.site import collect

    return collect.run(args)


def _run_pack_draft(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpers.analysis.draft import draft_pack
    from helpers.core.paths import annotations_dir, resolve_article
    from helpers.model.article import load_article
    from helpers.model.packwriter import write_pack_files

    article = load_article(resolve_article(args.article))
    out = Path(args.out) if args.out else annotations_dir(article.id)
    drafted = draft_pack(article)
    items = sum(len(v) for data in drafted.values() for v in data.values() if isinstance(v, list))
    for path in write_pack_files(out, drafted, force=args.force):
        print(path)
    print(f"{items} drafted items for {article.id}: review them in notebooks/00_prepare_article.ipynb "
          f"(or edit the files) and set status: checked", file=sys.stderr)
    return 0


def _need_site(command: str) -> None:
    """A student kit has no ``helpers.site``: the commands that need it say so in one line."""
    if importlib.util.find_spec("helpers.site") is None:
        raise CourseInputError(None, f"'{command}' needs the course's site builder (helpers/site), which this copy "
                                     "of the course does not have", "run it in the full course repository")


def _build_error() -> type[Exception]:
    """``helpers.site.build.BuildError``, or a stand-in where there is no site builder (a student kit)."""
    if importlib.util.find_spec("helpers.site") is None:
        return _NoBuildError
    from helpers.site.build import BuildError

    return BuildError


class _NoBuildError(Exception):
    """Never raised: what ``main`` catches in place of BuildError where the site builder is absent."""


def _run_preview(args: argparse.Namespace) -> int:
    from pathlib import Path

    _need_site("preview")
    from helpers.site.preview import serve

    params = dict(args.params)
    if "article" in params:
        raise CourseInputError(None, "the 'article' parameter is set by --article", "use --article PATH_OR_ID")
    return serve(args.article, port=args.port, jobs=args.jobs, parameters=params,
                 notebooks_dir=Path(args.notebooks) if args.notebooks else None,
                 lessons_dir=Path(args.lessons) if args.lessons else None,
                 build_root=Path(args.build_root) if args.build_root else None,
                 out_dir=Path(args.out) if args.out else None,
                 watch=[Path(w) for w in args.watch] if args.watch else None, restart=args.program)


def _command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (its first word that is not an option), if any."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    BuildError = _build_error()

    program = argv is None  # run as the program (python -m helpers, close-reading), not called by Python code
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(argv))
    args = parser.parse_args(argv)
    args.program = program
    if program:
        # the interpreter's last garbage collections go through every object the build made (a
        # quarter of a second after a build that ran notebooks): the process is ending, so skip them
        import atexit
        import gc

        atexit.register(lambda: (gc.disable(), gc.freeze()))  # registered first, so it runs last
    try:
        return int(args.func(args) or 0)
    except (CourseInputError, BuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130

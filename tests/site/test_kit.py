"""The student kit (``python -m helpers kit``, ``helpers.site.kit``), built for real on the seed
article and run for real: every workbook of the kit executed by papermill in a fresh kernel, in
the kit's own folder, with the kit's ``helpers`` on the path and an empty work folder.

The answers it must not show are taken from the full pack of the repository: the long key texts
(``tests/notebooks/notebook_keys.py``) and every short answer where an exercise would show it as
the answer ("Answer: p1.s3", "p1.s1: “a reported view” — right").
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from helpers.site.editions import audience

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "notebooks"))  # notebook_keys, shared with the notebook tests

from notebook_keys import critique_secrets, flat, lesson_secrets, pack_secrets  # noqa: E402
from regenerate_references import environ, ipc_kernel_manager  # noqa: E402

from helpers.core.paths import SEED_ARTICLE_ID  # noqa: E402
from helpers.model import keys  # noqa: E402
from helpers.model.article import load_article  # noqa: E402
from helpers.model.packs import load_pack  # noqa: E402
from helpers.present.exercises.labels import VOICE_KEY_LABELS, VOICE_LABELS  # noqa: E402

SEED = SEED_ARTICLE_ID
SEED_ARTICLE = REPO / "data" / "articles" / f"{SEED}.txt"
PACK = f"data/annotations/{SEED}"
SALT = "test-salt-1"
ANSWER_FIELDS = ("why", "feedback", "model_answer", "discussion")
HIDDEN_TAGS = {"solution", "instructor"}
#: the id of the exercise notebook 02 builds from reading.yaml's voice key
VOICE_ID = "02_voices"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("kit")]


def _kit_cmd(*args: str, program: list[str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*(program or [sys.executable, "-m", "helpers"]), "kit", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "CLOSE_READING_DATA"})


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kit") / "student-kit"
    proc = _kit_cmd("--out", str(out), "--salt", SALT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-2:] == [str(out.resolve()), str(out.resolve()) + ".zip"]
    return out


@pytest.fixture(scope="module")
def clear_pack():
    """The repository's pack of the seed article (the instructor's, with every answer)."""
    return load_pack(SEED)


# -- what is in it ---------------------------------------------------------------------------------

def test_the_kit_holds_workbooks_helpers_article_data_and_install_files(kit):
    files = set(_tree(kit))
    every = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    notebooks = [p.name for p in every if audience(json.loads(p.read_text(encoding="utf-8"))) != "instructor"]
    assert len(notebooks) < len(every)  # the notebooks for instructors only (preparing a pack) stay out
    assert sorted(f.split("/", 1)[1] for f in files if f.startswith("notebooks/")) == notebooks
    assert "data/generic/notes.yaml" in files  # the generic lesson notes, where the pack has none
    assert {"README.md", "LICENSE", "pyproject.toml", "setup.py", "requirements.txt",
            f"data/articles/{SEED}.txt", f"data/articles/{SEED}.meta.yaml", "data/sources.yaml",
            "data/publications.yaml", "data/rubrics/critique_standards.yaml", "data/lexicons/hedges.yaml",
            "helpers/__init__.py", "helpers/present/exercises/choice.py", "helpers/model/keys.py",
            "helpers/schemas/argument.schema.json"} <= files
    assert not [f for f in files if f.startswith("helpers/site/") or "__pycache__" in f or f.endswith(".pyc")]
    assert not [f for f in files if f.startswith(f"{PACK}/key/")]
    # only the kit's article, and no lesson plans or evaluation gold
    assert not [f for f in files if f.startswith("data/articles/") and SEED not in f]
    assert not [f for f in files if f.startswith(("lessons/", "data/evaluation/", "tests/"))]
    # the article and the data the helpers read are the repository's, byte for byte
    for rel in (f"data/articles/{SEED}.txt", "data/lexicons/hedges.yaml", "data/sources.yaml"):
        assert (kit / rel).read_bytes() == (REPO / rel).read_bytes(), rel
    # the install files: what the notebooks need, and the package from this folder
    import tomllib

    project = tomllib.loads((kit / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"close-reading": "helpers.cli:main"}
    requirements = (kit / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert requirements[-1] == "-e ." and [r for r in requirements[1:-1]] == project["dependencies"]
    assert {"ipywidgets", "spacy", "pyyaml", "altair"} <= {re.split(r"[<>=]", d)[0] for d in project["dependencies"]}
    readme = (kit / "README.md").read_text(encoding="utf-8")
    for words in ("pip install -e .", "CLOSE_READING_WORK", "sealed", "instructor has the full course"):
        assert words in " ".join(readme.split()), words


def test_the_zip_beside_it_holds_the_same_files(kit):
    with zipfile.ZipFile(kit.parent / f"{kit.name}.zip") as zf:
        inside = {i.filename.split("/", 1)[1]: hashlib.sha256(zf.read(i)).hexdigest() for i in zf.infolist()}
        assert all(i.filename.startswith(f"{kit.name}/") for i in zf.infolist())
        assert zf.testzip() is None
    assert inside == _tree(kit)


def test_the_workbooks_have_no_solution_or_instructor_cell_and_no_output(kit):
    for path in sorted((kit / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        source = json.loads((REPO / "notebooks" / path.name).read_text(encoding="utf-8"))
        kept = [c for c in source["cells"] if not HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", []))]
        assert len(nb["cells"]) == len(kept), path.name
        assert not [c for c in nb["cells"] if HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", []))]
        assert not [c for c in nb["cells"] if c.get("outputs") or c.get("execution_count")], path.name
        assert "widgets" not in nb.get("metadata", {})


# -- no answer in clear ----------------------------------------------------------------------------

def _long_secrets(article) -> list[str]:
    """The repository pack's long key texts that the kit must not hold: reasons, model answers,
    discussions, feedback, the trace's findings, the map's reasons (hints and look-for lists are kept)."""
    pack = load_pack(article)
    kept: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k in ("hint", "look_for"):
                    for t in (v if isinstance(v, list) else [v]):
                        kept.extend([flat(t), flat(re.sub(r"[\"“][^\"”]*[\"”]", " ", str(t)))])
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted(pack.root.glob("*.yaml")):
        walk(pack.get(path.stem))
    found = list(pack_secrets(article))
    for name in ("01_source_article", "02_close_reading", "05_argument_critique"):
        found += lesson_secrets(name, article)
    found += critique_secrets(article)
    found = {flat(s)[:50] for s in found if len(flat(s)) >= 30}
    return sorted(s for s in found if not any(s in k for k in kept))


def _shown_answers(clear_pack) -> list[str]:
    """Every short clear answer of the repository pack's keys as an exercise would show it as the answer."""
    shown = []
    for eid, key in (clear_pack.get("exercises") or {}).items():
        if isinstance(key, dict) and key.get("answer") is not None:
            shown += [f"Answer: {key['answer']}", f"Yes: {key['answer']}"]
        for sid, label in ((key or {}).get("labels") or {}).items():
            shown += [f"{sid}: {label}.", f"{sid}: “{label}” — right", f"{sid}: “{label}”, right"]
    for entry in (clear_pack.get("reading") or {}).get("voice_key") or []:
        for label in [entry.get("label")] + [r.get("label") for r in entry.get("readings") or []]:
            words = VOICE_KEY_LABELS.get(label, label)
            shown += [f"{entry['sentence']}: “{words}” — right", f"{entry['sentence']}: “{words}”, right",
                      f"{entry['sentence']}: {words}."]
    return shown + ["The argument map codes it as voice"]


def _kit_texts(kit: Path) -> dict[str, str]:
    """Every file of the kit and of its zip, as text (both hold text files only)."""
    texts = {rel: (kit / rel).read_text(encoding="utf-8") for rel in _tree(kit)}
    with zipfile.ZipFile(kit.parent / f"{kit.name}.zip") as zf:
        texts.update({f"zip:{i.filename}": zf.read(i).decode("utf-8") for i in zf.infolist()})
    return texts


def test_no_file_of_the_kit_or_its_zip_holds_an_answer_in_clear(kit, clear_pack):
    article = load_article(SEED_ARTICLE)
    secrets = _long_secrets(article)
    assert len(secrets) > 40, "the check has teeth: the repository's pack has its key texts"
    # the forms a clear short answer takes in a pack file
    raw = [rf"answer:\s*['\"]?{re.escape(str(k['answer']))}\b" for k in (clear_pack.get("exercises") or {}).values()
           if isinstance(k, dict) and k.get("answer") is not None]
    raw += [rf"{re.escape(str(sid))}:\s*['\"]?{re.escape(str(label))}" for k in (clear_pack.get("exercises") or {}).values()
            if isinstance(k, dict) for sid, label in (k.get("labels") or {}).items()]
    raw += [rf"label:\s*['\"]?({'|'.join(VOICE_KEY_LABELS)})\b", r"\bvoice_key\b[^\n]*\b(author_claim|reported_view)\b",
            r"^\s*-?\s*(alternative_)?role:"]
    shown = _shown_answers(clear_pack)
    leaks = []
    for rel, text in _kit_texts(kit).items():
        hay = flat(text)
        leaks += [f"{rel}: {s}" for s in secrets if s in hay]
        leaks += [f"{rel}: {s}" for s in shown if flat(s) in hay]
        leaks += [f"{rel}: /{r}/" for r in raw if re.search(r, text, re.M)]
    assert leaks == []


def test_the_kit_pack_has_no_answer_field_and_every_short_answer_sealed(kit):
    pack_dir = kit / PACK
    assert not (pack_dir / "key").exists()
    found, sealed = [], 0

    def walk(value, where):
        nonlocal sealed
        if isinstance(value, dict):
            for k, v in value.items():
                if k in ANSWER_FIELDS:
                    found.append(f"{where}/{k}")
                if k in ("answer", "label"):
                    assert keys.is_sealed(v), f"{where}/{k}: {v!r}"
                    sealed += 1
                if k == "labels":
                    assert all(keys.is_sealed(x) for x in v.values()), f"{where}/labels"
                    sealed += len(v)
                walk(v, f"{where}/{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")

    for path in sorted(pack_dir.glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert found == []
    assert sealed >= 30
    data = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in pack_dir.glob("*.yaml")}
    # what the kit keeps in clear: hints, the rubric, the map (with a note for each contested voice)
    assert data["exercises"]["01_predict_thesis"]["look_for"] and data["exercises"]["01_predict_thesis"]["withheld"]
    assert data["critique"]["rubric"]["standards"] and "observations" not in data["critique"]
    assert all(ex.get("withheld") or keys.is_sealed(ex.get("answer")) for ex in data["critique"]["exercises"].values())
    assert data["critique"]["exercises"]["04_voices"]["withheld"] is True
    assert data["trace"] == {"article_id": SEED, "withheld": True}
    assert "opening_frame" not in data["commentary"]["lesson_01"] and data["commentary"]["lesson_01"]["dating"]
    assert all(s.get("note") for s in data["argument"]["statements"] if s["voice"] == "contested")
    # the paragraph roles are an exercise's key: only the cue (its hint) stays
    assert data["reading"]["paragraph_roles"] and all(set(r) <= {"paragraph", "cue"} for r in data["reading"]["paragraph_roles"])
    assert (pack_dir / "glossary.yaml").read_bytes() == (REPO / PACK / "glossary.yaml").read_bytes()


def _clear_exercises(clear_pack) -> dict[tuple[str, str], dict]:
    """(pack file, exercise id) -> key, for every exercise key of the repository's pack."""
    found = {}
    for path in sorted(clear_pack.root.glob("*.yaml")):
        data = clear_pack.get(path.stem) or {}
        block = data if path.stem == "exercises" else data.get("exercises")
        for eid, key in (block or {}).items() if isinstance(block, dict) else []:
            if isinstance(key, dict):
                found[(path.stem, str(eid))] = key
    return found


def _kit_exercise(kit: Path, name: str, eid: str) -> dict:
    data = yaml.safe_load((kit / PACK / f"{name}.yaml").read_text(encoding="utf-8"))
    key = (data if name == "exercises" else data["exercises"])[eid]
    for part in ("labels", "also"):  # items by their text (a paragraph number is a number in YAML)
        if isinstance(key.get(part), dict):
            key[part] = {str(k): v for k, v in key[part].items()}
    return key


def test_every_sealed_answer_matches_its_clear_answer_and_no_other(kit, clear_pack):
    checked = 0
    for (name, eid), key in _clear_exercises(clear_pack).items():
        mine = _kit_exercise(kit, name, eid)
        if key.get("answer") is not None:
            sealed = mine["answer"]
            assert keys.matches(sealed, key["answer"], eid, ""), eid
            others = [o for o in ("p1.s1", "p1.s2", "p1.s3", "p1.s4", "p8.s1", "p8.s2") if o != key["answer"]]
            assert not [o for o in others if keys.matches(sealed, o, eid, "")]
            assert not keys.matches(sealed, key["answer"], "another_exercise", "")
            checked += 1
        labels = {str(k): v for k, v in (key.get("labels") or {}).items()}
        also = {str(k): (v if isinstance(v, list) else [v]) for k, v in (key.get("also") or {}).items()}
        options = set(VOICE_LABELS) | set(labels.values()) | {x for v in also.values() for x in v}
        for sid, label in labels.items():
            sealed = mine["labels"][sid]
            assert keys.matches(sealed, label, eid, sid) and keys.matches(sealed, str(label).upper(), eid, sid)
            assert not [o for o in options if o != label and keys.matches(sealed, o, eid, sid)]
            assert not keys.matches(sealed, label, eid, "p9.s9")
            for other in also.get(sid, []):
                assert any(keys.matches(x, other, eid, sid) for x in mine["also"][sid]), (eid, sid, other)
            checked += 1
        for arg, kit_arg in zip(key.get("arguments") or [], mine.get("arguments") or []):
            assert keys.matches(kit_arg["scheme"], arg["scheme"], eid, str(arg["id"]))
            assert not keys.matches(kit_arg["scheme"], "no_such_scheme", eid, str(arg["id"]))
            for other in arg.get("accept") or []:
                assert any(keys.matches(x, other, eid, str(arg["id"])) for x in kit_arg["accept"])
            checked += 1
        if not (key.get("answer") is not None or labels or key.get("arguments")):
            assert mine.get("withheld") is True, eid
    reading = yaml.safe_load((kit / PACK / "reading.yaml").read_text(encoding="utf-8"))
    kit_voices = {e["sentence"]: e for e in reading["voice_key"]}
    for entry in (clear_pack.get("reading") or {}).get("voice_key") or []:
        sid, mine = entry["sentence"], kit_voices[entry["sentence"]]
        assert keys.matches(mine["label"], entry["label"], VOICE_ID, sid)
        assert not [o for o in VOICE_KEY_LABELS if o != entry["label"] and keys.matches(mine["label"], o, VOICE_ID, sid)]
        accepted = {r["label"] for r in entry.get("readings") or []}
        for reading_label in accepted:
            assert any(keys.matches(r["label"], reading_label, VOICE_ID, sid) for r in mine["readings"])
        checked += 1
    assert checked >= 25


def test_the_same_salt_gives_the_same_kit_and_a_random_salt_is_only_inside_the_sealed_values(kit, tmp_path):
    again = tmp_path / "again" / kit.name
    assert _kit_cmd("--out", str(again), "--salt", SALT).returncode == 0
    assert _tree(again) == _tree(kit)
    assert again.with_name(f"{kit.name}.zip").read_bytes() == kit.with_name(f"{kit.name}.zip").read_bytes()
    randomly = tmp_path / "random"
    proc = _kit_cmd("--out", str(randomly))
    assert proc.returncode == 0, proc.stderr
    exercises = yaml.safe_load((randomly / PACK / "exercises.yaml").read_text(encoding="utf-8"))
    salt = exercises["01_predict_question"]["answer"].split(":")[1]
    assert salt != SALT and len(salt) >= 16
    for rel, text in _kit_texts(randomly).items():
        assert text.count(salt) == text.count(f"sealed:{salt}:"), f"{rel} holds the salt outside a sealed value"
    differ = {rel for rel, digest in _tree(randomly).items() if _tree(kit).get(rel) != digest}
    # only the files with sealed values differ, and each of them only in its sealed values
    assert {f"{PACK}/exercises.yaml", f"{PACK}/reading.yaml"} <= differ
    unseal = lambda text: re.sub(r"sealed:[^:\s]+:[0-9a-f]{64}", "SEALED", text)
    for rel in sorted(differ):
        assert rel.startswith(f"{PACK}/") and unseal((randomly / rel).read_text(encoding="utf-8")) == \
            unseal((kit / rel).read_text(encoding="utf-8")), rel


def test_the_exercises_check_against_the_sealed_keys_as_against_the_clear_ones(kit, clear_pack, monkeypatch):
    """The forms of ``_shown_answers`` are what the real exercises show with a clear key; with the
    kit's pack the same exercises give the same verdicts and show none of them."""
    from helpers.present import exercises

    piece = load_article(SEED_ARTICLE)
    options = exercises.choice.sentence_options(piece.paragraph(1).sentences)

    def made(pack):
        choice = exercises.choice.ChoiceExercise("01_predict_question", "E", "Q", options,
                                                 pack.exercise("01_predict_question"), article=piece)
        labels = exercises.labels.LabelExercise.over_sentences(
            "01_opening_voices", "E", "Q", piece.paragraph(1).sentences, VOICE_LABELS,
            pack.exercise("01_opening_voices"), piece)
        return choice, labels

    right = clear_pack.exercise("01_predict_question")["answer"]
    wrong = next(v for _, v in options if v != right)
    labels = {str(k): v for k, v in clear_pack.exercise("01_opening_voices")["labels"].items()}
    choice, voices = made(clear_pack)
    shown = _shown_answers(clear_pack)
    said = " ".join([choice.solution(), choice.check(right).message, voices.solution(), voices.check(labels).message])
    assert [s for s in shown if flat(s) in flat(said)], "the forms looked for are the forms the exercises show"
    monkeypatch.setenv("CLOSE_READING_DATA", str(kit / "data"))
    sealed_pack = load_pack(piece)
    assert keys.is_sealed(sealed_pack.exercise("01_predict_question")["answer"])
    choice, voices = made(sealed_pack)
    assert choice.check(right).correct is True and choice.check(wrong).correct is False
    assert voices.check(labels).correct is True
    flipped = {k: next(o for o in VOICE_LABELS if o != v) for k, v in labels.items()}
    assert voices.check(flipped).correct is False
    said = " ".join([choice.check(wrong).message, voices.check(flipped).message])
    assert not [s for s in shown if flat(s) in flat(said)]


def test_the_statement_coding_checks_against_the_sealed_statements_as_against_the_clear_ones(kit, clear_pack,
                                                                                            monkeypatch):
    from helpers.present.exercises.statements import StatementCodingExercise

    piece = load_article(SEED_ARTICLE)
    clear = clear_pack.get("statements")
    coded = [s for s in clear["statements"]][:3]
    right = [{"actor": s["actor"], "concept": s["concept"], "agreement": int(s["agreement"]), "sentence": s["sentence"]}
             for s in coded]
    wrong_sign = [dict(r, agreement=-r["agreement"] or 1) for r in right]
    other_concept = next(c for c in clear["concepts"] if c != right[0]["concept"])
    wrong_concept = [dict(right[0], concept=other_concept), *right[1:]]
    monkeypatch.setenv("CLOSE_READING_DATA", str(kit / "data"))
    sealed = load_pack(piece).get("statements")
    text = json.dumps(sealed, ensure_ascii=False, default=str)
    assert all(keys.is_sealed(s["actor"]) and keys.is_sealed(s["concept"]) for s in sealed["statements"])
    assert not [s for s in clear["statements"] if s.get("quote") and s["quote"] in text]
    for key in (clear, sealed):
        ex = StatementCodingExercise("04_code_statements", "E", "Q", piece, key)
        assert ex.check(right).correct is True, key is sealed
        assert ex.check(wrong_sign).correct is False and "same agreement sign" in ex.check(wrong_sign).message
        verdict = ex.check(wrong_concept)
        assert verdict.correct is False and "the concept differs" in verdict.message


def test_the_scheme_instances_and_the_conclusions_voice_are_sealed_under_neutral_ids(kit, clear_pack):
    from helpers.analysis.arguments.schemes import SEAL_SCOPE, load_schemes

    schemes = load_schemes()
    clear = clear_pack.get("schemes")["instances"]
    kit_schemes = yaml.safe_load((kit / PACK / "schemes.yaml").read_text(encoding="utf-8"))["instances"]
    assert [i["id"] for i in kit_schemes] == [f"argument-{n}" for n in range(1, len(clear) + 1)]
    text = (kit / PACK / "schemes.yaml").read_text(encoding="utf-8")
    # no instance id, scheme id or question id of the repository's pack is left in clear
    for inst in clear:
        assert inst["id"] not in text and f"scheme: {inst['scheme']}" not in text
        assert not [q["id"] for q in inst.get("critical_questions") or [] if re.search(rf"\b{q['id']}\b", text)]
    checked = 0
    for inst, mine in zip(clear, kit_schemes):
        kid = mine["id"]
        assert keys.matches(mine["scheme"], inst["scheme"], SEAL_SCOPE, kid)
        assert not [o for o in schemes if o != inst["scheme"] and keys.matches(mine["scheme"], o, SEAL_SCOPE, kid)]
        assert mine["premises"] == inst["premises"] and mine["conclusion"] == inst["conclusion"]
        given = {q["id"]: q for q in inst.get("critical_questions") or []}
        assert len(mine["critical_questions"]) == len(schemes[inst["scheme"]].critical_questions)
        for q in schemes[inst["scheme"]].critical_questions:
            sealed = next(m for m in mine["critical_questions"] if keys.matches(m["id"], q.id, SEAL_SCOPE, kid))
            status = (given.get(q.id) or {}).get("status", "open")
            assert keys.matches(sealed["status"], status, SEAL_SCOPE, f"{kid}.{q.id}")
            assert not [o for o in ("open", "answered", "failed") if o != status
                        and keys.matches(sealed["status"], o, SEAL_SCOPE, f"{kid}.{q.id}")]
            checked += 1
    assert checked >= 15
    # the scheme exercise names the instances by their kit ids
    names = {inst["id"]: mine["id"] for inst, mine in zip(clear, kit_schemes)}
    kit_args = _kit_exercise(kit, "exercises", "05_schemes")["arguments"]
    assert [a["instance"] for a in kit_args] == [names[a["instance"]] for a in clear_pack.exercise("05_schemes")["arguments"]]
    # the conclusion's voice is 05_conclusion_voice's key: sealed, its speaker left out
    clear_map = clear_pack.get("argument")
    kit_map = yaml.safe_load((kit / PACK / "argument.yaml").read_text(encoding="utf-8"))
    conclusion = next(s for s in clear_map["statements"] if s["kind"] == "conclusion")
    mine = next(s for s in kit_map["statements"] if s["kind"] == "conclusion")
    assert keys.matches(mine["voice"], conclusion["voice"], "05_conclusion_voice", "")
    assert not [v for v in ("author", "reported", "contested") if v != conclusion["voice"]
                and keys.matches(mine["voice"], v, "05_conclusion_voice", "")]
    assert "speaker" not in mine and "note" not in mine
    assert {r.get("scheme") for r in kit_map["relations"]} - {None} <= set(names.values())


def test_the_scheme_and_conclusion_exercises_check_against_the_sealed_keys_as_against_the_clear_ones(
        kit, clear_pack, monkeypatch):
    from helpers.analysis.arguments import pack_argument_map, validate_argument_map
    from helpers.present.exercises.choice import conclusion_voice_exercise
    from helpers.present.exercises.schemes import scheme_exercise

    piece = load_article(SEED_ARTICLE)
    clear_args = clear_pack.exercise("05_schemes")["arguments"]
    instances = {i["id"]: i for i in clear_pack.get("schemes")["instances"]}

    def answers(status_of):
        out = {}
        for arg in clear_args:
            inst = instances[arg["instance"]]
            lines = [f"{q['id']}: {status_of(q)} — {', '.join(q.get('sentences') or ['p1.s1'])}"
                     for q in inst["critical_questions"][:2]]
            out[str(arg["id"])] = {"scheme": arg["scheme"], "answers": "\n".join(lines)}
        return out

    right = answers(lambda q: q.get("status", "open"))
    flipped = answers(lambda q: "failed" if q.get("status", "open") != "failed" else "answered")
    wrong_scheme = {k: dict(v, scheme="consequences" if v["scheme"] != "consequences" else "sign")
                    for k, v in right.items()}
    conclusion = next(s for s in clear_pack.get("argument")["statements"] if s["kind"] == "conclusion")
    other_voice = next(v for v in ("author", "reported", "contested") if v != conclusion["voice"])
    verdicts = {}
    for which in ("clear", "sealed"):
        if which == "sealed":
            monkeypatch.setenv("CLOSE_READING_DATA", str(kit / "data"))
        amap = pack_argument_map(piece)
        assert validate_argument_map(amap.to_dict(), piece) == [], which
        ex = scheme_exercise(piece, amap)
        whose = conclusion_voice_exercise(piece, amap)
        verdicts[which] = (ex.check(right).correct, ex.check(flipped).correct, ex.check(wrong_scheme).correct,
                           whose.check(conclusion["voice"]).correct, whose.check(other_voice).correct)
        if which == "sealed":
            said = " ".join([ex.check(flipped).message, ex.check(wrong_scheme).message, whose.check(other_voice).message,
                             " ".join(ex.check(flipped).hints), ex.solution(), whose.solution()])
            reasons = [conclusion["note"]] + [inst.get("summary") or "" for inst in instances.values()]
            assert not [r for r in reasons if r and flat(r)[:50] in flat(said)]
            assert "sealed:" not in said
    assert verdicts["clear"] == (True, False, False, True, False)
    assert verdicts["sealed"] == verdicts["clear"]


# -- running it ------------------------------------------------------------------------------------

_PROBE = ("import json as _json, sys as _sys\n"
          "print('KIT-MODULES ' + _json.dumps(sorted((n, getattr(m, '__file__', None) or '') for n, m in "
          "_sys.modules.items() if n == 'helpers' or n.startswith('helpers.'))))")


@pytest.fixture(scope="module")
def executed(kit, tmp_path_factory):
    """Every workbook of the kit run by papermill: cwd the kit's notebooks/, the kit on PYTHONPATH,
    an empty work folder; a last cell (in a copy outside the kit) lists the helpers modules loaded."""
    import nbformat
    import papermill
    import time

    tmp = tmp_path_factory.mktemp("kit-run")
    work = tmp / "work"
    before = _tree(kit)
    # Python's own bytecode caches are not the notebooks writing into the kit: without this, a machine
    # where PYTHONDONTWRITEBYTECODE is not set (a new user's) sees helpers/__pycache__ appear there
    env = {"PYTHONPATH": str(kit), "CLOSE_READING_WORK": str(work), "PYTHONDONTWRITEBYTECODE": "1"}
    runs, seconds = {}, {}
    with environ(env, unset=("CLOSE_READING_DATA",)):
        for path in sorted((kit / "notebooks").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            nb.cells.append(nbformat.v4.new_code_cell(_PROBE))
            source = tmp / f"in-{path.name}"
            nbformat.write(nb, source)
            start = time.perf_counter()
            papermill.execute_notebook(str(source), str(tmp / path.name), cwd=str(kit / "notebooks"),
                                       kernel_name="python3", progress_bar=False, log_output=False,
                                       kernel_manager_class=ipc_kernel_manager(tmp / "ipc"))
            seconds[path.stem] = time.perf_counter() - start
            runs[path.stem] = json.loads((tmp / path.name).read_text(encoding="utf-8"))
    print(f"kit notebooks: {', '.join(f'{k} {v:.1f} s' for k, v in seconds.items())}; "
          f"total {sum(seconds.values()):.1f} s")
    return {"runs": runs, "work": work, "before": before, "after": _tree(kit)}


def _outputs_text(nb: dict) -> str:
    parts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            parts.append(json.dumps(out.get("text", ""), ensure_ascii=False))
            for data in out.get("data", {}).values():
                parts.append(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False))
            parts += [str(x) for x in out.get("traceback", [])]
    parts.append(json.dumps(nb.get("metadata", {}).get("widgets", {}), ensure_ascii=False))
    return flat("\n".join(parts).replace("\\n", " "))


def test_every_kit_notebook_runs_on_the_kits_own_helpers(kit, executed):
    assert sorted(executed["runs"]) == sorted(p.stem for p in (kit / "notebooks").glob("*.ipynb"))
    for name, nb in executed["runs"].items():
        errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert errors == [], name
        probe = "".join(nb["cells"][-1]["outputs"][0]["text"])
        modules = json.loads(probe.split("KIT-MODULES ", 1)[1])
        assert modules and not [m for m, _ in modules if m.startswith("helpers.site")], name
        outside = [(m, f) for m, f in modules if f and not Path(f).resolve().is_relative_to(kit.resolve())]
        assert outside == [], f"{name} imported helpers from outside the kit: {outside[:3]}"


def test_running_the_kit_shows_no_key_text_and_writes_nothing(kit, clear_pack, executed):
    secrets = _long_secrets(load_article(SEED_ARTICLE))
    shown = [flat(s) for s in _shown_answers(clear_pack)]
    leaks = []
    for name, nb in executed["runs"].items():
        hay = _outputs_text(nb)
        leaks += [f"{name}: {s}" for s in secrets if s in hay]
        leaks += [f"{name}: {s}" for s in shown if s in hay]
    assert leaks == []
    # the teeth: the kit's notebooks show the lesson (its article, its notes) in their outputs
    assert "Moscow" in _outputs_text(executed["runs"]["01_source_article"])
    work = executed["work"]
    assert not work.exists() or [p for p in work.rglob("*") if p.is_file()] == []
    assert executed["after"] == executed["before"], "running the notebooks changed the kit"


# -- bad input -------------------------------------------------------------------------------------

def test_bad_input_gives_one_line_and_exit_status_2(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n", encoding="utf-8")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine\n", encoding="utf-8")
    cases = {  # name: (arguments, what the message names)
        "unknown article": (["--article", "no-such-article", "--out", str(tmp_path / "k1")], "no-such-article"),
        "missing article file": (["--article", str(tmp_path / "gone.txt"), "--out", str(tmp_path / "k2")], "gone.txt"),
        "out is a file": (["--out", str(a_file)], "a-file"),
        "out inside a file": (["--out", str(a_file / "kit")], "a-file"),
        "out holds other files": (["--out", str(foreign)], "foreign"),
        "salt a sealed value cannot hold": (["--out", str(tmp_path / "k3"), "--salt", "a:b"], "salt"),
    }
    problems = []
    for case, (args, names) in cases.items():
        proc = _kit_cmd(*args)
        lines = proc.stderr.strip().splitlines()
        if proc.returncode != 2 or len(lines) != 1 or not lines[0].startswith("error: ") or names not in lines[0]:
            problems.append(f"{case}: status {proc.returncode}, stderr {proc.stderr[-400:]!r}")
        if "Traceback" in proc.stderr + proc.stdout:
            problems.append(f"{case}: a traceback")
    assert problems == []
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine\n" and sorted(foreign.iterdir()) == [foreign / "notes.txt"]
    assert not (tmp_path / "k1").exists() and not (tmp_path / "k1.zip").exists()


def test_the_console_script_runs_the_same_command(tmp_path):
    script = Path(sys.executable).with_name("close-reading")
    if not script.exists():
        pytest.skip(f"{script} is not installed (pip install -e .)")
    proc = _kit_cmd("--article", "no-such-article", program=[str(script)])
    assert proc.returncode == 2 and proc.stderr.startswith("error: no-such-article")
    proc = _kit_cmd("--out", str(tmp_path / "kit"), "--salt", SALT, program=[str(script)])
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "kit.zip").is_file() and (tmp_path / "kit" / PACK / "exercises.yaml").is_file()

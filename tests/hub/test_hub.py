"""The seminar on a real JupyterHub (deploy/hub/) on 127.0.0.1, with three students and an instructor.

One hub for the module, on free ports, with system users created by the hub under a test prefix
and removed at the end: each student logs in (a password chosen at first use), gets a server
running as that student, pulls the course (the student kit, in a git repository served by
``git daemon``) with nbgitpuller, saves answers from a kernel in that server; the files belong to
the student and no other student can read them; the instructor updates a lesson and a re-pull
keeps the student's own edits and saved work; the instructor collects the class's work as root.
Every process started is ended within the test.
"""

from __future__ import annotations

import csv
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from hub_support import (DEPLOY, HUB_ENV, REPO, end_processes, free_ports, missing_components, pids_in_group,
                         pids_of_user, proxy_command)

requests = pytest.importorskip("requests")
websocket = pytest.importorskip("websocket")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ARTICLE = "edm-2019-16-138-moscow-baku-rapprochement"
COURSE = "close-reading-lab"          # the nbgitpuller link's targetpath (the config's COURSE_FOLDER)
ANSWERS = {"s1": ("Dana Reyes", True), "s2": ("Lee Moreau", False), "s3": ("<b>the editors</b>", False)}
LABELS = {"s1": {"p1.s1": "a reported view", "p2.s1": "the author's claim"},
          "s2": {"p1.s1": "a reported view", "p2.s1": "a reported view"},
          "s3": {"p1.s1": "a reported view", "p2.s1": "the author's claim"}}


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


class Hub:
    """The running hub and what the test needs to talk to it."""

    def __init__(self, root: Path):
        self.root = root
        self.prefix = "crlt" + secrets.token_hex(3)
        self.students = {key: f"{self.prefix}{key}" for key in ("s1", "s2", "s3")}
        self.instructor = f"{self.prefix}in"
        self.users = [*self.students.values(), self.instructor]
        self.port, hub_port, proxy_port, self.git_port = free_ports(4)
        self.url = f"http://127.0.0.1:{self.port}"
        self.state = root / "state"
        self.roster = root / "roster.csv"
        self.roster.write_text("username,role\n" + f"{self.instructor},instructor\n"
                               + "".join(f"{u},student\n" for u in self.students.values()))
        self.env = {**os.environ,
                    "CLOSE_READING_HUB_ROSTER": str(self.roster), "CLOSE_READING_HUB_STATE": str(self.state),
                    "CLOSE_READING_HUB_BIND_URL": self.url,
                    "CLOSE_READING_HUB_HUB_BIND_URL": f"http://127.0.0.1:{hub_port}",
                    "CLOSE_READING_HUB_PROXY_API_URL": f"http://127.0.0.1:{proxy_port}",
                    "CLOSE_READING_HUB_ENV": str(HUB_ENV), "CLOSE_READING_HUB_PROXY": proxy_command()}
        self.process: subprocess.Popen | None = None
        self.daemon: subprocess.Popen | None = None
        self.tokens: dict[str, str] = {}
        self.repo_url = f"git://127.0.0.1:{self.git_port}/course"

    # -- the course repository ------------------------------------------------------------------
    def make_course(self) -> Path:
        """The student kit as the instructor's course repository, served by git daemon."""
        served = self.root / "served"
        course = served / "course"
        out = subprocess.run([sys.executable, "-m", "helpers", "kit", "--out", str(course), "--salt", "hub-test"],
                             cwd=REPO, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        (served / "course.zip").unlink(missing_ok=True)
        git("init", "-q", "-b", "main", cwd=course)
        git("add", "-A", cwd=course)
        git("commit", "-q", "-m", "The course", cwd=course)
        self.daemon = subprocess.Popen(
            ["git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1", f"--port={self.git_port}",
             f"--base-path={served}", str(served)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while subprocess.run(["git", "ls-remote", self.repo_url], capture_output=True).returncode:
            assert time.monotonic() < deadline, "git daemon did not start"
            time.sleep(0.2)
        return course

    # -- the hub --------------------------------------------------------------------------------
    def start(self) -> None:
        self.log = (self.root / "hub.log").open("w")
        self.process = subprocess.Popen(["bash", str(DEPLOY / "start.sh")], cwd=self.root, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while True:
            assert self.process.poll() is None, f"the hub stopped:\n{self.log_text()}"
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, f"the hub did not answer:\n{self.log_text()}"
            time.sleep(0.3)
        # the instructor's API token, made by JupyterHub's own command on the hub's database
        out = subprocess.run([str(HUB_ENV / "bin" / "jupyterhub"), "token", "-f", str(DEPLOY / "jupyterhub_config.py"),
                              self.instructor], cwd=self.root, env=self.env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        self.tokens[self.instructor] = out.stdout.strip().splitlines()[-1]

    def log_text(self) -> str:
        self.log.flush()
        return (self.root / "hub.log").read_text(errors="replace")[-6000:]

    def api(self, method: str, path: str, token: str | None = None, **kw):
        token = token or self.tokens[self.instructor]
        kw.setdefault("timeout", 120)
        return requests.request(method, f"{self.url}/hub/api{path}", headers={"Authorization": f"token {token}"}, **kw)

    def user_api(self, user: str, method: str, path: str, **kw):
        return requests.request(method, f"{self.url}/user/{user}{path}",
                                headers={"Authorization": f"token {self.tokens[user]}"}, timeout=300, **kw)

    def login(self, user: str, password: str) -> requests.Session:
        """Log in through the hub's login form, as a browser does; returns the logged-in session."""
        session = requests.Session()
        page = session.get(f"{self.url}/hub/login", timeout=30)
        xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
        form = {"username": user, "password": password, **({"_xsrf": xsrf.group(1)} if xsrf else {})}
        session.post(f"{self.url}/hub/login", data=form, timeout=60, allow_redirects=False)
        return session

    def start_server(self, user: str) -> None:
        response = self.api("POST", f"/users/{user}/server")
        assert response.status_code in (201, 202), response.text
        deadline = time.monotonic() + 180
        while not (self.api("GET", f"/users/{user}").json()["servers"].get("") or {}).get("ready"):
            assert time.monotonic() < deadline, f"{user}'s server did not start:\n{self.log_text()}"
            time.sleep(0.5)

    def pull(self, user: str) -> str:
        """nbgitpuller's pull, as its link's page runs it; returns the event stream it sent."""
        response = self.user_api(user, "GET", "/git-pull/api",
                                 params={"repo": self.repo_url, "branch": "main", "targetpath": COURSE})
        assert response.status_code == 200, response.text
        assert '"phase": "finished"' in response.text, response.text
        return response.text

    def run_code(self, user: str, code: str) -> str:
        """Run ``code`` in a new kernel of ``user``'s server (in the course's notebooks folder);
        returns what it printed. The kernel is shut down afterwards."""
        kernel = self.user_api(user, "POST", "/api/kernels", json={"name": "python3", "path": f"{COURSE}/notebooks"})
        assert kernel.status_code == 201, kernel.text
        kernel_id = kernel.json()["id"]
        try:
            ws = websocket.create_connection(
                f"ws://127.0.0.1:{self.port}/user/{user}/api/kernels/{kernel_id}/channels",
                header=[f"Authorization: token {self.tokens[user]}"], timeout=120)
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "username": user, "session": uuid.uuid4().hex,
                           "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True}}))
            printed, error, replied, idle = [], None, False, False
            while not (replied and idle):
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                if kind == "stream":
                    printed.append(msg["content"]["text"])
                elif kind == "error":
                    error = "\n".join(msg["content"]["traceback"])
                elif kind == "execute_reply":
                    replied = True
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
            ws.close()
            assert error is None, error
            return "".join(printed)
        finally:
            self.user_api(user, "DELETE", f"/api/kernels/{kernel_id}")

    # -- taking it all down -----------------------------------------------------------------------
    def stop(self) -> list[str]:
        """Stop the servers, the hub (with its proxy and culler), git daemon; remove the users.
        Returns what was still running or still there afterwards (empty when all is gone)."""
        left = []
        if self.process is not None:
            for user in self.users if self.tokens else ():
                try:
                    self.api("DELETE", f"/users/{user}/server", timeout=60)
                except requests.RequestException:  # the hub may be gone already
                    pass
            pgid = self.process.pid
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            end_processes(pids_in_group(pgid))  # the proxy and the culler, if the hub left them
            left += [f"process {p} of the hub's group" for p in pids_in_group(pgid)]
            self.log.close()
        if self.daemon is not None:
            self.daemon.terminate()
            try:
                self.daemon.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.daemon.kill()
                self.daemon.wait()
        for user in self.users:
            end_processes(pids_of_user(user))  # servers and kernels the hub did not stop
            left += [f"process {p} of {user}" for p in pids_of_user(user)]
            try:
                pwd.getpwnam(user)
            except KeyError:
                continue
            subprocess.run(["userdel", "--remove", user], capture_output=True)
            try:
                pwd.getpwnam(user)
                left.append(f"user {user}")
            except KeyError:
                pass
        return left


@pytest.fixture(scope="module")
def hub():
    reason = missing_components()
    if reason:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="crl-hub-"))
    hub = Hub(root)
    started = time.monotonic()
    try:
        hub.course = hub.make_course()
        made = time.monotonic()
        hub.start()
        print(f"\nhub test: the course repository (the student kit) in {made - started:.1f} s, "
              f"the hub up in {time.monotonic() - made:.1f} s")
        yield hub
    finally:
        stopping = time.monotonic()
        left = hub.stop()
        shutil.rmtree(root, ignore_errors=True)
        print(f"\nhub test: {time.monotonic() - started:.1f} s from the course repository to everything stopped "
              f"(stopping {time.monotonic() - stopping:.1f} s)")
        assert not left, f"left behind: {left}"


def test_the_seminar_on_the_hub(hub):
    times = {}
    t0 = time.monotonic()
    # the roster's system users exist (created by the hub), homes private; the instructor is the admin
    for user in hub.users:
        entry = pwd.getpwnam(user)
        assert Path(entry.pw_dir).stat().st_mode & 0o077 == 0
    users = {u["name"]: u for u in hub.api("GET", "/users").json()}
    assert set(users) == set(hub.users)
    assert users[hub.instructor]["admin"] and not any(users[s]["admin"] for s in hub.students.values())
    services = hub.api("GET", "/services").json()
    assert services["idle-culler"]["command"][1:3] == ["-m", "jupyterhub_idle_culler"]
    assert services["idle-culler"]["pid"], "the idle culler is not running"

    # each student logs in with the password chosen at first use; a wrong one is refused afterwards
    sessions = {}
    for key, user in hub.students.items():
        session = sessions[user] = hub.login(user, f"first-use-{key}-pw")
        home = session.get(f"{hub.url}/hub/home", timeout=30, allow_redirects=False)
        assert home.status_code == 200 and user in home.text
    refused = hub.login(hub.students["s1"], "another-password")
    assert refused.get(f"{hub.url}/hub/home", timeout=30, allow_redirects=False).status_code == 302
    not_on_roster = hub.login(f"{hub.prefix}xx", "a-long-password")
    assert not_on_roster.get(f"{hub.url}/hub/home", timeout=30, allow_redirects=False).status_code == 302
    for user in hub.students.values():
        made = hub.api("POST", f"/users/{user}/tokens", json={"note": "hub test", "expires_in": 3600})
        assert made.status_code == 201, made.text
        hub.tokens[user] = made.json()["token"]
    times["log in"] = time.monotonic() - t0

    # each student's server runs as that student, in JupyterLab
    t = time.monotonic()
    for user in hub.students.values():
        hub.start_server(user)
    times["start 3 servers"] = time.monotonic() - t
    for user in hub.students.values():
        pids = pids_of_user(user)
        assert pids, f"no process runs as {user}"
        root = hub.user_api(user, "GET", "/", allow_redirects=False)
        assert root.status_code == 302 and root.headers["Location"].split("?")[0].endswith(f"/user/{user}/lab")
        lab = hub.user_api(user, "GET", "/lab", allow_redirects=False)
        assert lab.status_code == 200 and "JupyterLab" in lab.text

    # the link students click: the hub sends it to the student's own server, which pulls the course
    link = {"repo": hub.repo_url, "branch": "main", "targetpath": COURSE,
            "urlpath": f"lab/tree/{COURSE}/notebooks/01_source_article.ipynb"}
    redirect = sessions[hub.students["s1"]].get(f"{hub.url}/hub/user-redirect/git-pull", params=link,
                                                allow_redirects=False, timeout=30)
    assert redirect.status_code == 302
    assert redirect.headers["Location"].startswith(f"/hub/spawn/{hub.students['s1']}?next=")  # its server runs:
    onward = sessions[hub.students["s1"]].get(f"{hub.url}{redirect.headers['Location']}", allow_redirects=False,
                                              timeout=30)
    assert onward.status_code == 302
    assert onward.headers["Location"].startswith(f"/user/{hub.students['s1']}/git-pull?")
    page = hub.user_api(hub.students["s1"], "GET", "/git-pull", params=link)
    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    t = time.monotonic()
    for user in hub.students.values():
        hub.pull(user)
        course = Path(pwd.getpwnam(user).pw_dir) / COURSE
        assert (course / "notebooks" / "01_source_article.ipynb").is_file()
        assert (course / "helpers" / "model" / "workspace.py").is_file()
        assert course.stat().st_uid == pwd.getpwnam(user).pw_uid
    times["pull the course 3 times"] = time.monotonic() - t

    # each student saves answers from a kernel in their server, with the course's own helpers
    t = time.monotonic()
    for key, user in hub.students.items():
        answer, correct = ANSWERS[key]
        printed = hub.run_code(user, f"""
import json, os
import helpers
from helpers.model.workspace import open_workspace
ws = open_workspace({ARTICLE!r})
ws.save_answer("01_this_author", {answer!r}, {correct!r}, tries=2)
ws.save_answer("02_voices", {LABELS[key]!r}, None, tries=1)
print(json.dumps({{"path": str(ws.path), "helpers": helpers.__file__, "uid": os.getuid(),
                  "limits": [os.environ.get("MEM_LIMIT"), os.environ.get("CPU_LIMIT")]}}))
""")
        said = json.loads(printed.strip().splitlines()[-1])
        entry = pwd.getpwnam(user)
        work = Path(entry.pw_dir) / "close-reading-work"
        assert said["uid"] == entry.pw_uid
        assert said["limits"] == [str(2 * 1024 ** 3), "1.0"]  # passed to the server, not enforced (deploy/README.md)
        assert said["path"] == str(work / f"{ARTICLE}.json")
        assert said["helpers"].startswith(str(Path(entry.pw_dir) / COURSE / "helpers"))
        saved = Path(said["path"])
        assert saved.stat().st_uid == entry.pw_uid and work.stat().st_uid == entry.pw_uid
        assert work.stat().st_mode & 0o077 == 0
        assert json.loads(saved.read_text())["answers"]["01_this_author"]["answer"] == answer
    times["save answers in 3 kernels"] = time.monotonic() - t

    # another student cannot read them, through their own server
    s1_work = Path(pwd.getpwnam(hub.students["s1"]).pw_dir) / "close-reading-work"
    printed = hub.run_code(hub.students["s2"], f"""
import os
found = []
for attempt in (lambda: open({str(s1_work / (ARTICLE + '.json'))!r}).read(), lambda: os.listdir({str(s1_work)!r})):
    try:
        attempt()
        found.append("read")
    except PermissionError:
        found.append("refused")
print(found)
""")
    assert printed.strip() == "['refused', 'refused']"
    denied = subprocess.run(["runuser", "-u", hub.students["s3"], "--", "cat", str(s1_work / f"{ARTICLE}.json")],
                            capture_output=True, text=True)
    assert denied.returncode != 0 and "Permission denied" in denied.stderr

    # the instructor updates a lesson; student 1 has edited lesson 01; a re-pull keeps both
    t = time.monotonic()
    lesson = hub.course / "notebooks" / "02_close_reading.ipynb"
    nb = json.loads(lesson.read_text())
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": ["Seminar note: read p4 aloud first."]})
    lesson.write_text(json.dumps(nb, indent=1) + "\n")
    git("commit", "-q", "-am", "Lesson 02: a seminar note", cwd=hub.course)
    s1 = hub.students["s1"]
    path = f"{COURSE}/notebooks/01_source_article.ipynb"
    model = hub.user_api(s1, "GET", f"/api/contents/{path}").json()
    model["content"]["cells"].append({"cell_type": "markdown", "metadata": {},
                                      "source": "My own note on the headline."})
    saved = hub.user_api(s1, "PUT", f"/api/contents/{path}",
                         json={"type": "notebook", "format": "json", "content": model["content"]})
    assert saved.status_code == 200, saved.text
    work_file = s1_work / f"{ARTICLE}.json"
    before = work_file.read_bytes()
    for user in (s1, hub.students["s2"]):
        hub.pull(user)
    home1 = Path(pwd.getpwnam(s1).pw_dir) / COURSE / "notebooks"
    assert "Seminar note: read p4 aloud first." in (home1 / "02_close_reading.ipynb").read_text()
    assert "My own note on the headline." in (home1 / "01_source_article.ipynb").read_text()
    assert work_file.read_bytes() == before
    home2 = Path(pwd.getpwnam(hub.students["s2"]).pw_dir) / COURSE / "notebooks"
    assert "Seminar note: read p4 aloud first." in (home2 / "02_close_reading.ipynb").read_text()
    times["update and re-pull"] = time.monotonic() - t

    # the instructor, as root, collects the class's work from the home folders
    t = time.monotonic()
    out = hub.root / "class-view"
    collected = subprocess.run([sys.executable, "-m", "helpers.site.collect", "--hub", "--roster", str(hub.roster),
                                "--out", str(out)], cwd=REPO, capture_output=True, text=True)
    assert collected.returncode == 0, collected.stderr
    rows = list(csv.DictReader((out / "class.csv").open(encoding="utf-8")))
    authors = {r["student"]: r for r in rows if r["exercise"] == "01_this_author"}
    assert sorted(authors) == ["student 1", "student 2", "student 3"]
    assert {r["answer"] for r in authors.values()} == {a for a, _ in ANSWERS.values()}
    assert {r["tries"] for r in authors.values()} == {"2"}
    page = (out / "class.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;the editors&lt;/b&gt;" in page and "Fleiss' kappa" in page
    assert not any(u in page or u in (out / "class.csv").read_text() for u in hub.users)
    times["collect"] = time.monotonic() - t
    print("\nhub test steps (s): " + ", ".join(f"{k} {v:.1f}" for k, v in times.items()))

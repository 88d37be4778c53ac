"""JupyterHub on one machine for a Close Reading Lab seminar (``deploy/README.md`` explains each choice).

* Who may log in: the roster (``roster.csv`` beside this file, or ``$CLOSE_READING_HUB_ROSTER``):
  one ``username,role`` line per person, role ``student`` or ``instructor``. Instructors are
  the hub's admins. Each person is a system user; a missing one is created when the hub starts
  (``useradd``, home folder mode 0700).
* How they log in: ``firstuse`` (default): each person chooses a password at the first login
  (FirstUseAuthenticator, only roster names accepted); ``pam``: the machine's own passwords.
* Each server runs as its student (``LocalProcessSpawner``) from the hub environment
  ``$CLOSE_READING_HUB_ENV`` (default: the environment running the hub), opens JupyterLab, has
  ``CLOSE_READING_WORK`` set to the student's work folder (mode 0700) and the course folder on
  ``PYTHONPATH``, so that the notebooks import the course's helpers from it.
* Idle servers are stopped by jupyterhub-idle-culler, run by the hub as a service.
* The hub listens on 127.0.0.1:8000 unless ``$CLOSE_READING_HUB_BIND_URL`` says otherwise; with
  ``$CLOSE_READING_HUB_SSL_CERT`` and ``$CLOSE_READING_HUB_SSL_KEY`` it serves HTTPS itself.

Every setting can be changed by an environment variable named below, so the same file serves a
seminar room, a test on free ports and a hub behind a university's TLS proxy.
"""

import csv
import os
import re
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent
ROLES = ("student", "instructor")
#: A portable Unix user name (useradd's own rule, without the trailing "$" of machine accounts).
USERNAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


def setting(name, default):
    """``$CLOSE_READING_HUB_<NAME>``, or ``default`` when it is unset or empty."""
    return os.environ.get(f"CLOSE_READING_HUB_{name}", "").strip() or default


def read_roster(path):
    """``{username: role}`` from a roster file; a bad line stops the hub with a message naming it."""
    people = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        sys.exit(f"error: {path}: the roster cannot be read ({exc.strerror}). "
                 "Write one (see deploy/hub/roster.csv) or set CLOSE_READING_HUB_ROSTER")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    rows = csv.reader([line for _, line in lines])
    for (number, _), row in zip(lines, rows):
        cells = [cell.strip() for cell in row]
        if [x.lower() for x in cells] == ["username", "role"]:
            continue
        if len(cells) != 2 or not USERNAME.match(cells[0]) or cells[1] not in ROLES:
            sys.exit(f"error: {path}:{number}: expected 'username,role' with a lower-case user name and a role "
                     f"of {' or '.join(ROLES)}, got {','.join(cells)!r}")
        if cells[0] in people:
            sys.exit(f"error: {path}:{number}: {cells[0]} is on the roster twice")
        people[cells[0]] = cells[1]
    if not any(role == "instructor" for role in people.values()):
        sys.exit(f"error: {path}: the roster names no instructor (role 'instructor'): the hub would have no admin")
    return people


ROSTER = read_roster(setting("ROSTER", HERE / "roster.csv"))
STATE = Path(setting("STATE", "/var/lib/close-reading-hub"))
STATE.mkdir(parents=True, exist_ok=True, mode=0o700)
ENV = Path(setting("ENV", sys.prefix))
COURSE_FOLDER = setting("COURSE_FOLDER", "close-reading-lab")  # the nbgitpuller link's targetpath
WORK_FOLDER = setting("WORK_FOLDER", "close-reading-work")     # inside each home folder

# -- where it listens ------------------------------------------------------------------------
c.JupyterHub.bind_url = setting("BIND_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = setting("HUB_BIND_URL", "http://127.0.0.1:8081")
c.ConfigurableHTTPProxy.api_url = setting("PROXY_API_URL", "http://127.0.0.1:8001")
c.ConfigurableHTTPProxy.command = [setting("PROXY", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
if setting("SSL_CERT", "") and setting("SSL_KEY", ""):
    c.JupyterHub.ssl_cert = setting("SSL_CERT", "")
    c.JupyterHub.ssl_key = setting("SSL_KEY", "")

# -- the hub's own files ---------------------------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# -- who may log in, and how -----------------------------------------------------------------
c.Authenticator.allowed_users = set(ROSTER)
c.Authenticator.admin_users = {name for name, role in ROSTER.items() if role == "instructor"}
c.LocalAuthenticator.create_system_users = True
c.LocalAuthenticator.add_user_cmd = ["useradd", "--create-home", "--shell", "/bin/bash", "--key", "HOME_MODE=0700"]

if setting("AUTH", "firstuse") == "pam":
    c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
else:
    from firstuseauthenticator import FirstUseAuthenticator
    from jupyterhub.auth import LocalAuthenticator

    class LocalFirstUseAuthenticator(FirstUseAuthenticator, LocalAuthenticator):
        """A password chosen at the first login, for roster names only, each one a system user."""

    c.JupyterHub.authenticator_class = LocalFirstUseAuthenticator
    c.FirstUseAuthenticator.create_users = False  # only names already in the hub (the roster)
    c.FirstUseAuthenticator.min_password_length = int(setting("MIN_PASSWORD_LENGTH", "8"))
    c.FirstUseAuthenticator.dbm_path = str(STATE / "passwords.dbm")

# -- each student's server -------------------------------------------------------------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(ENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = int(setting("START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(setting("HTTP_TIMEOUT", "90"))
# LocalProcessSpawner does not enforce these: it passes them to the server as MEM_LIMIT and
# CPU_LIMIT (shown by jupyter-resource-usage). Enforcing them needs a spawner that runs each
# server in a cgroup, e.g. jupyterhub-systemdspawner (deploy/README.md).
c.Spawner.mem_limit = setting("MEM_LIMIT", "2G")
c.Spawner.cpu_limit = float(setting("CPU_LIMIT", "1"))


def _home(spawner):
    import pwd

    return Path(pwd.getpwnam(spawner.user.name).pw_dir)


c.Spawner.environment = {
    "CLOSE_READING_WORK": lambda spawner: str(_home(spawner) / WORK_FOLDER),
    "PYTHONPATH": lambda spawner: str(_home(spawner) / COURSE_FOLDER),
    "NBGITPULLER_APP": "lab",
}


def make_work_folder(spawner):
    """The student's work folder exists before the server starts, belongs to the student and is
    readable by no one else (the save files in it are 0644, so the folder is what keeps them private)."""
    import pwd

    entry = pwd.getpwnam(spawner.user.name)
    folder = Path(entry.pw_dir) / WORK_FOLDER
    folder.mkdir(exist_ok=True)
    os.chown(folder, entry.pw_uid, entry.pw_gid)
    os.chmod(folder, 0o700)


c.Spawner.pre_spawn_hook = make_work_folder

# -- idle culling ----------------------------------------------------------------------------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={int(setting('CULL_TIMEOUT', '3600'))}",
                f"--cull-every={int(setting('CULL_EVERY', '300'))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

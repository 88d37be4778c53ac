"""deploy/hub/jupyterhub_config.py read as JupyterHub reads it (a Python file run with get_config),
without starting a hub: what it sets from the roster and the environment, and how it refuses a bad roster."""

from __future__ import annotations

from pathlib import Path

import pytest
from traitlets.config import Config

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "hub" / "jupyterhub_config.py"


def load(monkeypatch, tmp_path, roster: str, **settings) -> Config:
    (tmp_path / "roster.csv").write_text(roster)
    monkeypatch.setenv("CLOSE_READING_HUB_ROSTER", str(tmp_path / "roster.csv"))
    monkeypatch.setenv("CLOSE_READING_HUB_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("CLOSE_READING_HUB_AUTH", "pam")  # the first-use authenticator lives in the hub environment
    for name, value in settings.items():
        monkeypatch.setenv(f"CLOSE_READING_HUB_{name}", value)
    config = Config()
    exec(compile(CONFIG.read_text(), str(CONFIG), "exec"), {"get_config": lambda: config, "__file__": str(CONFIG)})
    return config


def test_the_roster_gives_the_allowed_users_and_the_admins(monkeypatch, tmp_path):
    c = load(monkeypatch, tmp_path, "# a comment\nusername,role\nteacher,instructor\nana,student\nben_2,student\n")
    assert c.Authenticator.allowed_users == {"teacher", "ana", "ben_2"}
    assert c.Authenticator.admin_users == {"teacher"}
    assert c.LocalAuthenticator.create_system_users is True
    assert "HOME_MODE=0700" in c.LocalAuthenticator.add_user_cmd
    assert (tmp_path / "state").stat().st_mode & 0o077 == 0


def test_defaults_listen_on_loopback_open_jupyterlab_and_cull(monkeypatch, tmp_path):
    c = load(monkeypatch, tmp_path, "teacher,instructor\n")
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000"
    assert c.JupyterHub.hub_bind_url.startswith("http://127.0.0.1:")
    assert c.ConfigurableHTTPProxy.api_url.startswith("http://127.0.0.1:")
    assert "ssl_cert" not in c.JupyterHub
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.LocalProcessSpawner"
    assert c.Spawner.default_url == "/lab"
    assert c.Spawner.cmd[0].endswith("/bin/jupyterhub-singleuser")
    assert (c.Spawner.mem_limit, c.Spawner.cpu_limit) == ("2G", 1.0)
    (culler,) = c.JupyterHub.services
    assert culler["command"][1:3] == ["-m", "jupyterhub_idle_culler"] and "--timeout=3600" in culler["command"]
    (role,) = c.JupyterHub.load_roles
    assert role["services"] == ["idle-culler"] and "delete:servers" in role["scopes"]
    assert c.JupyterHub.db_url == f"sqlite:///{tmp_path / 'state' / 'jupyterhub.sqlite'}"


def test_settings_from_the_environment(monkeypatch, tmp_path):
    c = load(monkeypatch, tmp_path, "teacher,instructor\n", BIND_URL="https://0.0.0.0:443", SSL_CERT="/etc/c.pem",
             SSL_KEY="/etc/k.pem", CULL_TIMEOUT="600", MEM_LIMIT="1G", ENV="/opt/crl")
    assert c.JupyterHub.bind_url == "https://0.0.0.0:443"
    assert (c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key) == ("/etc/c.pem", "/etc/k.pem")
    assert "--timeout=600" in c.JupyterHub.services[0]["command"]
    assert c.Spawner.mem_limit == "1G" and c.Spawner.cmd == ["/opt/crl/bin/jupyterhub-singleuser"]


@pytest.mark.parametrize("roster, says", [
    ("username,role\nAna Lopez,student\nteacher,instructor\n", "roster.csv:2: expected 'username,role'"),
    ("teacher,instructor\nana,teacher\n", "roster.csv:2: expected"),
    ("teacher,instructor\nana,student\nana,student\n", "roster.csv:3: ana is on the roster twice"),
    ("ana,student\n", "names no instructor"),
])
def test_a_bad_roster_stops_the_hub_with_the_line(monkeypatch, tmp_path, roster, says):
    with pytest.raises(SystemExit) as stop:
        load(monkeypatch, tmp_path, roster)
    assert str(stop.value).startswith("error: ") and says in str(stop.value)

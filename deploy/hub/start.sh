#!/usr/bin/env bash
# Start the seminar's JupyterHub on this machine (make hub calls this). Installs nothing: it
# checks that the hub environment and configurable-http-proxy are there, and says how to get
# them if not. Settings: CLOSE_READING_HUB_* (deploy/README.md); the hub environment is
# $CLOSE_READING_HUB_ENV (default: _build/hub-env in the repository).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
env_dir="${CLOSE_READING_HUB_ENV:-$repo/_build/hub-env}"
export CLOSE_READING_HUB_ENV="$env_dir"
proxy="${CLOSE_READING_HUB_PROXY:-configurable-http-proxy}"
missing=0

if [ ! -x "$env_dir/bin/jupyterhub" ] || [ ! -x "$env_dir/bin/jupyterhub-singleuser" ]; then
  echo "error: no hub environment at $env_dir (jupyterhub, jupyterhub-singleuser). Create it with: make hub-env (HUB_ENV=$env_dir)" >&2
  missing=1
elif ! "$env_dir/bin/python" -c "import nbgitpuller, jupyterhub_idle_culler, firstuseauthenticator" 2>/dev/null; then
  echo "error: the hub environment $env_dir lacks nbgitpuller, jupyterhub-idle-culler or jupyterhub-firstuseauthenticator. Install them with: make hub-env" >&2
  missing=1
fi
if ! command -v "$proxy" >/dev/null 2>&1; then
  echo "error: configurable-http-proxy is not installed (Node.js 20 or later). Install it with: npm install -g configurable-http-proxy (or set CLOSE_READING_HUB_PROXY to its path)" >&2
  missing=1
fi
if [ "$(id -u)" != 0 ]; then
  echo "error: the hub must run as root: it creates the roster's system users and starts each student's server as that student (sudo make hub)" >&2
  missing=1
fi
[ "$missing" = 0 ] || exit 2

# Everyone's server runs from the hub environment: each student must be able to read it.
if ! su -s /bin/sh nobody -c "test -x '$env_dir/bin/python'" 2>/dev/null; then
  echo "error: $env_dir cannot be read by other users (its Python is under a private folder?): students' servers could not start. Put the hub environment where everyone can read it, e.g. HUB_ENV=/opt/close-reading-lab/hub-env make hub" >&2
  exit 2
fi

echo "JupyterHub on ${CLOSE_READING_HUB_BIND_URL:-http://127.0.0.1:8000} for the roster ${CLOSE_READING_HUB_ROSTER:-$here/roster.csv}; Ctrl-C stops it." >&2
exec "$env_dir/bin/jupyterhub" -f "$here/jupyterhub_config.py" "$@"

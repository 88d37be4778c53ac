#!/usr/bin/env bash
# Build the students' image for Zero to JupyterHub (or any hub that runs Docker images) with
# repo2docker: the environment of environment.yml, the student kit, and postBuild.
#
#   deploy/zero-to-jupyterhub/build-image.sh IMAGE:TAG [ARTICLE]
#
# The build context is the student kit (python -m helpers kit), not this repository: the image
# must not hold the answer keys of data/annotations. Needs jupyter-repo2docker and a running
# Docker engine; installs nothing itself.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
image="${1:?usage: build-image.sh IMAGE:TAG [ARTICLE]}"
python="${PYTHON:-$repo/.venv/bin/python}"

command -v jupyter-repo2docker >/dev/null 2>&1 || {
  echo "error: jupyter-repo2docker is not installed: python -m pip install jupyter-repo2docker (it also needs a running Docker engine)" >&2
  exit 2; }

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
"$python" -m helpers kit --out "$context/course" ${2:+--article "$2"}
mkdir -p "$context/course/binder"
# environment.yml without its editable install of the folder (postBuild does it), with nbgitpuller
sed -e 's/^\(\s*\)- -e \.\s*$/\1- nbgitpuller==1.3.0/' "$repo/environment.yml" > "$context/course/binder/environment.yml"
install -m 0755 "$here/postBuild" "$context/course/binder/postBuild"

jupyter-repo2docker --no-run --user-id 1000 --user-name jovyan \
  --target-repo-dir /srv/close-reading-lab --image-name "$image" "$context/course"
echo "built $image: push it (docker push $image) and name it in singleuser.image of config.yaml"

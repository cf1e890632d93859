# Sourced by the other scripts: makes the project's virtualenv (VENV, default .venv) if it is missing and activates it,
# so nothing installed on the machine outside it (other tools' packages, pytest plugins) can change a run.
venv="${VENV:-.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# shellcheck disable=SC1091
. "$venv/bin/activate"

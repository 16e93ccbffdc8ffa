#!/usr/bin/env bash
# Region Portal set-up: idempotent, safe to run again.
#   scripts/setup.sh           set up everything, then serve on http://127.0.0.1:${PORT:-8000}
#   scripts/setup.sh --no-serve  set up the environment only (used by `make test` and CI)
#   PORT=8001 scripts/setup.sh   serve on another port (`make run PORT=8001` does the same)
set -euo pipefail
cd "$(dirname "$0")/.."

SERVE=1
[ "${1:-}" = "--no-serve" ] && SERVE=0

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'エラー: %s\n' "$*" >&2; exit 1; }

# 0. The port to serve on, checked before minutes of set-up (ADR 0086): a number, and free.
PORT="${PORT:-8000}"
if [ "$SERVE" -eq 1 ]; then
  case "$PORT" in
    ''|*[!0-9]*) die "PORT=$PORT は使えません。1024〜65535 のポート番号を指定してください（例: make run PORT=8001）。" ;;
  esac
  { [ "$PORT" -ge 1024 ] && [ "$PORT" -le 65535 ]; } ||
    die "PORT=$PORT は使えません。1024〜65535 のポート番号を指定してください（例: make run PORT=8001）。"
  # Something answers on the port: another server (an earlier `make run`?) already has it.
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "ポート $PORT はほかのプログラムが使っています。そのプログラムを止めるか、別のポートを指定してください（例: make run PORT=$((PORT + 1))）。"
  fi
  # Links in mails and commands (invitations, password resets) point at this server.
  if [ -z "${PORTAL_BASE_URL:-}" ] && ! grep -qs '^PORTAL_BASE_URL=' .env; then
    export PORTAL_BASE_URL="http://127.0.0.1:$PORT"
  fi
fi

# 1. The newest Python >= 3.12 on this machine (Django 6.1 needs it).
find_python() {
  local candidates=() c best="" best_ver=0 ver
  for c in python3.14 python3.13 python3.12; do
    command -v "$c" >/dev/null 2>&1 && candidates+=("$(command -v "$c")")
  done
  for c in /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9] \
           "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3.1[2-9] \
           /root/.pyenv/versions/3.1[2-9]*/bin/python3.1[2-9]; do
    [ -x "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    # a pyenv shim may exist without the version being selected: ask it to run.
    ver=$("$c" -c 'import sys; print(sys.version_info[0]*100+sys.version_info[1]) if sys.version_info >= (3, 12) else None' 2>/dev/null || true)
    if [ -n "$ver" ] && [ "$ver" != "None" ] && [ "$ver" -gt "$best_ver" ]; then
      best="$c"; best_ver="$ver"
    fi
  done
  printf '%s' "$best"
}

# 2. Debian packages, installed when missing (root) or named exactly (not root).
ensure_debian_packages() {
  local missing=() pkg
  while read -r pkg; do
    case "$pkg" in ''|'#'*) continue ;; esac
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done < scripts/debian-packages.txt
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    printf '次の Debian パッケージが必要です。root で実行してから、もう一度このコマンドを実行してください:\n' >&2
    printf '  sudo apt-get update && sudo apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
    exit 1
  fi
  say "Debian パッケージを導入します: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if command -v dpkg-query >/dev/null 2>&1; then
  ensure_debian_packages
else
  say "dpkg がないため Debian パッケージの確認を省きます（Debian 12 以外）。"
fi

# 3. The virtual environment at .venv with the project installed.
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
  PYTHON=$(find_python)
  [ -n "$PYTHON" ] || die "Python 3.12 以上が見つかりません（Django 6.1 には 3.12 以上が必要です）。python3.12 か python3.13 を導入してください。"
  say "仮想環境 .venv を作成します（$("$PYTHON" --version)）"
  rm -rf .venv
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "依存パッケージを導入します"
  # --no-compile: pip would compile every installed module (about 70 s of CPU on a 2-core
  # machine) into site-packages, where neither `make test` nor the served site reads them:
  # both keep bytecode in .venv/pycache (below, and the Makefile), compiled on first import.
  .venv/bin/python -m pip install -q --no-compile --upgrade pip
  .venv/bin/python -m pip install -q --no-compile -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

[ "$SERVE" -eq 1 ] || exit 0

# Bytecode of the project and its packages in .venv/pycache, as `make test` keeps it (the
# Makefile), even where the environment sets PYTHONDONTWRITEBYTECODE: compiled once, then read.
export PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX="$PWD/.venv/pycache"

# 4. Database, master data, demo data, then serve.
say "データベースを準備します"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_master_data
if .venv/bin/python manage.py help load_demo_data >/dev/null 2>&1; then
  .venv/bin/python manage.py load_demo_data
fi
# The demo's PDFs are made here, before the site opens (the worker would make them too, ADR 0102).
.venv/bin/python manage.py freeze_documents --now -v0
# The worker (mail, ADR 0081; PDFs, ADR 0102) beside the web server; it stops when runserver stops.
say "メール送信と PDF 作成のワーカーを起動します（manage.py db_worker）"
.venv/bin/python manage.py mail_retry -v0
.venv/bin/python manage.py db_worker --no-reload -v0 &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT
# The demo accounts (development settings only, ADR 0086) and how to log in with them.
.venv/bin/python manage.py load_demo_users
say "http://127.0.0.1:$PORT で起動します（Ctrl+C で停止）"
.venv/bin/python manage.py runserver "127.0.0.1:$PORT"

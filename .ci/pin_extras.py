"""Repeat a locked package's pinned, hashed block under the extras its dependents ask for.

Python 3.11's own pip (23.2.1) resolves ``lxml[html_clean]``, asked for by jusText, as a
project of its own: with no root line of that exact spelling in the lock it takes the newest
release on the index, which ``--require-hashes`` then refuses ("all requirements must have
their versions pinned"). uv writes each package once, without extras, and has no option to
write both; so ``make lock`` runs this after uv, with the extras spelled as the dependents
spell them (pip 23.2.1 does not normalise ``html_clean`` to ``html-clean``).

Usage: python .ci/pin_extras.py requirements.lock 'lxml[html_clean]' 'smart-open[http]'
"""

from __future__ import annotations

import re
import sys


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pin_extras(lock: str, specs: list[str]) -> str:
    """The lock's text with, for each ``name[extra]`` of ``specs``, a copy of name's block."""
    blocks = re.findall(r"(?m)^([A-Za-z0-9][A-Za-z0-9_.-]*)(==\S+ \\\n(?:    --hash=\S+(?: \\)?\n)+)", lock)
    pinned = {_normal(name): body for name, body in blocks}
    added = []
    for spec in specs:
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9_.-]*)\[[A-Za-z0-9_.,-]+\]", spec)
        if match is None:
            raise SystemExit(f"pin_extras: {spec!r} is not name[extra]")
        body = pinned.get(_normal(match.group(1)))
        if body is None:
            raise SystemExit(f"pin_extras: {match.group(1)} is not pinned in the lock")
        added.append(f"{spec}{body}    # the same release, as its dependents ask for it\n")
    return lock + "".join(added)


if __name__ == "__main__":
    path, *extras = sys.argv[1:]
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(pin_extras(text, extras))

"""`python -m veille`: the `veille` command."""

from .cli import main

main()

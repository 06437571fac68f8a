"""``python -m hrsim`` runs the command line."""

from hrsim.cli import main

main()

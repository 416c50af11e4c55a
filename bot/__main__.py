"""``python -m bot`` runs the ``summit-bot`` command line."""

from bot.cli import main

main()

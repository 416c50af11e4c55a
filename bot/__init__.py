"""The Discord bot, the console chat and the command line: thin adapters over retrieval."""

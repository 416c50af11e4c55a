"""Discord cogs: thin adapters from slash commands to the answering core."""

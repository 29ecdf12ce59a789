"""The web app: pages and a REST API over the same services as the command line (``cairn
serve``); see ``docs.md``."""

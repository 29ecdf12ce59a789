"""Use cases shared by the CLI and the web, behind the :class:`~cairn.services.app.Cairn` facade."""

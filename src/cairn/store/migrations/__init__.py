"""Alembic migrations of Cairn's schema; ``SCHEMA_HEAD`` names the newest revision.

``SCHEMA_HEAD`` lets each start-up check the schema with one query instead of
loading Alembic; a test keeps it equal to Alembic's own head.
"""

SCHEMA_HEAD = "0018"

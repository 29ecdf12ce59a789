"""Pure domain records and algorithms: no database, no network, no terminal."""

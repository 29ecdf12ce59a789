"""The O*NET occupation catalog: reading the official release and loading it (see docs.md)."""

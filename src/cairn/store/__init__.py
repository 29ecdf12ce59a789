"""Storage: the only package that speaks SQL (SQLAlchemy models, repositories, migrations)."""

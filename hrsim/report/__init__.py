"""Reporting: plots and reports built from results (the model knows nothing of this package)."""

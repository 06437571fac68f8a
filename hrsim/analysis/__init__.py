"""Analysis of results: queueing theory, statistics and sensitivity (downstream of the model)."""

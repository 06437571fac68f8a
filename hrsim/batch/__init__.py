"""Batch experiments: experiment files, designs (SALib), a resumable results store, the runner.

Example:
    >>> from hrsim.batch import load_experiment, run_batch  # doctest: +SKIP
    >>> experiment = load_experiment("experiments/levers/levers.toml")  # doctest: +SKIP
    >>> run_batch(experiment, Path("results/levers"), workers=2)  # doctest: +SKIP
"""

from hrsim.batch.design import design_points
from hrsim.batch.experiment import Experiment, Factor, flatten
from hrsim.batch.files import load_experiment
from hrsim.batch.runner import BatchOutcome, run_batch
from hrsim.batch.store import ResultStore

__all__ = ["BatchOutcome", "Experiment", "Factor", "ResultStore", "design_points", "flatten",
           "load_experiment", "run_batch"]

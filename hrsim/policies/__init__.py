"""Policies: the study's Human Relations levers, one class per file, registered by their ``key``.

Every module in this package is imported here, so a new file with a `Policy` subclass is all it
takes to add a policy.
"""

import importlib
import pkgutil

from hrsim.policies.base import Policy

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

REGISTRY = Policy.registry

__all__ = ["REGISTRY", "Policy"]

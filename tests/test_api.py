"""The public Python API: every exported name is what it says, even after all modules are loaded."""

from __future__ import annotations

import importlib
import pkgutil
import types

import pytest

import hrsim


def test_exports_are_not_shadowed_by_submodules():
    """A submodule with an exported name would replace the export once imported."""
    for module in pkgutil.walk_packages(hrsim.__path__, "hrsim."):
        if not module.name.endswith("__main__"):  # that one runs the command line
            importlib.import_module(module.name)
    for name in hrsim.__all__:
        assert not isinstance(getattr(hrsim, name), types.ModuleType), name
    from hrsim import scenarios

    assert callable(scenarios.library) and "baseline" in scenarios.library()


def test_unknown_attribute_raises():
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = hrsim.nothing

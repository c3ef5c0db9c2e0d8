"""Known failures found by fuzzing in code this branch does not own, reported to its owner.
Each is an xfail on its operation (not strict, so the fix shows as XPASS): remove the entry when
it is fixed. Nothing here loosens a check."""

import pytest

KNOWN: dict[str, str] = {}


def pytest_collection_modifyitems(items):
    for item in items:
        for label, reason in KNOWN.items():
            if item.name.endswith(f"[{label}]"):
                item.add_marker(pytest.mark.xfail(reason=reason, strict=False))

"""Fixtures shared by several test modules (a module's own fixture of the same name wins)."""

import pytest
from bridgestory import bridge_documents, bridge_story


@pytest.fixture(scope="module")
def documents():
    """The bridge story's four cleaned articles (tests/fixtures/summarize)."""
    return bridge_documents()


@pytest.fixture(scope="module")
def story():
    """The bridge story: the two wire copies one origin, three independent reports in all."""
    return bridge_story()

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """Selectors called directly label in English; pages follow the request's language."""
    with translation.override("en"):
        yield

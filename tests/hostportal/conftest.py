"""The host units' phone journeys share the browser journeys' fixtures."""

from tests.journeys.conftest import (  # noqa: F401 (fixtures)
    browser_context_args,
    browser_type_launch_args,
    lang,
    live_world,
)

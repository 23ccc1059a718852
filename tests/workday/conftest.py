from tests.browser.conftest import (  # noqa: F401 (fixtures shared with the browser tests)
    browser_type_launch_args,
    live_world,
)

import pytest

from tests.conftest import World
from tests.privacy.planting import Planted, plant


@pytest.fixture
def planted(world: World) -> Planted:
    return plant(world)

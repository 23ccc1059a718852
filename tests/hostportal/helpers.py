import time

from django.test import Client

from hostportal.session import SESSION
from programs.models import HostUnit


def host_client(unit: HostUnit, **kwargs: object) -> Client:
    """A browser with a host session for the unit (as after using a link)."""
    client = Client(**kwargs)  # type: ignore[arg-type]
    session = client.session
    now = int(time.time())
    id_key, started_key, last_key = SESSION.keys
    session[id_key] = unit.pk
    session[started_key] = now
    session[last_key] = now
    session.save()
    return client

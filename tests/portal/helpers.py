import time

from django.test import Client

from candidates.models import Candidate
from portal.session import CANDIDATE_KEY, LAST_KEY, STARTED_KEY


def portal_client(candidate: Candidate, **kwargs: object) -> Client:
    """A browser with a portal session for the candidate (as after using a link)."""
    client = Client(**kwargs)  # type: ignore[arg-type]
    session = client.session
    now = int(time.time())
    session[CANDIDATE_KEY] = candidate.pk
    session[STARTED_KEY] = now
    session[LAST_KEY] = now
    session.save()
    return client

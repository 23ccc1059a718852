"""The operator's letterhead: name, address, logo and who signs."""

from typing import Any

from django.db import transaction

from core.models import Organisation, User
from core.services import audit_log

from ..logos import normalise_logo
from ..models import Letterhead


@transaction.atomic
def letterhead_save(
    *,
    operator: Organisation,
    by: User,
    logo: Any = None,
    remove_logo: bool = False,
    **fields: Any,
) -> Letterhead:
    """Create or change the operator's letterhead; a new logo is checked and re-encoded."""
    letterhead = Letterhead.objects.select_for_update().filter(operator=operator).first()
    letterhead = letterhead or Letterhead(operator=operator)
    for name, value in fields.items():
        setattr(letterhead, name, value.strip() if isinstance(value, str) else value)
    old_logo = letterhead.logo.name if letterhead.logo else ""
    letterhead.full_clean(exclude=["logo"])
    if logo is not None:
        content = normalise_logo(logo)
        letterhead.logo.save(content.name or "logo.png", content, save=False)
    elif remove_logo:
        letterhead.logo = ""
    letterhead.save()
    if old_logo and old_logo != letterhead.logo.name:
        storage = letterhead.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    audit_log(
        actor=by,
        operator=operator,
        action="reports.letterhead.saved",
        obj=letterhead,
        data={"fields": sorted(fields), "logo": bool(letterhead.logo)},
    )
    return letterhead

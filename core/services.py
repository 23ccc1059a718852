"""Writes for tenancy and the audit trail."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .emails import send_invitation
from .models import AuditEntry, ConfidentialityDeclaration, Membership, Organisation, Role, User


def audit_log(
    *,
    actor: User | None,
    operator: Organisation | int | None,
    action: str,
    obj: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry. Callers pass ids and codes in ``data``, never personal data.

    ``operator`` may be an id, so callers holding only ``obj.operator_id`` cost no query.
    """
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        operator_id=operator.pk if isinstance(operator, Organisation) else operator,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
    )


@transaction.atomic
def membership_invite(
    *,
    operator: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    by: User,
) -> Membership:
    """Give a person a role at the operator, creating their account if needed.

    A new account has no usable password; the person sets one through the one-time link e-mailed
    to them after the transaction commits.
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    membership = Membership(user=user, operator=operator, role=Role(role))
    membership.full_clean()
    membership.save()
    audit_log(
        actor=by,
        operator=operator,
        action="core.membership.created",
        obj=membership,
        data={"role": role, "new_account": created},
    )
    if created:
        transaction.on_commit(lambda: send_invitation(user=user, operator=operator))
    return membership


@transaction.atomic
def membership_change(
    *, membership: Membership, role: str, is_active: bool, by: User
) -> Membership:
    """Change a member's role or (de)activate them; a lead cannot demote or deactivate themself."""
    if membership.user_id == by.pk and (role != Role.LEAD or not is_active):
        raise ValidationError(_("You cannot remove your own lead role."))
    before = {"role": membership.role, "is_active": membership.is_active}
    membership.role = role
    membership.is_active = is_active
    membership.full_clean()
    membership.save(update_fields=["role", "is_active"])
    audit_log(
        actor=by,
        operator=membership.operator,
        action="core.membership.changed",
        obj=membership,
        data={"before": before, "after": {"role": role, "is_active": is_active}},
    )
    return membership


@transaction.atomic
def declaration_accept(*, membership: Membership) -> ConfidentialityDeclaration:
    """Record that the member accepted the duty of confidentiality at this operator (once)."""
    declaration, created = ConfidentialityDeclaration.objects.get_or_create(
        user_id=membership.user_id,
        operator_id=membership.operator_id,
        defaults={"accepted_at": timezone.now()},
    )
    if created:
        audit_log(
            actor=membership.user,
            operator=membership.operator,
            action="core.declaration.accepted",
            obj=declaration,
            data={"version": declaration.text_version},
        )
    return declaration

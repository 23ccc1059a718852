"""Writes for tenancy and the audit trail."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .emails import send_invitation
from .models import (
    AuditEntry,
    AuditSubject,
    ConfidentialityDeclaration,
    Membership,
    Organisation,
    RetentionPolicy,
    Role,
    User,
)
from .names import nfc

# Up to this many candidates an entry names each one; a larger export keeps the count and the
# filter that selected them (ids, codes and dates only), which is enough to say who was in it.
ACCESS_SUBJECT_LIMIT = 10_000


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
def audit_access(
    *,
    actor: User | None,
    operator: Organisation | int | None,
    action: str,
    candidate_ids: Iterable[int],
    data: dict[str, Any] | None = None,
    obj: models.Model | None = None,
    filters: Mapping[str, str] | None = None,
) -> AuditEntry:
    """Log ONE read that shows several candidates (an export, a ZIP of documents).

    The entry holds the candidates' ids in ``data["candidates"]`` and one ``AuditSubject`` row
    each, so the access log finds it by candidate. Above ``ACCESS_SUBJECT_LIMIT`` candidates it
    holds ``data["count"]`` and ``data["filter"]`` instead.
    """
    ids = sorted(set(candidate_ids))
    payload = dict(data or {})
    if len(ids) <= ACCESS_SUBJECT_LIMIT:
        payload["candidates"] = ids
    else:
        payload["count"] = len(ids)
        payload["filter"] = {key: value for key, value in (filters or {}).items() if value}
    entry = audit_log(actor=actor, operator=operator, action=action, obj=obj, data=payload)
    if "candidates" in payload:
        AuditSubject.objects.bulk_create(
            [AuditSubject(entry=entry, candidate_id=pk) for pk in ids], batch_size=2000
        )
    return entry


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
        user = User(
            username=email, email=email, first_name=nfc(first_name), last_name=nfc(last_name)
        )
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


@transaction.atomic
def retention_policy_save(*, operator: Organisation, by: User, **fields: int) -> RetentionPolicy:
    """Set the operator's retention periods (months); the change is audited with both values."""
    policy = RetentionPolicy.objects.filter(operator=operator).first() or RetentionPolicy(
        operator=operator
    )
    names = ("rejected_months", "finished_months", "notes_months", "access_log_months")
    unknown = set(fields) - set(names)
    if unknown:
        raise TypeError(f"Not retention fields: {sorted(unknown)}")
    before = {name: getattr(policy, name) for name in names}
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.updated_by = by
    policy.full_clean()
    policy.save()
    audit_log(
        actor=by,
        operator=operator,
        action="core.retention_policy.changed",
        obj=policy,
        data={"before": before, "after": {name: getattr(policy, name) for name in names}},
    )
    return policy


def _all_but(model: type[models.Model], name: str) -> list[str]:
    # Only the one field changes; the others (a legacy username, say) are not re-judged here.
    return [field.name for field in model._meta.concrete_fields if field.name != name]


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    """Save the language the user reads Springbrett in; "" follows the operator's default."""
    before = user.language
    user.language = language
    user.clean_fields(exclude=_all_but(User, "language"))
    user.save(update_fields=["language"])
    if before != language:
        audit_log(
            actor=user,
            operator=None,
            action="core.user.language_changed",
            obj=user,
            data={"before": before, "after": language},
        )
    return user


@transaction.atomic
def operator_language_set(*, operator: Organisation, language: str, by: User) -> Organisation:
    """Set the language for the operator's members who have not chosen one ("" = the browser's)."""
    before = operator.default_language
    operator.default_language = language
    operator.clean_fields(exclude=_all_but(Organisation, "default_language"))
    operator.save(update_fields=["default_language"])
    audit_log(
        actor=by,
        operator=operator,
        action="core.operator.language_changed",
        obj=operator,
        data={"before": before, "after": language},
    )
    return operator

"""Reads for tenancy: memberships and the active operator."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from .models import AuditEntry, AuditSubject, Membership, Organisation, User
from .names import user_order


def active_memberships(*, user: User) -> list[Membership]:
    """The user's active memberships, by operator name (one query): the operator switcher's
    list, from which the active one is chosen."""
    return list(memberships_of(user=user).select_related("partner_organisation"))


def choose_membership(memberships: list[Membership], operator_id: int | None) -> Membership | None:
    """The chosen operator's membership if still valid, else the first one."""
    for membership in memberships:
        if membership.operator_id == operator_id:
            return membership
    return memberships[0] if memberships else None


def active_membership(*, user: User, operator_id: int | None) -> Membership | None:
    """The user's active membership: the chosen operator if still valid, else the first one."""
    return choose_membership(active_memberships(user=user), operator_id)


def memberships_of(*, user: User) -> QuerySet[Membership]:
    """All active memberships of a user, for the operator switcher."""
    return (
        Membership.objects.filter(user=user, is_active=True, operator__is_operator=True)
        .select_related("operator")
        .order_by("operator__name")
    )


def members_of(*, operator: Organisation) -> QuerySet[Membership]:
    """The operator's members with their users, ordered by name."""
    return (
        Membership.objects.filter(operator=operator)
        .select_related("user", "partner_organisation")
        .order_by(*user_order(prefix="user__"))
    )


def audit_trail_of(*, object_type: str, object_id: int | str) -> QuerySet[AuditEntry]:
    """The audit entries of one object, newest first."""
    return AuditEntry.objects.filter(
        object_type=object_type, object_id=str(object_id)
    ).select_related("actor")


def access_log_of(*, operator: Organisation) -> QuerySet[AuditEntry]:
    """The operator's audit entries, newest first, with their actors joined."""
    return (
        AuditEntry.objects.filter(operator_id=operator.pk)
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def entries_about(entries: QuerySet[AuditEntry], candidate_id: int) -> QuerySet[AuditEntry]:
    """The entries that concern one candidate: as their object, in ``data.candidate``, or as
    one of the candidates of an export or a batch (``AuditSubject``)."""
    return entries.filter(
        Q(object_type="candidates.candidate", object_id=str(candidate_id))
        | (Q(data__has_key="candidate") & Q(data__candidate=candidate_id))
        | Q(pk__in=AuditSubject.objects.filter(candidate_id=candidate_id).values("entry_id"))
    )


def preferred_language(
    *, user: User | AnonymousUser | None, operator: Organisation | None
) -> str | None:
    """The language to speak to this person: their own choice, else the operator's default.

    None when neither is set; the caller then keeps what the browser asked for (or bokmål).
    Reads only fields of rows the request already holds, so it costs no query.
    """
    if isinstance(user, User) and user.language:
        return user.language
    if operator is not None and operator.default_language:
        return operator.default_language
    return None

"""A deliberately careless page, to prove the query-budget helper catches a query per row."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from core.models import Membership


def careless_member_list(request: HttpRequest) -> HttpResponse:
    names = [m.user.username for m in Membership.objects.all()]  # one query per member
    return HttpResponse(", ".join(names))


urlpatterns = [path("careless/", careless_member_list)]

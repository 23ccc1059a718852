"""Attests and references. Included at /documents/; verify/ and d/<token>/ are public."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("placement/<int:pk>/", views.placement_documents, name="placement_documents"),
    path("placement/<int:pk>/new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/approve/", views.document_approve, name="approve"),
    path("<int:pk>/issue/", views.document_issue, name="issue"),
    path("<int:pk>/reissue/", views.document_reissue, name="reissue"),
    path("<int:pk>/download/", views.document_download, name="download"),
    path("<int:pk>/send/", views.document_send, name="send"),
    path("cohort/<int:pk>/", views.cohort_documents, name="cohort_documents"),
    path("cohort/<int:pk>/batch/", views.batch_create, name="batch_create"),
    path("batch/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batch/<int:pk>/download/", views.batch_download, name="batch_download"),
    path("letterhead/", views.letterhead, name="letterhead"),
    path("verify/", views.verify, name="verify"),
    path("d/<str:token>/", views.public_download, name="public_download"),
]

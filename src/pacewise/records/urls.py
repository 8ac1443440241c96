from django.urls import path

from . import views

P = "p/<uuid:patient_id>/everything/"
urlpatterns = [
    path(P, views.export_page, name="records-export"),
    path(P + "<uuid:job_id>/download/", views.export_download, name="records-export-download"),
    path("account/delete/", views.erase_page, name="records-erase"),
    path("account/delete/keep/", views.erase_keep, name="records-erase-keep"),
    path("clinic/<uuid:clinic_id>/retained/", views.retained_list, name="records-retained"),
    path(
        "clinic/<uuid:clinic_id>/retained/<int:record_id>/",
        views.retained_download,
        name="records-retained-download",
    ),
]

from django.urls import path

from . import views

P = "p/<uuid:patient_id>/everything/"
urlpatterns = [
    path(P, views.export_page, name="records-export"),
    path(P + "<uuid:job_id>/download/", views.export_download, name="records-export-download"),
]

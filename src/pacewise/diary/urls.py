from django.urls import path

from . import exchange_views, views

P = "p/<uuid:patient_id>/"
urlpatterns = [
    path(P + "checkin/<slug:kind>/", views.checkin, name="diary-checkin"),
    path(P + "activity/", views.log_activity, name="diary-activity"),
    path(P + "diary/", views.timeline, name="diary-timeline"),
    path(P + "diary/deleted/", views.deleted, name="diary-deleted"),
    path(P + "diary/export.csv", exchange_views.export_csv, name="diary-export"),
    path(P + "diary/import/", exchange_views.import_csv, name="diary-import"),
    path(P + "diary/import/<uuid:job_id>/", exchange_views.import_job, name="diary-import-job"),
    path(P + "diary/<str:day>/", views.day, name="diary-day"),
    path(P + "entries/<uuid:entry_id>/edit/", views.edit, name="diary-edit"),
    path(P + "entries/<uuid:entry_id>/delete/", views.delete, name="diary-delete"),
    path(P + "entries/<uuid:entry_id>/restore/", views.restore, name="diary-restore"),
    path(P + "entries/<uuid:entry_id>/history/", views.history, name="diary-history"),
]

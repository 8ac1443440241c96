from django.urls import path

from . import views

P = "p/<uuid:patient_id>/questionnaires/"
urlpatterns = [
    path(P, views.questionnaires, name="outcomes-list"),
    path(P + "progress/", views.progress, name="outcomes-progress"),
    path(P + "assign/", views.assign, name="outcomes-assign"),
    path(P + "responses/<uuid:response_id>/", views.result, name="outcomes-result"),
    path(P + "safety/<int:alert_id>/", views.safety, name="outcomes-safety"),
    path(P + "safety/<int:alert_id>/follow-up/", views.follow_up, name="outcomes-follow-up"),
    path(P + "take/<slug:instrument_id>/", views.take, name="outcomes-take"),
    path(P + "visit-report/", views.visit_report, name="outcomes-report"),
    path(P + "fhir.json", views.fhir_export, name="outcomes-fhir"),
]

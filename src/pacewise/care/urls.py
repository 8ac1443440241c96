from django.urls import path

from . import views

urlpatterns = [
    path("care/", views.caseload, name="caseload"),
    path("p/<uuid:patient_id>/care/seen/", views.triage_seen, name="care-triage-seen"),
    path("p/<uuid:patient_id>/notes/", views.notes, name="care-notes"),
    path("p/<uuid:patient_id>/lead/", views.lead, name="care-lead"),
    path("p/<uuid:patient_id>/notes/add/", views.notes_add, name="care-notes-add"),
    path(
        "p/<uuid:patient_id>/notes/visit-report/",
        views.notes_visit_report,
        name="care-notes-visit-report",
    ),
    path("p/<uuid:patient_id>/messages/", views.conversations_page, name="care-messages"),
    path(
        "p/<uuid:patient_id>/messages/<uuid:clinic_id>/",
        views.thread,
        name="care-messages-thread",
    ),
    path(
        "p/<uuid:patient_id>/messages/<uuid:clinic_id>/answered/",
        views.thread_answered,
        name="care-messages-answered",
    ),
    path(
        "p/<uuid:patient_id>/messages/<uuid:clinic_id>/stop/",
        views.thread_stop,
        name="care-messages-stop",
    ),
    path("p/<uuid:patient_id>/discharge/", views.discharge_page, name="care-discharge"),
    path(
        "p/<uuid:patient_id>/discharge/take-back/",
        views.discharge_take_back,
        name="care-discharge-take-back",
    ),
    path("p/<uuid:patient_id>/monitoring/", views.monitoring, name="care-monitoring"),
    path(
        "clinic/<uuid:clinic_id>/monitoring.csv",
        views.clinic_monitoring_csv,
        name="clinic-monitoring-csv",
    ),
    path("clinic/<uuid:clinic_id>/", views.clinic, name="clinic"),
    path("clinic/<uuid:clinic_id>/outcomes/", views.clinic_outcomes_page, name="clinic-outcomes"),
    path(
        "clinic/<uuid:clinic_id>/outcomes.csv",
        views.clinic_outcomes_csv,
        name="clinic-outcomes-csv",
    ),
    path("clinic/<uuid:clinic_id>/invite/", views.clinic_invite, name="clinic-invite"),
    path(
        "clinic/<uuid:clinic_id>/templates/<int:template_id>/delete/",
        views.clinic_template_delete,
        name="clinic-template-delete",
    ),
    path(
        "clinic/<uuid:clinic_id>/invitations/<int:invitation_id>/cancel/",
        views.invitation_cancel,
        name="clinic-invitation-cancel",
    ),
    path("clinic/<uuid:clinic_id>/access-log/", views.clinic_access_log, name="clinic-access-log"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<uuid:patient_id>/access-log/", views.access_log, name="patient-access-log"),
    path("p/<uuid:patient_id>/sharing/", views.sharing, name="patient-sharing"),
    path("p/<uuid:patient_id>/sharing/contact/", views.sharing_contact, name="patient-contact"),
    path(
        "p/<uuid:patient_id>/sharing/confirm/",
        views.sharing_confirm,
        name="patient-sharing-confirm",
    ),
    path(
        "p/<uuid:patient_id>/sharing/<int:share_id>/stop/",
        views.sharing_stop,
        name="patient-sharing-stop",
    ),
    path("account/", views.account_settings, name="account-settings"),
    path("account/time-zone/", views.switch_time_zone, name="account-time-zone"),
    path("account/tokens/", views.tokens, name="account-tokens"),
    path("account/tokens/<int:token_id>/revoke/", views.token_revoke, name="account-token-revoke"),
    path("invite/<str:token>/", views.invitation, name="invitation"),
    path("help/crisis/", views.crisis, name="crisis"),
    path("help/about/", views.about, name="about"),
    path("healthz", views.healthz, name="healthz"),
]

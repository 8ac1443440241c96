from django.urls import path

from . import (
    app_shell,
    calendar_views,
    home_views,
    player_views,
    reminder_views,
    review_views,
    views,
)

P = "p/<uuid:patient_id>/today/"
PROGRAM = "p/<uuid:patient_id>/program/session/"  # the session player (player_views)
SESSION = PROGRAM + "<int:session_id>/"
urlpatterns = [
    path("manifest.webmanifest", app_shell.manifest, name="manifest"),
    path("sw.js", app_shell.service_worker, name="service-worker"),
    path("offline/", app_shell.offline, name="offline"),
    path("favicon.ico", app_shell.favicon, name="favicon"),
    path("p/<uuid:patient_id>/", home_views.patient_home, name="patient-home"),
    path(P, views.today, name="today"),
    path(P + "setup/", views.setup, name="today-setup"),
    path(P + "bout/", views.log_bout, name="today-log-bout"),
    path(P + "flare/", views.flare, name="today-flare"),
    path(P + "flare/undo/", views.flare_undo, name="today-flare-undo"),
    path(P + "easier/", views.easier, name="today-easier"),
    path(P + "easier/undo/", views.easier_undo, name="today-easier-undo"),
    path(P + "review/", review_views.review, name="today-review"),
    path(P + "review/accept/", review_views.review_accept, name="today-review-accept"),
    path(P + "plan/", review_views.plan, name="today-plan"),
    path(P + "plan/clear/", review_views.plan_clear, name="today-plan-clear"),
    path(P + "calendar/", calendar_views.calendar_page, name="today-calendar"),
    path(P + "reminders/", reminder_views.reminders_page, name="today-reminders"),
    path(P + "reminders/push/", reminder_views.push_subscription, name="today-push"),
    path("reminders/not-today/<str:token>/", reminder_views.not_today,
         name="reminders-not-today"),  # fmt: skip
    path("reminders/not-today/<str:token>/quiet/", reminder_views.not_today_quiet,
         name="reminders-not-today-quiet"),  # fmt: skip
    path("calendar/<str:token>.ics", calendar_views.calendar_feed, name="calendar-feed"),
    path(PROGRAM, player_views.session_start, name="plans-session-start"),
    path(SESSION, player_views.session, name="plans-session"),
    path(SESSION + "next/", player_views.session_next, name="plans-session-next"),
    path(SESSION + "easier/", player_views.session_easier, name="plans-session-easier"),
    path(SESSION + "finish/", player_views.session_finish, name="plans-session-finish"),
]

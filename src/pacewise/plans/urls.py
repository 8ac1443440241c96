from django.urls import path

from . import onboarding_views, player_views, views

P = "p/<uuid:patient_id>/program/"
ITEM = P + "items/<int:item_id>/"
SESSION = P + "session/<int:session_id>/"
urlpatterns = [
    path(P, views.program_page, name="plans-program"),
    path(P + "start/", onboarding_views.start, name="plans-onboarding"),
    path(P + "start/<slug:step>/", onboarding_views.step, name="plans-onboarding-step"),
    path(P + "symptoms/", onboarding_views.report_symptoms, name="plans-symptoms"),
    path(P + "resume/", onboarding_views.resume, name="plans-resume"),
    path(P + "rebuild/", views.rebuild, name="plans-rebuild"),
    path(P + "add/", views.add, name="plans-add"),
    path(ITEM + "undo/", views.undo, name="plans-undo"),
    path(ITEM + "remove/", views.remove, name="plans-remove"),
    path(ITEM + "swap/", views.swap, name="plans-swap"),
    path(ITEM + "dose/", views.dose, name="plans-dose"),
    path(P + "session/", player_views.session_start, name="plans-session-start"),
    path(SESSION, player_views.session, name="plans-session"),
    path(SESSION + "next/", player_views.session_next, name="plans-session-next"),
    path(SESSION + "easier/", player_views.session_easier, name="plans-session-easier"),
    path(SESSION + "finish/", player_views.session_finish, name="plans-session-finish"),
]

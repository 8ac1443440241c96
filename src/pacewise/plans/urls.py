from django.urls import path

from . import onboarding_views, views

P = "p/<uuid:patient_id>/program/"
ITEM = P + "items/<int:item_id>/"
urlpatterns = [
    path(P, views.program_page, name="plans-program"),
    path(P + "start/", onboarding_views.start, name="plans-onboarding"),
    path(P + "start/<slug:step>/", onboarding_views.step, name="plans-onboarding-step"),
    path(P + "symptoms/", onboarding_views.report_symptoms, name="plans-symptoms"),
    path(P + "resume/", onboarding_views.resume, name="plans-resume"),
    path(P + "rebuild/", views.rebuild, name="plans-rebuild"),
    path(P + "add/", views.add, name="plans-add"),
    path(P + "templates/save/", views.template_save, name="plans-template-save"),
    path(P + "templates/apply/", views.template_apply, name="plans-template-apply"),
    path(ITEM + "undo/", views.undo, name="plans-undo"),
    path(ITEM + "remove/", views.remove, name="plans-remove"),
    path(ITEM + "swap/", views.swap, name="plans-swap"),
    path(ITEM + "dose/", views.dose, name="plans-dose"),
]

from django.urls import path

from . import goal_views, practice_views, thought_views, views

P = "p/<uuid:patient_id>/learn/"
E = "<uuid:entry_id>/"
urlpatterns = [
    path(P, views.home, name="learn-home"),
    path(P + "lessons/<slug:lesson_id>/", views.lesson, name="learn-lesson"),
    path(P + "lessons/<slug:lesson_id>/check/<int:question>/", views.answer, name="learn-answer"),
    path(P + "lessons/<slug:lesson_id>/read/", views.mark_read, name="learn-read"),
    path(P + "flare-kit/", views.flare_kit, name="learn-flare-kit"),
    path(P + "flare-kit/edit/", views.flare_kit_edit, name="learn-flare-kit-edit"),
    path(P + "shared/", views.shared, name="learn-shared"),
    path(P + "suggest/", views.suggest, name="learn-suggest"),
    path(P + "share/<slug:kind>/" + E, views.share, name="learn-share"),
    path(P + "thoughts/", thought_views.thoughts, name="learn-thoughts"),
    path(P + "thoughts/new/", thought_views.thought_new, name="learn-thought-new"),
    path(P + "thoughts/" + E, thought_views.thought, name="learn-thought"),
    path(P + "thoughts/" + E + "next/", thought_views.thought_finish, name="learn-thought-finish"),
    path(
        P + "thoughts/" + E + "delete/", thought_views.thought_delete, name="learn-thought-delete"
    ),
    path(P + "goals/", goal_views.goals, name="learn-goals"),
    path(P + "goals/new/", goal_views.goal_new, name="learn-goal-new"),
    path(P + "goals/" + E + "questions/", goal_views.goal_rulers, name="learn-goal-rulers"),
    path(P + "goals/" + E + "reflect/", goal_views.goal_reflect, name="learn-goal-reflect"),
    path(P + "practice/", practice_views.practice, name="learn-practice"),
    path(P + "practice/entries/" + E, practice_views.journal_entry, name="learn-journal-entry"),
    path(
        P + "practice/<slug:module>/", practice_views.practice_module, name="learn-practice-module"
    ),
]

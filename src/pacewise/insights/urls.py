from django.urls import path

from . import views

P = "p/<uuid:patient_id>/insights/"
urlpatterns = [
    path(P, views.insights, name="insights-page"),
    path(P + "pooling/", views.pooling, name="insights-pooling"),
    path(P + "experiments/", views.start_experiment, name="insights-experiment-start"),
    path(P + "experiments/<uuid:experiment_id>/", views.experiment, name="insights-experiment"),
    path(
        P + "experiments/<uuid:experiment_id>/stop/",
        views.stop_experiment,
        name="insights-experiment-stop",
    ),  # fmt: skip
]

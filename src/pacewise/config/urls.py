from django.urls import include, path

from pacewise.api.api import api

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("api/", api.urls),
    path("", include("pacewise.accounts.urls")),
    path("", include("pacewise.care.urls")),
    path("", include("pacewise.diary.urls")),
    path("", include("pacewise.learn.urls")),
    path("", include("pacewise.outcomes.urls")),
    path("", include("pacewise.plans.urls")),
    path("", include("pacewise.insights.urls")),
    path("", include("pacewise.today.urls")),
    path("", include("pacewise.records.urls")),
]

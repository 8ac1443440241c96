from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "pacewise.diary"
    label = "diary"

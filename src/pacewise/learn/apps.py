from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "pacewise.learn"
    label = "learn"
    verbose_name = "Learn and mind-body"

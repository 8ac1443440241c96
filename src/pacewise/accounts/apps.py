from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pacewise.accounts"
    label = "accounts"
    verbose_name = "Accounts"

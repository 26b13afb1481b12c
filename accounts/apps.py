from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from . import backends  # noqa: F401 - counts failed sign-ins per address (signal receiver)

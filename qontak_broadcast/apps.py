from django.contrib.admin.apps import AdminConfig


class OperatorsAdminConfig(AdminConfig):
    """Django's admin, with the operators' site (TOTP required) as `admin.site`."""

    default_site = "qontak_broadcast.admin_site.OperatorsAdminSite"

from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "anju.backup"
    label = "backup"

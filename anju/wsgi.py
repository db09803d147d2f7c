"""The web application for gunicorn. What each worker would otherwise read on its first request
is read here, once: the deployment's policy pack (reading one checks every clause against its
source text, a second or two) and the Chinese catalogue; with gunicorn's --preload the workers
share them."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (after the settings are set up)
from django.utils import translation  # noqa: E402

from anju.policy.library import get_pack  # noqa: E402

get_pack()
with translation.override(settings.LANGUAGE_CODE):
    translation.gettext("Supervision")

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")

from django.conf import settings  # noqa: E402

if getattr(settings, "SECRET_KEY_MISSING", False):
    from coalition.env import fail

    fail(settings.MISSING_SECRET_KEY_MESSAGE)

application = get_wsgi_application()

from coalition.heap import freeze_after_startup  # noqa: E402

freeze_after_startup()

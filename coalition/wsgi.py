import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")

from django.conf import settings  # noqa: E402

if getattr(settings, "SECRET_KEY_MISSING", False):
    from coalition.env import fail

    fail(settings.MISSING_SECRET_KEY_MESSAGE)

from coalition.heap import freeze_after_startup, in_own_stack_chunk  # noqa: E402

application = in_own_stack_chunk(get_wsgi_application())

freeze_after_startup()

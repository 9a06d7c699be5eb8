"""The Celery app. Workers: `celery -A coalition worker`, `celery -A coalition beat`.

Every task of the platform is a `PlatformTask`: retried with back-off when the database
or a network peer is briefly away (tasks are idempotent by design, see CONVENTIONS), under
the soft and hard time limits of settings (CELERY_TASK_SOFT_TIME_LIMIT/TIME_LIMIT), with
JSON arguments only. Queue work with `coalition.tasks.enqueue`, which waits for the commit.
"""

from __future__ import annotations

import os

from celery import Celery, Task
from django.db import InterfaceError, OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")


class PlatformTask(Task):
    # Transient failures: the database restarting, a connection dropped, a time-out.
    autoretry_for = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
    retry_backoff = 10
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5


app = Celery("coalition", task_cls=PlatformTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

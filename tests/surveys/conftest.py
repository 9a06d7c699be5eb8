from __future__ import annotations

import pytest

from tests.surveys.factories import open_standard


@pytest.fixture
def questionnaire(coalition):
    return open_standard(coalition)


@pytest.fixture
def response(questionnaire, practice):
    from surveys import services

    return services.response_start(questionnaire=questionnaire, practice=practice)

"""The questionnaire's own pages: forms in the platform's layout, the read-only answer."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys import services
from surveys.models import Questionnaire
from tests.surveys.factories import submitted

pytestmark = pytest.mark.django_db


def _controls(html: str) -> list[str]:
    """Every visible input, select and textarea of the page's main form."""
    form = html[html.index("<main") :]
    return re.findall(r"<(?:input|select|textarea)\b[^>]*>", form)


@pytest.mark.parametrize(
    "url_name",
    ["questionnaire_create", "questionnaire_edit", "question_create", "import"],
)
def test_questionnaire_forms_use_the_platform_layout(
    coalition, lead, client_for, url_name
):
    q = services.questionnaire_create_standard(coalition=coalition, year=2030)
    kwargs = {} if url_name == "questionnaire_create" else {"pk": q.pk}
    html = client_for(lead).get(reverse(f"surveys:{url_name}", kwargs=kwargs))
    html = html.content.decode()
    assert "---------" not in html
    controls = [
        c
        for c in _controls(html)
        if 'type="hidden"' not in c and 'name="q"' not in c and "search" not in c
    ]
    assert controls
    for control in controls:
        assert re.search(r'class="[^"]*form-(control|select|check-input)', control), (
            control
        )
    # every control has a label of its own above it
    for control in controls:
        ident = re.search(r'id="([^"]+)"', control).group(1)
        assert f'for="{ident}"' in html, ident


def test_read_only_answer_shows_no_codes_and_says_submitted_once(
    questionnaire, practice, lead, client_for
):
    response = submitted(questionnaire, practice, {"list_size": "2500"})
    html = client_for(lead).get(
        reverse("surveys:response_detail", kwargs={"pk": response.pk})
    )
    html = html.content.decode()
    main = html[html.index("<main") :]
    assert "list_size" not in main
    assert "<code" not in main
    text = re.sub(r"<[^>]+>", " ", main)
    text = re.sub(r"\s+", " ", text)
    assert "ingestuurd ingestuurd" not in text
    assert len(re.findall(r"ingestuurd op \d+ \w+\.? \d{4}", text)) == 1


def test_closed_questionnaire_offers_no_continue(
    questionnaire, practice, practice_user, client_for
):
    response = services.response_start(questionnaire=questionnaire, practice=practice)
    client = client_for(practice_user)
    url = reverse("surveys:response_detail", kwargs={"pk": response.pk})
    assert "Verder invullen" in client.get(url).content.decode()
    services.questionnaire_set_status(
        questionnaire=questionnaire, status=Questionnaire.Status.CLOSED
    )
    assert "Verder invullen" not in client.get(url).content.decode()


def test_past_closing_date_offers_no_continue(
    questionnaire, practice, practice_user, client_for
):
    response = services.response_start(questionnaire=questionnaire, practice=practice)
    client = client_for(practice_user)
    url = reverse("surveys:response_detail", kwargs={"pk": response.pk})
    import time_machine

    later = timezone.now() + dt.timedelta(days=60)
    with time_machine.travel(later, tick=False):
        assert "Verder invullen" not in client.get(url).content.decode()


def test_progress_and_list_filters_say_alle_not_dashes(questionnaire, lead, client_for):
    client = client_for(lead)
    for url in (
        reverse("surveys:progress", kwargs={"pk": questionnaire.pk}),
        reverse("surveys:invite", kwargs={"pk": questionnaire.pk}),
        reverse("surveys:questionnaire_list"),
    ):
        html = client.get(url).content.decode()
        assert "---------" not in html, url
        assert ">alle</option>" in html, url


def test_progress_shows_and_exports_the_moment_of_sending_in_amsterdam_time(
    response, lead, client_for
):
    """22:30 UTC on 1 July is 00:30 on 2 July in Amsterdam: on the page as text, in
    the download as a date-time cell (not the page's text)."""
    import io

    from openpyxl import load_workbook

    response.status = response.Status.SUBMITTED
    response.submitted_at = dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)
    response.save()
    client = client_for(lead)
    url = reverse("surveys:progress", kwargs={"pk": response.questionnaire_id})
    assert "2-7-2026 00:30" in client.get(url).content.decode()
    sheet = load_workbook(
        io.BytesIO(client.get(url, {"export": "xlsx"}).content)
    ).active
    header = [c.value for c in sheet[1]]
    column = header.index("Ingestuurd op")
    cell = sheet.cell(row=2, column=column + 1).value
    assert isinstance(cell, dt.datetime)
    assert cell.isoformat() == "2026-07-02T00:30:00"  # Excel keeps no time zone

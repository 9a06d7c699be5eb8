"""The public agenda wears the site's header, and a trainer's feed lives at a secret
address the trainer can renew (issue 10.23)."""

from __future__ import annotations

from django.urls import reverse

from tests.training.factories import SessionFactory
from training import services
from training.models import TrainerFeed


def test_public_agenda_has_the_site_menu_and_search(client, session):
    for url in (reverse("training:public_list"), session.get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'aria-label="Website"' in html
        assert f'action="{reverse("content:search")}"' in html
        assert 'role="search"' in html


def test_site_menu_of_content_pages_links_to_the_agenda(client, db):
    html = client.get(reverse("content:search")).content.decode()
    assert f'href="{reverse("training:public_list")}">Scholingsagenda<' in html


def test_the_old_id_address_no_longer_serves_the_feed(client, session):
    trainer = session.trainers.get()
    assert client.get(f"/scholing/agenda/trainer/{trainer.pk}.ics").status_code == 404


def test_feed_token_is_random_and_long(trainer, other_coalition):
    feed = services.trainer_feed_get(user=trainer)
    assert len(feed.token) >= 40
    assert str(trainer.pk) != feed.token
    assert services.trainer_feed_get(user=trainer).token == feed.token


def test_trainer_renews_the_address_and_the_old_one_answers_404(
    client, session, trainer, client_for
):
    own = client_for(trainer)
    page = own.get(reverse("training:trainer_feed_manage"))
    assert page.status_code == 200
    old = TrainerFeed.objects.get(user=trainer)
    assert old.get_absolute_url() in page.content.decode()
    own.logout()
    assert client.get(old.get_absolute_url()).status_code == 200
    own = client_for(trainer)
    response = own.post(reverse("training:trainer_feed_manage"))
    assert response.status_code == 302
    new = TrainerFeed.objects.get(user=trainer)
    assert new.token != old.token
    own.logout()
    assert client.get(old.get_absolute_url()).status_code == 404
    feed = client.get(new.get_absolute_url())
    assert feed.status_code == 200
    assert str(session.uid) in feed.content.decode()


def test_only_trainers_have_a_feed_page(lead, practice_user, funder, client_for):
    for user in (lead, practice_user, funder):
        response = client_for(user).get(reverse("training:trainer_feed_manage"))
        assert response.status_code == 403


def test_a_feed_of_someone_no_longer_trainer_answers_404(client, session, trainer):
    feed = services.trainer_feed_get(user=trainer)
    trainer.memberships.all().delete()
    assert client.get(feed.get_absolute_url()).status_code == 404
    SessionFactory(course=session.course)

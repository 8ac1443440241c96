"""The flare kit: written when calm, shown first in a flare, linked from home in a flare."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from learn_helpers import flare_kit_for

from pacewise.diary.models import CheckIn
from pacewise.learn.models import FlareKit


def test_write_and_change_the_flare_kit(client, me):
    url = reverse("learn-flare-kit-edit", args=[me.pk])
    response = client.post(url, {"helps": "Heat", "kind_words": "You've got this.", "shared": ""})
    assert response.status_code == 302
    kit = FlareKit.objects.get(patient=me)
    assert (kit.helps, kit.kind_words, kit.shared) == ("Heat", "You've got this.", False)
    page = client.get(url).content.decode()
    assert "Heat</textarea>" in page
    client.post(url, {"helps": "Heat and a walk", "shared": "on"})
    kit.refresh_from_db()
    assert (kit.helps, kit.kind_words, kit.shared) == ("Heat and a walk", "", True)


def test_an_empty_kit_invites_writing_it(client, me):
    page = client.get(reverse("learn-flare-kit", args=[me.pk])).content.decode()
    assert "Write my flare kit" in page and "Private: only you can see this" in page


def _flare_today(patient):
    CheckIn.objects.create(patient=patient, local_date=timezone.localdate(), in_flare=True)


def test_in_a_flare_the_kit_comes_first_on_the_learn_page(client, me):
    flare_kit_for(me)
    _flare_today(me)
    page = client.get(reverse("learn-home", args=[me.pk])).content.decode()
    assert page.index("For today: your flare kit") < page.index("Your pain-science course")
    assert "This will pass. You have done this before." in page


def test_not_in_a_flare_the_kit_is_not_pushed(client, me):
    flare_kit_for(me)
    page = client.get(reverse("learn-home", args=[me.pk])).content.decode()
    assert "For today: your flare kit" not in page


def test_home_links_the_kit_in_a_flare_only(client, me):
    home = reverse("patient-home", args=[me.pk])
    assert "Open my flare kit" not in client.get(home).content.decode()
    _flare_today(me)
    assert "Open my flare kit" in client.get(home).content.decode()


def test_the_clinicians_view_of_home_has_no_flare_kit_line(client, cast):
    _flare_today(cast.record)
    client.force_login(cast.sharing_clinician)
    page = client.get(reverse("patient-home", args=[cast.record.pk])).content.decode()
    assert "Open my flare kit" not in page

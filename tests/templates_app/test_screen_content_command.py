"""`python manage.py screen_content`: JSON lines in, one JSON line out per input, bad lines answered, never a crash."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from templates_app.models import ScreeningTerm
from tests.templates_app.builders import VALID, new_template

ROOT = Path(__file__).resolve().parents[2]


def screen(*lines: str, **options) -> list[dict]:
    out = io.StringIO()
    call_command("screen_content", stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_real_command_reads_standard_input_and_writes_one_line_per_input():
    lines = [
        {
            "id": "t1",
            "language": "id",
            "name": "promo_juni",
            "body": "Halo {{1}}, main slot gacor!",
            "samples": ["Budi"],
        },
        {
            "id": "t2",
            "language": "en_US",
            "name": "order_update",
            "body": "Your order {{1}} has shipped.",
            "samples": ["#A1"],
            "header_text": "Order update",
            "footer": "Acme",
            "buttons": [{"type": "QUICK_REPLY", "text": "Thanks"}],
        },  # fmt: skip
    ]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DEBUG="true", DJANGO_SETTINGS_MODULE="qontak_broadcast.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "screen_content"],
        cwd=ROOT,
        env=env,
        input="".join(json.dumps(line) + "\n" for line in lines) + "{oops\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    first, second, third = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "t1" and first["flagged"] is True and first["categories"] == ["gambling"]
    assert any("“gacor”" in reason for reason in first["reasons"])
    assert second == {"id": "t2", "flagged": False, "categories": [], "reasons": []}
    assert third["id"] is None and "Not JSON" in third["error"]


def test_every_part_is_screened_header_samples_footer_and_buttons():
    (header, sample, footer, button) = screen(
        json.dumps({"id": 1, "language": "en_US", "name": "a", "body": "Hi", "header_text": "Online casino night"}),
        json.dumps(
            {"id": 2, "language": "en_US", "name": "b", "body": "Hi {{1}}", "samples": ["buy xanax no prescription"]}
        ),  # noqa: E501
        json.dumps({"id": 3, "language": "id", "name": "c", "body": "Halo", "footer": "Ready senpi rakitan"}),
        json.dumps(
            {
                "id": 4,
                "language": "id",
                "name": "d",
                "body": "Halo",
                "buttons": [{"type": "URL", "text": "Buka", "url": "https://s.id/x1"}],
            }
        ),  # noqa: E501
    )
    assert header["categories"] == ["gambling"] and "en_US header" in header["reasons"][0]
    assert sample["categories"] == ["drugs"] and "sample {{1}}" in sample["reasons"][0]
    assert footer["categories"] == ["weapons"] and "id footer" in footer["reasons"][0]
    assert button["categories"] == ["link_shortener"] and "“s.id”" in button["reasons"][0]


def test_samples_keyed_by_variable_number_and_button_example_lists_are_read():
    (line,) = screen(
        json.dumps(
            {
                "id": "k",
                "language": "id",
                "name": "info",
                "body": "Halo {{1}}, cek {{2}}",
                "samples": {"2": "slot gacor", "1": "Budi"},
                "buttons": [
                    {"type": "URL", "text": "Buka", "url": "https://acme.id/{{1}}", "example": ["https://bit.ly/z"]}
                ],
            }
        )
    )
    assert line["categories"] == ["gambling", "link_shortener"]
    assert any("sample {{2}}" in reason for reason in line["reasons"])


def test_a_template_name_is_screened_too():
    (line,) = screen(json.dumps({"id": "n", "language": "id", "name": "promo_slot_gacor", "body": "Halo kak"}))
    assert line["flagged"] and "gambling" in line["categories"]


@pytest.mark.parametrize(
    ("line", "identifier", "message"),
    [
        ("not json at all", None, "Not JSON"),
        ("[1, 2, 3]", None, "must be a JSON object"),
        ('"just a string"', None, "must be a JSON object"),
        ('{"id": "x1", "language": "en_US", "name": "a"}', "x1", "“body” is missing"),
        ('{"id": "x2", "body": 42}', "x2", "“body” must be a string"),
        ('{"id": "x3", "body": "hi", "samples": "Budi"}', "x3", "“samples” must be a list of strings"),
        ('{"id": "x4", "body": "hi", "samples": [{"a": 1}]}', "x4", "“samples” must be a list of strings"),
        ('{"id": "x5", "body": "hi", "buttons": {"text": "Go"}}', "x5", "“buttons” must be a list of objects"),
        ('{"id": 6, "body": "hi", "language": ["en"]}', 6, "“language” must be a string"),
        ('{"id": {"nested": true}, "body": "hi"}', None, "“id” must be a string or a number"),
    ],
)
def test_a_bad_line_gets_an_error_line_with_its_id_and_the_next_line_is_still_screened(line, identifier, message):
    bad, good = screen(
        line, json.dumps({"id": "after", "language": "en_US", "name": "n", "body": "Your order shipped."})
    )
    assert bad["id"] == identifier and message in bad["error"]
    assert "flagged" not in bad
    assert good == {"id": "after", "flagged": False, "categories": [], "reasons": []}


def test_blank_lines_are_skipped_and_output_keeps_the_input_order():
    out = screen(
        json.dumps({"id": "a", "body": "Claim free spins at our casino"}),
        "",
        "   ",
        json.dumps({"id": "b", "body": "Your appointment is on Monday"}),
    )
    assert [(line["id"], line["flagged"]) for line in out] == [("a", True), ("b", False)]


def test_with_organization_it_screens_that_organizations_templates_with_its_own_terms(
    org_a, org_b, agent, account_a, outsider
):
    from tests.factories import ChannelAccountFactory

    ScreeningTerm.objects.create(organization=org_a, term="MegaMart", label="Competitor name")
    flagged = new_template(org_a, agent, account_a, name="casino_night", data={**VALID, "body": "Hi {{1}}, casino!"})
    clean = new_template(org_a, agent, account_a, name="order_update")
    rival = new_template(
        org_a, agent, account_a, name="rival", data={**VALID, "body": "Hi {{1}}, cheaper than MegaMart"}
    )
    other = new_template(org_b, outsider, ChannelAccountFactory(organization=org_b), name="elsewhere")

    out = {line["id"]: line for line in screen(organization=org_a.name)}
    assert set(out) == {flagged.pk, clean.pk, rival.pk}
    assert other.pk not in out
    assert out[flagged.pk]["categories"] == ["gambling"] and out[flagged.pk]["name"] == "casino_night"
    assert out[clean.pk]["flagged"] is False
    assert out[rival.pk]["categories"] == ["organization"]
    assert out[rival.pk]["reasons"] == ["Competitor name: “MegaMart” in en_US body"]


def test_an_unknown_organization_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No organization is called 'Nobody'"):
        screen(organization="Nobody")

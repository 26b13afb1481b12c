"""The template list: everyone in the organization, filters, and keyset pagination that holds at any size."""

import html
import re

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.models import Membership, Provider, Role
from templates_app.models import Status, Template, TemplateLanguage
from templates_app.selectors import ListFilters, templates_page
from tests.factories import ChannelAccountFactory, UserFactory

LIST = "/broadcast/templates/"


def _bulk(org, creator, account, count, *, created_at=None, **fields):
    created_at = created_at or timezone.now()
    prefix = fields.pop("prefix", "promo")
    rows = Template.objects.bulk_create(
        [
            Template(
                organization=org,
                channel_account=account,
                name=fields.get("name", f"{prefix}_{i}"),
                category=fields.get("category", "MARKETING"),
                status=fields.get("status", Status.PENDING),
                created_by=creator,
                languages=fields.get("languages", ["en_US"]),
            )
            for i in range(count)
        ]
    )
    # auto_now_add stamps "now": set the creation time the test wants (many equal on purpose).
    Template.objects.filter(pk__in=[t.pk for t in rows]).update(created_at=created_at)
    return rows


def _names(response) -> list[str]:
    return re.findall(r'<tr data-template="\d+">\s*<td><a [^>]*>([^<]+)</a>', response.content.decode())


def test_every_role_sees_the_organizations_templates_and_no_one_elses(
    org_a, org_b, agent, outsider, account_a, account_b, admin_client, agent_client, reviewer_client, outsider_client
):
    _bulk(org_a, agent, account_a, 2)
    _bulk(org_b, outsider, account_b, 3, prefix="secret")
    for client in (admin_client, agent_client, reviewer_client):
        response = client.get(LIST)
        assert response.status_code == 200
        assert sorted(_names(response)) == ["promo_0", "promo_1"]
    assert all(name.startswith("secret") for name in _names(outsider_client.get(LIST)))


def test_paging_with_equal_timestamps_skips_and_repeats_nothing(org_a, admin, agent, account_a, admin_client):
    moment = timezone.now()
    made = _bulk(org_a, agent, account_a, 60, created_at=moment)
    seen, url = [], LIST
    while url:
        response = admin_client.get(url)
        seen += _names(response)
        match = re.search(r'href="\?([^"]*cursor=[^"]+)" rel="next"', response.content.decode())
        url = LIST + "?" + match.group(1).replace("&amp;", "&") if match else None
    assert len(seen) == 60 and len(set(seen)) == 60
    assert sorted(seen) == sorted(t.name for t in made)


def test_rows_added_while_paging_do_not_shift_the_next_page(org_a, admin, agent, account_a):
    member = Membership.objects.get(user=admin)
    _bulk(org_a, agent, account_a, 30)
    first = templates_page(member=member, filters=ListFilters(), per_page=25)
    _bulk(org_a, agent, account_a, 5, prefix="newer")
    second = templates_page(member=member, filters=ListFilters(), cursor=first.next_cursor, per_page=25)
    assert len(second.rows) == 5
    assert not {t.pk for t in second.rows} & {t.pk for t in first.rows}


def test_the_number_of_queries_does_not_grow_with_the_page(org_a, admin, agent, account_a, admin_client):
    _bulk(org_a, agent, account_a, 3)
    with CaptureQueriesContext(connection) as small:
        admin_client.get(LIST)
    _bulk(org_a, agent, account_a, 40)
    other_creator = UserFactory()
    Membership.objects.create(user=other_creator, organization=org_a, role=Role.AGENT)
    _bulk(org_a, other_creator, ChannelAccountFactory(organization=org_a), 20)
    with CaptureQueriesContext(connection) as full:
        admin_client.get(LIST)
    assert len(full.captured_queries) == len(small.captured_queries)


def test_filters_and_search(org_a, agent, account_a, admin_client):
    other_account = ChannelAccountFactory(organization=org_a, display_name="Second line")
    _bulk(org_a, agent, account_a, 2, prefix="promo", category="MARKETING", status=Status.APPROVED)
    _bulk(org_a, agent, account_a, 1, name="payment_due", category="UTILITY", status=Status.REJECTED, languages=["id"])
    _bulk(org_a, agent, other_account, 1, name="welcome_back", category="UTILITY", status=Status.PENDING)

    def names(query):
        return sorted(_names(admin_client.get(LIST + "?" + query)))

    assert names("status=approved") == ["promo_0", "promo_1"]
    assert names("category=UTILITY") == ["payment_due", "welcome_back"]
    assert names("language=id") == ["payment_due"]
    assert names(f"account={other_account.pk}") == ["welcome_back"]
    assert names(f"created_by={agent.pk}") == ["payment_due", "promo_0", "promo_1", "welcome_back"]
    assert names("q=PAYMENT") == ["payment_due"]
    assert names("q=promo&status=approved") == ["promo_0", "promo_1"]
    assert "No templates match these filters." in admin_client.get(LIST + "?q=nothing").content.decode()


def test_the_filters_offer_the_organizations_own_accounts_and_members_escaped_with_the_choice_kept(
    org_a, org_b, agent, account_a, admin_client, outsider_client
):
    tricky = ChannelAccountFactory(organization=org_a, display_name='Tom & "Jerry" <Outlet>')
    ChannelAccountFactory(organization=org_b, display_name="Borealis line")
    agent.full_name = "Ana <b>Bold</b>"
    agent.save()

    def options(client, query, name):
        page = client.get(LIST + "?" + query).content.decode()
        select = re.search(rf'<select class="input" name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
        return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)

    accounts = options(admin_client, f"account={tricky.pk}&status=approved", "account")
    assert ("", "", "All accounts") in accounts
    assert (str(account_a.pk), "", "Acme Store") in accounts
    assert (str(tricky.pk), " selected", "Tom &amp; &quot;Jerry&quot; &lt;Outlet&gt;") in accounts
    assert "Borealis line" not in str(accounts)
    members = options(admin_client, f"created_by={agent.pk}", "created_by")
    assert (str(agent.pk), " selected", "Ana &lt;b&gt;Bold&lt;/b&gt;") in members
    statuses = options(admin_client, f"account={tricky.pk}&status=approved", "status")
    assert ("approved", " selected", "Approved") in statuses and ("", "", "All statuses") in statuses
    # The other organization's page, right after: its own lists, nothing chosen on it carried over.
    assert [label for _, _, label in options(outsider_client, "", "account")] == ["All accounts", "Borealis line"]
    assert ("approved", "", "Approved") in options(outsider_client, "", "status")
    assert [value for value, chosen, _ in options(outsider_client, "", "created_by") if chosen] == [""]  # Anyone


def test_garbage_filters_and_cursors_answer_a_page_not_an_error(org_a, agent, account_a, admin_client):
    _bulk(org_a, agent, account_a, 2)
    for query in [
        "cursor=%%%",
        "cursor=bm90LWEtY3Vyc29y",
        "status=bogus",
        "account=abc",
        "language=<script>",
        "q=" + "x" * 500,
    ]:
        response = admin_client.get(LIST + "?" + query)
        assert response.status_code == 200, query


def test_each_row_names_what_the_user_needs(org_a, agent, account_a, admin_client):
    (template,) = _bulk(
        org_a, agent, account_a, 1, name="order_update", status=Status.REJECTED, languages=["en_US", "id"]
    )
    Template.objects.filter(pk=template.pk).update(status_reason="INVALID_FORMAT", quality="GREEN")
    row = admin_client.get(LIST).content.decode()
    for text in [
        "order_update",
        "Marketing",
        "English (United States), Indonesian",
        "Acme Store",
        "Rejected",
        "INVALID_FORMAT",
        "Green",
    ]:
        assert text in row


def test_rows_show_the_words_the_template_itself_gives_in_both_languages(org_a, agent, account_a, admin, admin_client):
    """Rows look their words up in tables built once per language: they must say what the model says."""
    cases = [
        dict(status=Status.APPROVED, quality="GREEN", languages=["en_US", "id"]),
        dict(status=Status.REJECTED, status_reason="INVALID_FORMAT", quality="", languages=["ms"]),
        dict(status=Status.PAUSED, status_reason="Quality dropped", quality="yellow", languages=["zh_CN"]),
        dict(status=Status.DRAFT, quality="FLAKY", languages=["xx_UNKNOWN"], imported=True),
    ]
    for i, fields in enumerate(cases):
        status, languages = fields.pop("status"), fields.pop("languages")
        (template,) = _bulk(org_a, agent, account_a, 1, name=f"row_{i}", status=status, languages=languages)
        Template.objects.filter(pk=template.pk).update(**fields)
    for language in ("en", "id"):
        admin.language = language
        admin.save(update_fields=["language"])
        page = admin_client.get(LIST).content.decode()
        with translation.override(language):
            for template in Template.objects.filter(name__startswith="row_"):
                row = re.search(rf'<tr data-template="{template.pk}">(.*?)</tr>', page).group(1)
                cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
                status = html.unescape(re.search(r'<span class="status status-\w+"[^>]*>(.*?)</span>', row).group(1))
                assert cells[2] == ", ".join(template.language_names), (language, template.name)
                assert status == template.get_status_display(), (language, template.name)
                assert cells[5] == (template.quality_label or "—"), (language, template.name)
                assert ("badge-imported" in row) == template.imported
    assert "Disetujui" in page and "Hijau" in page and "Melayu" in page


def test_the_account_and_creator_filters_offer_only_the_organizations_own(
    agent_client, outsider_client, account_a, account_b, agent, outsider
):
    """Their options are read with statements compiled once per process and run for each organization."""
    ChannelAccountFactory(organization=account_a.organization, display_name="Acme Outlet")
    mine = agent_client.get(LIST).content.decode()
    theirs = outsider_client.get(LIST).content.decode()

    assert re.findall(r'<option value="\d+">(Acme \w+|Borealis \w+)', mine) == ["Acme Outlet", "Acme Store"]
    assert re.findall(r'<option value="\d+">(Acme \w+|Borealis \w+)', theirs) == ["Borealis Store"]
    assert agent.display_name in mine and outsider.display_name not in mine
    assert outsider.display_name in theirs and agent.display_name not in theirs


def test_every_combination_of_filters_pages_through_exactly_its_templates(org_a, org_b, agent, admin, account_a):
    """Each combination's statement is compiled once per process with stand-ins: paged with a cursor, every
    combination must give what the filters say, of this organization only, newest first."""
    other_account = ChannelAccountFactory(organization=org_a, display_name="Second line")
    moment = timezone.now()
    for i in range(12):
        _bulk(
            org_a,
            [agent, admin][i % 2],
            [account_a, other_account][i % 3 == 0],
            2,
            prefix=f"mix{i}",
            created_at=moment - timezone.timedelta(minutes=i % 4),  # equal timestamps across the page break
            status=[Status.APPROVED, Status.PENDING, Status.AWAITING_APPROVAL][i % 3],
            category=["MARKETING", "UTILITY"][i % 2],
            languages=[["en_US"], ["id", "en_US"], ["id"]][i % 3],
        )
    outsider_account = ChannelAccountFactory(organization=org_b)
    _bulk(org_b, agent, outsider_account, 5, prefix="theirs", languages=["id"])
    member = Membership.objects.get(user=agent)
    options = {
        "status": Status.AWAITING_APPROVAL,
        "category": "UTILITY",
        "language": "id",
        "account": other_account.pk,
        "created_by": admin.pk,
        "awaiting_decision_by": agent.pk,
    }
    for mask in range(1 << len(options)):
        chosen = {name: value for bit, (name, value) in enumerate(options.items()) if mask >> bit & 1}
        expected = Template.objects.filter(organization=org_a)
        if "status" in chosen:
            expected = expected.filter(status=chosen["status"])
        if "category" in chosen:
            expected = expected.filter(category=chosen["category"])
        if "language" in chosen:
            expected = expected.filter(languages__contains=[chosen["language"]])
        if "account" in chosen:
            expected = expected.filter(channel_account_id=chosen["account"])
        if "created_by" in chosen:
            expected = expected.filter(created_by_id=chosen["created_by"])
        if "awaiting_decision_by" in chosen:
            waiting = Q(status=Status.AWAITING_APPROVAL) | Q(
                status=Status.PENDING, channel_account__provider=Provider.REVIEW_DESK
            )
            expected = expected.filter(waiting).exclude(created_by_id=agent.pk)
        seen, cursor = [], ""
        while True:
            page = templates_page(member=member, filters=ListFilters(**chosen), cursor=cursor, per_page=5)
            seen += [t.pk for t in page.rows]
            if not page.next_cursor:
                break
            cursor = page.next_cursor
        assert seen == list(expected.order_by("-created_at", "-id").values_list("pk", flat=True)), chosen


def test_a_search_finds_common_and_rare_names_at_any_depth_and_pages_through_them(org_a, agent, account_a):
    """A common term is answered from the newest rows' names, a rare one through the trigram index: both give
    every match, newest first, page after page."""
    member = Membership.objects.get(user=agent)
    start = timezone.now() - timezone.timedelta(days=1)
    _bulk(org_a, agent, account_a, 1, name="old_Rare_needle", created_at=start)
    for i in range(21):  # 2,100 newer rows, half of them "promo"
        _bulk(org_a, agent, account_a, 50, prefix=f"promo_{i}", created_at=start + timezone.timedelta(minutes=i + 1))
        _bulk(org_a, agent, account_a, 50, prefix=f"other_{i}", created_at=start + timezone.timedelta(minutes=i + 1))

    def every(q):
        seen, cursor = [], ""
        while True:
            page = templates_page(member=member, filters=ListFilters(q=q), cursor=cursor, per_page=25)
            seen += [t.pk for t in page.rows]
            if not page.next_cursor:
                return seen
            cursor = page.next_cursor

    for q in ("PROMO_1", "rare_NEEDLE", "o_2", "nothing_like_this"):
        expected = Template.objects.filter(organization=org_a, name__icontains=q).order_by("-created_at", "-id")
        assert every(q) == list(expected.values_list("pk", flat=True)), q
    assert len(every("promo_1")) == 550  # promo_1 and promo_10..promo_19


def _every_page(member, q, **filters):
    seen, cursor = [], ""
    while True:
        page = templates_page(member=member, filters=ListFilters(q=q, **filters), cursor=cursor, per_page=25)
        seen += [t.pk for t in page.rows]
        if not page.next_cursor:
            return seen
        cursor = page.next_cursor


def test_a_term_with_a_rare_word_is_looked_up_by_that_word_and_still_matched_whole(org_a, agent, account_a):
    """ "order_update_700634" among many "order_update_…": the index is asked for "700634" alone, and only names
    holding the whole term are listed, newest first, equal creation times in id order, page after page."""
    member = Membership.objects.get(user=agent)
    start = timezone.now() - timezone.timedelta(days=2)
    moment = start + timezone.timedelta(hours=1)
    _bulk(org_a, agent, account_a, 1, name="order_update_700634", created_at=start)
    _bulk(org_a, agent, account_a, 1, name="promo_700634", created_at=start)  # the rare word, not the term
    _bulk(org_a, agent, account_a, 1, name="700634_order_update", created_at=start)  # the words, not in order
    _bulk(org_a, agent, account_a, 1, name="ORDER_UPDATE_7006345", created_at=start)  # the term, in capitals
    _bulk(org_a, agent, account_a, 30, prefix="x_order_update_700634", created_at=moment)  # more than a page
    _bulk(org_a, agent, account_a, 400, prefix="order_update", created_at=start + timezone.timedelta(days=1))

    def expected(q):
        rows = Template.objects.filter(organization=org_a, name__icontains=q).order_by("-created_at", "-id")
        return list(rows.values_list("pk", flat=True))

    for q in ("order_update_700634", "Order_Update_700634", "der_update_70063", "update_700634_1"):
        with CaptureQueriesContext(connection) as queries:
            first = templates_page(member=member, filters=ListFilters(q=q), per_page=25)
        sql = " ".join(query["sql"] for query in queries.captured_queries)
        assert "%700634%" in sql.upper() or "%70063%" in sql.upper(), q
        assert f"%{q.upper()}%" not in sql.upper(), q  # the common words stayed out of the index lookup
        assert [t.pk for t in first.rows] == expected(q)[:25], q
        assert _every_page(member, q) == expected(q), q
    assert len(expected("order_update_700634")) == 32
    assert "promo_700634" not in {t.name for t in first.rows}


def test_a_term_with_more_matches_than_the_cap_is_walked_newest_first(org_a, agent, account_a, monkeypatch):
    """Past SEARCH_CAP matches the trigram lookup stops counting and the newest-first walk lists them instead:
    the same rows either way."""
    from templates_app import selectors

    monkeypatch.setattr(selectors, "SEARCH_PROBE", 10)
    monkeypatch.setattr(selectors, "SEARCH_CAP", 20)
    member = Membership.objects.get(user=agent)
    start = timezone.now() - timezone.timedelta(days=1)
    for i in range(4):
        _bulk(org_a, agent, account_a, 12, prefix=f"needle_{i}", created_at=start + timezone.timedelta(minutes=i))
    _bulk(org_a, agent, account_a, 15, prefix="other", created_at=start + timezone.timedelta(hours=1))
    for q in ("needle", "needle_1", "needle_2_1", "nothing"):
        expected = Template.objects.filter(organization=org_a, name__icontains=q).order_by("-created_at", "-id")
        assert _every_page(member, q) == list(expected.values_list("pk", flat=True)), q
    assert len(_every_page(member, "needle")) == 48  # more than the cap
    assert len(_every_page(member, "needle_1")) == 12  # needle_1_0 … needle_1_11: under the cap


def test_the_language_filter_follows_every_change_of_a_templates_languages(org_a, org_b, agent, account_a):
    """The language filter reads rows the database writes from `languages` (migration 0011): an insert, a
    change of languages or of creation time, a delete, in bulk or one by one, all show on the next page."""
    member = Membership.objects.get(user=agent)

    def listed(language, **filters):
        return {t.name for t in templates_page(member=member, filters=ListFilters(language=language, **filters)).rows}

    (draft,) = _bulk(org_a, agent, account_a, 1, name="draft_x", status=Status.DRAFT, languages=["en_US", "id"])
    _bulk(org_a, agent, account_a, 2, prefix="ja_only", status=Status.DRAFT, languages=["ja", "ja"])  # counted once
    _bulk(org_b, agent, ChannelAccountFactory(organization=org_b), 1, name="theirs", languages=["id"])
    assert listed("id") == {"draft_x"} and listed("en_US") == {"draft_x"}
    assert listed("ja") == {"ja_only_0", "ja_only_1"}

    draft.languages = ["ms"]
    draft.save()
    assert listed("id") == set() and listed("ms") == {"draft_x"}
    Template.objects.filter(name__startswith="ja_only").update(languages=["th"])
    assert listed("ja") == set() and listed("th") == {"ja_only_0", "ja_only_1"}
    assert listed("th", status=Status.DRAFT) == {"ja_only_0", "ja_only_1"}  # with another filter, too

    Template.objects.filter(name="ja_only_0").update(created_at=timezone.now() + timezone.timedelta(days=1))
    assert [t.name for t in templates_page(member=member, filters=ListFilters(language="th")).rows] == [
        "ja_only_0",
        "ja_only_1",
    ]
    draft.delete()
    Template.objects.filter(name="ja_only_1").delete()
    assert listed("ms") == set() and listed("th") == {"ja_only_0"}
    assert TemplateLanguage.objects.filter(organization=org_a).count() == 1


def test_a_search_within_one_language_pages_through_exactly_its_matches(org_a, agent, account_a):
    member = Membership.objects.get(user=agent)
    start = timezone.now() - timezone.timedelta(days=1)
    for i in range(8):  # equal creation times within each batch, across page breaks
        moment = start + timezone.timedelta(minutes=i // 2)
        _bulk(org_a, agent, account_a, 40, prefix=f"order_{i}", created_at=moment, languages=[["id"], ["en_US"]][i % 2])
        _bulk(org_a, agent, account_a, 5, prefix=f"promo_{i}", created_at=moment, languages=["id", "en_US"])
    for q in ("order", "order_3", "promo_1", "r_2_1", "nothing"):
        expected = Template.objects.filter(organization=org_a, name__icontains=q, languages__contains=["id"])
        expected = list(expected.order_by("-created_at", "-id").values_list("pk", flat=True))
        assert _every_page(member, q, language="id") == expected, q
    assert len(_every_page(member, "order", language="id")) == 160


def test_a_term_the_newest_rows_hold_a_few_of_is_found_by_reading_further_not_through_the_index(
    org_a, agent, account_a
):
    """The probe's 300 newest names hold 6 matches: reading the newest 3,000 finds a page at that rate, without
    the trigram lookup; the pages after it, and a term past the walk, are still every match, newest first."""
    member = Membership.objects.get(user=agent)
    start = timezone.now() - timezone.timedelta(days=1)
    for i in range(62):  # 3,100 rows, newest last: 49 "plain" then one "needle" per minute
        moment = start + timezone.timedelta(minutes=i)
        _bulk(org_a, agent, account_a, 49, prefix=f"plain_{i}", created_at=moment)
        _bulk(org_a, agent, account_a, 1, name=f"needle_{i}", created_at=moment)
    _bulk(org_a, agent, account_a, 1, name="rare_needle_old", created_at=start - timezone.timedelta(days=1))

    with CaptureQueriesContext(connection) as queries:
        first = templates_page(member=member, filters=ListFilters(q="needle"), per_page=25)
    assert [t.name for t in first.rows] == [f"needle_{i}" for i in range(61, 36, -1)]
    assert not any("LIKE" in query["sql"].upper() for query in queries.captured_queries)
    for q in ("needle", "NEEDLE_5", "rare_needle"):
        expected = Template.objects.filter(organization=org_a, name__icontains=q).order_by("-created_at", "-id")
        assert _every_page(member, q) == list(expected.values_list("pk", flat=True)), q

"""Reads for message templates. Views fetch templates only through these (404 across tenants)."""

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections
from django.db.models import F, Q, Value
from django.db.models.functions import StrIndex, Upper
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from accounts.models import ChannelAccount, Membership, Provider, User
from accounts.permissions import REVIEWERS
from qontak_broadcast.prepared import AnyOf, PreparedRead, loaded, loader
from security_settings.selectors import (
    broadcast_template_otp_enabled,
    second_person_approval_enabled,
    security_settings_for_member,
)

from .models import Category, Content, Contribution, Status, Template

CATEGORIES_NEEDING_OTP = (Category.MARKETING, Category.UTILITY)


# The account's credentials are stored encrypted: pages that never use them should not decrypt them.
ACCOUNT_CREDENTIALS = ("channel_account__meta_access_token", "channel_account__meta_app_secret")
# What a row of the template list shows (views/fragments.TemplateRows) and its cursor needs: nothing else is
# read or turned into Python values (tests/templates_app/test_page_queries.py counts the queries).
LIST_ROW_FIELDS = (
    "name",
    "category",
    "status",
    "status_reason",
    "quality",
    "languages",
    "imported",
    "created_at",
    "updated_at",
    "channel_account__display_name",
    "created_by__full_name",
    "created_by__email",
)


def template_get_for_member(*, member: Membership, template_id: int) -> Template:
    template = get_object_or_404(
        Template.objects.select_related("channel_account", "created_by").defer(*ACCOUNT_CREDENTIALS),
        pk=template_id,
        organization_id=member.organization_id,
    )
    # The member's organization, as read with the membership: no join to read it again.
    template.organization = member.organization
    return template


# The wizard reads the draft on every step, autosave and upload: its row and its account's (without the
# credentials) in one statement compiled once per process, as the ORM would give them.
_DRAFT_FIELDS = [f.attname for f in Template._meta.concrete_fields]
_DRAFT_ACCOUNT_FIELDS = [
    f.attname for f in ChannelAccount._meta.concrete_fields if f"channel_account__{f.name}" not in ACCOUNT_CREDENTIALS
]
_DRAFT_COLUMNS = [*_DRAFT_FIELDS, *(f"channel_account__{name}" for name in _DRAFT_ACCOUNT_FIELDS)]
_CONTENT_FIELDS = [f.attname for f in Content._meta.concrete_fields]


def _draft_read(*, with_contents: bool) -> PreparedRead:
    """The draft with its account; `with_contents`: joined to every language's content, in their order (one row
    per content, one with none when it has none)."""

    def build(template_id, organization_id):
        rows = Template.objects.filter(pk=template_id, organization_id=organization_id)
        if not with_contents:
            return rows.values_list(*_DRAFT_COLUMNS)
        return rows.order_by("contents__position", "contents__id").values_list(
            *_DRAFT_COLUMNS, *(f"contents__{name}" for name in _CONTENT_FIELDS)
        )

    return PreparedRead(build, template_id=-7_311_000_000_017, organization_id=-7_311_000_000_019)


_draft_reads = {with_contents: _draft_read(with_contents=with_contents) for with_contents in (False, True)}


def template_get_for_editing(*, member: Membership, template_id: int, with_contents: bool = False) -> Template:
    """The member's template with its account (credentials deferred) and organization, or 404: what the wizard's
    pages use (template_get_for_member also brings the creator, for the template's page).

    `with_contents`: its contents come in the same query, kept as template_contents_read keeps them (step 2).
    """
    rows = _draft_reads[with_contents](template_id=template_id, organization_id=member.organization_id)
    if not rows:
        raise Http404("No such template in this organization.")
    database, split, end = Template.objects.db, len(_DRAFT_FIELDS), len(_DRAFT_COLUMNS)
    template = loaded(Template, database, _DRAFT_FIELDS, rows[0][:split])
    template.channel_account = loaded(ChannelAccount, database, _DRAFT_ACCOUNT_FIELDS, rows[0][split:end])
    template.organization = member.organization
    if with_contents:
        _keep_contents(template, [row[end:] for row in rows if row[end] is not None])
    return template


_content_rows = PreparedRead(
    lambda template_id: Content.objects.filter(template_id=template_id).values_list(*_CONTENT_FIELDS),
    template_id=-7_311_000_000_023,
)


def template_contents_read(*, template: Template) -> list[Content]:
    """Every language of the template, in order, kept on it as prefetch_related("contents") keeps them (step 2
    shows the tabs, the form, the preview and the advisor from one read, compiled once per process). Read
    already when the template was (template_get_for_editing(with_contents=True)), they are not read again."""
    kept = getattr(template, "_prefetched_objects_cache", {}).get("contents")
    if kept is not None:
        return list(kept)
    return _keep_contents(template, _content_rows(template_id=template.pk))


def _keep_contents(template: Template, rows) -> list[Content]:
    database = Content.objects.db
    contents = [loaded(Content, database, _CONTENT_FIELDS, row) for row in rows]
    for content in contents:
        content.template = template
    queryset = template.contents.get_queryset()
    queryset._result_cache, queryset._prefetch_done = contents, True
    template._prefetched_objects_cache = {**getattr(template, "_prefetched_objects_cache", {}), "contents": queryset}
    return contents


def content_get(*, template: Template, language: str) -> Content:
    return get_object_or_404(Content, template=template, language=language)


def otp_required_for(*, template: Template, member: Membership | None = None) -> bool:
    """Does submitting this template need an emailed code (the organization's toggle)?

    With `member` (a page showing it), the toggle as read with the membership; without, read now.
    """
    if template.category not in CATEGORIES_NEEDING_OTP:
        return False
    if member is not None and member.organization_id == template.organization_id:
        return security_settings_for_member(member=member)["broadcast_template_otp"]
    return broadcast_template_otp_enabled(organization_id=template.organization_id)


def approval_required_for(*, template: Template) -> bool:
    """Does a submitted template wait for a second person before it goes to its provider?

    On the review desk the desk itself is that second person: no double review.
    """
    return (
        template.category in CATEGORIES_NEEDING_OTP
        and template.channel_account.provider != Provider.REVIEW_DESK
        and second_person_approval_enabled(organization_id=template.organization_id)
    )


def whatsapp_delete_refusal(*, template: Template) -> str:
    """Why "Delete from WhatsApp" can't be done on this template now ("" when it can)."""
    account = template.channel_account
    if account.provider != Provider.META:
        return gettext("Only templates sent to WhatsApp can be deleted there.")
    if account.disconnected_at:
        return gettext("The WhatsApp account is disconnected: its templates are read-only.")
    if template.status == Status.DELETED:
        return gettext("This template is already deleted from WhatsApp.")
    if template.status in (Status.DRAFT, Status.AWAITING_APPROVAL, Status.SUBMITTING):
        return gettext("This template is not on WhatsApp yet.")
    if not template.submissions.exclude(provider_template_id="").exclude(status=Status.DELETED).exists():
        return gettext("None of this template's languages is on WhatsApp.")
    return ""


def organization_asks_for_codes(*, template: Template) -> bool:
    """Does the organization's toggle ask for an emailed code (any category: deleting is not content)?"""
    return broadcast_template_otp_enabled(organization_id=template.organization_id)


def awaiting_decision(rows):
    """Templates that wait for a person's decision: second-person approval, or the review desk."""
    return rows.filter(
        Q(status=Status.AWAITING_APPROVAL) | Q(status=Status.PENDING, channel_account__provider=Provider.REVIEW_DESK)
    )


def template_contributor_ids(*, template: Template) -> set[int]:
    """Everyone who created, edited or submitted the template."""
    ids = set(Contribution.objects.filter(template=template).values_list("user_id", flat=True))
    return ids | {pk for pk in (template.created_by_id, template.submitted_by_id) if pk}


def review_refusal(*, template: Template, user, member: Membership | None = None) -> str:
    """Why `user` may not approve or reject `template` now ("" when they may).

    The one rule, used by the page (to offer Approve/Reject) and by the
    service (to refuse): a Reviewer or Admin of the template's organization,
    on a template that waits for a decision, who never worked on it. A page
    passes the user's `member`ship it already read; the service reads it now.
    """
    if member is not None and member.user_id == user.pk and member.organization_id == template.organization_id:
        may_decide = member.role in REVIEWERS
    else:
        may_decide = Membership.objects.filter(
            user=user, organization_id=template.organization_id, role__in=REVIEWERS
        ).exists()
    if not may_decide:
        return gettext("Only Reviewers and Admins of this organization decide on templates.")
    waiting = template.status == Status.AWAITING_APPROVAL or (
        template.status == Status.PENDING and template.channel_account.provider == Provider.REVIEW_DESK
    )
    if not waiting:
        if template.status == Status.PENDING:
            return gettext("WhatsApp reviews this template; its decision arrives by itself.")
        return gettext("This template is %(status)s: there is nothing to decide.") % {
            "status": str(template.get_status_display()).lower()
        }
    if user.pk in template_contributor_ids(template=template):
        return gettext(
            "You worked on this template (created, edited or submitted it): another reviewer must decide on it."
        )
    return ""


def template_deciders(*, template: Template):
    """The active Reviewers and Admins of the organization who may decide on the template."""
    return (
        User.objects.filter(
            is_active=True, memberships__organization_id=template.organization_id, memberships__role__in=REVIEWERS
        )
        .exclude(pk__in=template_contributor_ids(template=template))
        .order_by("email")
    )


def template_name_taken(
    *, channel_account: ChannelAccount, name: str, languages: list[str], exclude_id: int | None = None
) -> list[str]:
    """The languages in which another template of this account already uses `name`."""
    others = Template.objects.filter(channel_account=channel_account, name=name)
    if exclude_id is not None:
        others = others.exclude(pk=exclude_id)
    taken = Content.objects.filter(template__in=others, language__in=languages).values_list("language", flat=True)
    return sorted(set(taken))


@dataclass(frozen=True)
class ListFilters:
    status: str = ""
    category: str = ""
    language: str = ""
    account: int | None = None
    created_by: int | None = None
    q: str = ""
    # Templates waiting for this user's decision (second-person approval or the review desk).
    awaiting_decision_by: int | None = None


@dataclass(frozen=True)
class ListPage:
    rows: list[Template]
    next_cursor: str | None
    is_first: bool


def _cursor_encode(template: Template) -> str:
    raw = f"{template.created_at.isoformat()}|{template.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _cursor_decode(cursor: str) -> tuple[datetime, int] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        created, pk = raw.split("|")
        moment = datetime.fromisoformat(created)
        return (moment, int(pk)) if moment.tzinfo else None
    except (ValueError, UnicodeDecodeError, binascii.Error):
        return None


SEARCH_CAP = 5000
SEARCH_PROBE = 300
SEARCH_WALKS = (600, 1200, 3000)
NEWEST_FIRST = ("-created_at", "-id")


def _search(rows, order: tuple[str, str], probe: Callable[[int], list], q: str, limit: int) -> list[Template]:
    """The newest `limit` templates among `rows` whose name holds `q` (any case), fast whether the term is rare,
    common or only in old rows; `probe(n)`: (id, name) of the newest `n` of `rows`.

    Left alone, PostgreSQL walks the newest-first index and discards every
    non-matching row, which is slow when the matches are few and old. So:
    first the names of the newest rows are read (SEARCH_PROBE of them, one
    index walk): when they hold a page of matches (a common term), or are all
    there is (a small organization), the page is those. When they hold some,
    fewer than a page, and at that rate a page is within SEARCH_WALKS[-1]
    rows, that many are read instead. Otherwise the matches are collected
    through the trigram index (capped), ordered in the database, and only
    the page's rows are read; only a term with more matches than the cap,
    which the newest-first walk finds quickly, falls back to that walk.
    """
    # Names are lowercase letters, digits and underscores; icontains compares UPPER() of both sides.
    needle = q.upper()
    size = SEARCH_PROBE
    newest = probe(size)
    found = [pk for pk, name in newest if needle in name.upper()]
    if found and len(found) < limit and len(newest) == size:
        # Read enough rows for a page at the rate the probe found, with a quarter to spare.
        wider = next((n for n in SEARCH_WALKS if 4 * n * len(found) >= 5 * SEARCH_PROBE * limit), None)
        if wider:
            size, newest = wider, probe(wider)
            found = [pk for pk, name in newest if needle in name.upper()]
    if len(found) >= limit or len(newest) < size:  # a page, or every row there is
        return _by_ids(found[:limit])
    capped = _through_rare_words(rows, q, newest).order_by().values_list("created_at", "pk")[: SEARCH_CAP + 1]
    # The capped matches are counted and their page taken in one statement: the ORM writes no window over a
    # LIMITed subquery, so the statement wraps the ORM's own SQL (every value stays a parameter).
    sql, params = capped.query.sql_with_params()
    with connections[capped.db].cursor() as cursor:
        cursor.execute(
            f"SELECT pk, count(*) OVER () FROM ({sql}) AS capped (created_at, pk) "  # noqa: S608
            "ORDER BY created_at DESC, pk DESC LIMIT %s",
            (*params, limit),
        )
        page = cursor.fetchall()
    if page and page[0][1] > SEARCH_CAP:
        return _listed(rows.filter(name__icontains=q), limit, order)
    # The ids already satisfy every filter (organization included). Querying
    # the page's few ids alone keeps the planner from walking a filter's
    # newest-first index again.
    return _by_ids([pk for pk, _ in page])


def _by_ids(ids: list[int]) -> list[Template]:
    """The list's rows of these templates, newest first, read by one statement for any number of them."""
    return _list_rows(_by_ids_read(ids=ids)) if ids else []


_by_ids_read = PreparedRead(
    lambda ids: Template.objects.filter(AnyOf(F("id"), ids)).order_by(*NEWEST_FIRST).values_list(*_LIST_COLUMNS),
    ids=[-7_311_000_000_049],
)


# pg_trgm indexes the runs of letters and digits in a name; one shorter than three narrows a lookup too little.
_WORD = re.compile(r"[^\W_]{3,}")


def _through_rare_words(rows, q: str, newest: list[tuple[int, str]]):
    """`rows` whose name holds `q`, found through the trigram index by the words of `q` that are rare.

    The trigram index reads the whole list of rows holding each trigram of
    the term, and a common word ("order", "update") has hundreds of
    thousands of them: "order_update_700634" read 1,900 index pages where
    "700634" alone read 35. A word found in none of the newest names (the
    sample the probe read) is rare enough to look up alone; the whole term
    is then checked against the few rows it finds, outside the index. A
    term whose words are all common, or all rare, is looked up whole.
    """
    names = [name.upper() for _, name in newest]
    words = _WORD.findall(q)
    rare = [word for word in words if not any(word.upper() in name for name in names)]
    if not rare or len(rare) == len(words):
        return rows.filter(name__icontains=q)
    for word in rare:
        rows = rows.filter(name__icontains=word)
    # StrIndex is no LIKE: the planner cannot take it to the trigram index, so only the rare words go there.
    return rows.alias(at=StrIndex(Upper("name"), Upper(Value(q)))).filter(at__gt=0)


def _listed(rows, limit: int, order: tuple[str, str]) -> list[Template]:
    return list(rows.select_related("channel_account", "created_by").only(*LIST_ROW_FIELDS).order_by(*order)[:limit])


def _narrowed(rows, *, status="", category="", account=None, created_by=None, awaiting_decision_by=None):
    if status:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(category=category)
    if account:
        rows = rows.filter(channel_account_id=account)
    if created_by:
        rows = rows.filter(created_by_id=created_by)
    if awaiting_decision_by:
        me = awaiting_decision_by
        rows = (
            awaiting_decision(rows)
            .exclude(created_by_id=me)
            .exclude(submitted_by_id=me)
            .exclude(pk__in=Contribution.objects.filter(user_id=me).values("template_id"))
        )
    return rows


# A language's templates are walked through their TemplateLanguage rows, newest first in that table's index.
BY_LANGUAGE_NEWEST_FIRST = ("-language_rows__created_at", "-language_rows__template_id")


def _in_scope(organization_id: int, position: tuple[datetime, int] | None = None, *, language="", **narrowing):
    """The organization's templates the filters leave, after the cursor's position, and the order that reads
    them newest first from an index."""
    rows = _narrowed(Template.objects.filter(organization_id=organization_id), **narrowing)
    if language and narrowing:
        # With another filter, that filter's index is walked and each template's languages read with it: a
        # language on a third of the templates and a status on 0.5% would walk 200 language rows per match
        # the other way round, and looking each template's language up (an index probe per row) costs more
        # than reading it from the row the walk fetches anyway.
        rows = rows.filter(languages__contains=[language])
    if not language or narrowing:
        return (rows if position is None else _after(rows, *position)), NEWEST_FIRST
    # One filter() call: the language's row, the order and the cursor all use the same join.
    chosen = Q(language_rows__organization_id=organization_id, language_rows__language=language)
    if position is not None:
        created, pk = position
        chosen &= Q(language_rows__created_at__lte=created) & (
            Q(language_rows__created_at__lt=created)
            | Q(language_rows__created_at=created, language_rows__template_id__lt=pk)
        )
    return rows.filter(chosen), BY_LANGUAGE_NEWEST_FIRST


def _after(rows, created: datetime, pk: int):
    # The redundant `created_at <= t` bound lets PostgreSQL start the index
    # scan at the cursor instead of walking (and discarding) every newer row.
    return rows.filter(created_at__lte=created).filter(Q(created_at__lt=created) | Q(created_at=created, id__lt=pk))


_NARROWING = ("status", "category", "language", "account", "created_by", "awaiting_decision_by")
# Stand-ins for PreparedRead: values no filter can hold, each different from the others.
_LIST_STAND_INS = {
    "organization_id": -7_311_000_000_031,
    "status": "\x00status",
    "category": "\x00category",
    "language": "\x00language",
    "account": -7_311_000_000_037,
    "created_by": -7_311_000_000_041,
    "awaiting_decision_by": -7_311_000_000_043,
    "created": datetime(1901, 2, 3, 4, 5, 6, 789_123, tzinfo=UTC),
    "pk": -7_311_000_000_047,
}


def _in_model_order(model, names) -> list[str]:
    # Model.from_db takes a subset of the fields in the model's order.
    return [f.attname for f in model._meta.concrete_fields if f.attname in names or f.name in names]


_LIST_TEMPLATE_FIELDS = _in_model_order(
    Template, {"id", "channel_account", "created_by", *(f for f in LIST_ROW_FIELDS if "__" not in f)}
)
_LIST_ACCOUNT_FIELDS = _in_model_order(
    ChannelAccount, {"id", *(f.split("__")[1] for f in LIST_ROW_FIELDS if f.startswith("channel_account__"))}
)
_LIST_CREATOR_FIELDS = _in_model_order(
    User, {"id", *(f.split("__")[1] for f in LIST_ROW_FIELDS if f.startswith("created_by__"))}
)
_LIST_COLUMNS = [
    *_LIST_TEMPLATE_FIELDS,
    *(f"channel_account__{f}" for f in _LIST_ACCOUNT_FIELDS),
    *(f"created_by__{f}" for f in _LIST_CREATOR_FIELDS),
]
_list_reads: dict[tuple, PreparedRead] = {}


def _language_in_array(shape: tuple[str, ...]) -> bool:
    # A language with another filter is looked for in `languages` (_in_scope), a JSON array the driver
    # receives whole: the stand-in is that array.
    return "language" in shape and len(shape) > 1


def _list_read(shape: tuple[str, ...], after: bool, limit: int, columns: tuple[str, ...] = ()) -> PreparedRead:
    """The page's query for one combination of filters (and a cursor or not), compiled once per process;
    `columns`: other columns than the rows' (a search reads the newest names)."""
    key = (shape, after, limit, columns)
    if key not in _list_reads:

        def build(organization_id, created=None, pk=None, **narrowing):
            if _language_in_array(shape):
                narrowing["language"] = narrowing["language"][0]
            rows, order = _in_scope(organization_id, (created, pk) if after else None, **narrowing)
            return rows.order_by(*order).values_list(*(columns or _LIST_COLUMNS))[:limit]

        stand_ins = {name: _LIST_STAND_INS[name] for name in ("organization_id", *shape)}
        if _language_in_array(shape):
            stand_ins["language"] = [_LIST_STAND_INS["language"]]  # the array the lookup is given
        if after:
            stand_ins.update(created=_LIST_STAND_INS["created"], pk=_LIST_STAND_INS["pk"])
        _list_reads[key] = PreparedRead(build, **stand_ins)
    return _list_reads[key]


def _list_rows(rows: list[tuple]) -> list[Template]:
    """The page's templates, each with its account and creator as select_related() would attach them."""
    database, a = Template.objects.db, len(_LIST_TEMPLATE_FIELDS)
    b = a + len(_LIST_ACCOUNT_FIELDS)
    template = loader(Template, database, _LIST_TEMPLATE_FIELDS)
    account = loader(ChannelAccount, database, _LIST_ACCOUNT_FIELDS)
    creator = loader(User, database, _LIST_CREATOR_FIELDS)
    attach_account = Template._meta.get_field("channel_account").set_cached_value
    attach_creator = Template._meta.get_field("created_by").set_cached_value
    page = []
    for row in rows:
        page.append(each := template(row[:a]))
        attach_account(each, account(row[a:b]))
        attach_creator(each, creator(row[b:]))
    return page


def templates_page(*, member: Membership, filters: ListFilters, cursor: str = "", per_page: int = 25) -> ListPage:
    """One page of the organization's templates, newest first.

    Keyset pagination on (created_at, id): a deep page costs what the first
    one does, and rows created meanwhile never shift a page (none skipped or
    repeated, even with equal timestamps). Without a search, the page's
    statement for its combination of filters is compiled once per process.
    """
    narrowing = {name: getattr(filters, name) for name in _NARROWING if getattr(filters, name)}
    position = _cursor_decode(cursor) if cursor else None
    shape, values = tuple(narrowing), {**narrowing, "organization_id": member.organization_id}
    if _language_in_array(shape):
        values["language"] = [values["language"]]
    if position is not None:
        values["created"], values["pk"] = position
    if filters.q:

        def probe(size: int) -> list[tuple[int, str]]:
            return _list_read(shape, position is not None, size, ("pk", "name"))(**values)

        rows, order = _in_scope(member.organization_id, position, **narrowing)
        page = _search(rows, order, probe, filters.q, per_page + 1)
    else:
        page = _list_rows(_list_read(shape, position is not None, per_page + 1)(**values))
    has_more = len(page) > per_page
    page = page[:per_page]
    return ListPage(rows=page, next_cursor=_cursor_encode(page[-1]) if has_more else None, is_first=position is None)

import pytest
from django.db import IntegrityError, connection
from django.forms.models import model_to_dict

from accounts.models import ChannelAccount, Provider, User
from tests.factories import UserFactory


def test_email_is_unique_regardless_of_case(db):
    UserFactory(email="Dewi@Example.test")
    with pytest.raises(IntegrityError):
        UserFactory(email="dewi@example.TEST")


def test_meta_token_is_stored_encrypted_and_never_shown(admin_client, org_a):
    account = ChannelAccount.objects.create(
        organization=org_a,
        display_name="Meta line",
        phone_number="+6281",
        provider=Provider.META,
        meta_access_token="EAAG-secret-token-123",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT meta_access_token FROM accounts_channelaccount WHERE id = %s", [account.pk])
        (stored,) = cursor.fetchone()
    assert "EAAG-secret-token-123" not in stored
    assert ChannelAccount.objects.get(pk=account.pk).meta_access_token == "EAAG-secret-token-123"
    page = admin_client.get(f"/settings/channels/{account.pk}/").content.decode()
    assert "EAAG-secret-token-123" not in page and "Stored (hidden)" in page


def test_a_user_read_by_id_is_the_user_the_orm_reads(db):
    """User.objects.get(pk=...) (every signed-in request, through ModelBackend) runs a prepared statement."""
    user = UserFactory(email="Dewi@Example.test", full_name="Dewi Lestari", language="id")
    UserFactory(email="someone.else@example.test")
    read = User.objects.get(pk=user.pk)
    by_the_orm = User.objects.filter(pk=user.pk).get()
    assert model_to_dict(read) == model_to_dict(by_the_orm)
    assert (read.password, read.last_login, read.date_joined) == (user.password, user.last_login, user.date_joined)
    assert read.check_password("password") == by_the_orm.check_password("password")
    assert not read._state.adding and read._state.db == "default"
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=user.pk + 1_000)


def test_a_deactivated_member_is_signed_out_at_their_next_request(agent, agent_client):
    assert agent_client.get("/broadcast/templates/").status_code == 200
    User.objects.filter(pk=agent.pk).update(is_active=False)
    response = agent_client.get("/broadcast/templates/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_row_loaded_without_init_is_what_the_orm_loads(org_a):
    """qontak_broadcast.prepared.loaded: the rows of prepared reads (users, memberships, the list's templates)."""
    from qontak_broadcast.prepared import loaded

    user = UserFactory(email="Dewi@Example.test", full_name="Dewi Lestari")
    names = ["id", "email", "full_name"]
    values = User.objects.filter(pk=user.pk).values_list(*names).get()
    row, by_the_orm = loaded(User, "default", names, values), User.from_db("default", names, values)

    assert {k: v for k, v in vars(row).items() if k != "_state"} == {
        k: v for k, v in vars(by_the_orm).items() if k != "_state"
    }
    assert (row._state.adding, row._state.db) == (False, "default") == (by_the_orm._state.adding, "default")
    assert row.get_deferred_fields() == by_the_orm.get_deferred_fields() and "language" in row.get_deferred_fields()
    assert row.language == user.language  # a field not read loads on access, as with only()
    row.full_name = "Dewi L."
    row.save(update_fields=["full_name"])  # an update, never an insert
    assert User.objects.get(pk=user.pk).full_name == "Dewi L." and User.objects.count() == 1


def test_a_model_with_an_init_receiver_is_loaded_through_init(db):
    from django.db.models.signals import post_init

    from qontak_broadcast.prepared import loaded

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.email)

    post_init.connect(receiver, sender=User)
    try:
        row = loaded(User, "default", ["id", "email"], (7, "dewi@example.test"))
    finally:
        post_init.disconnect(receiver, sender=User)
    assert seen == ["dewi@example.test"] and row.pk == 7


def test_one_prepared_read_takes_lists_of_any_length(db, django_assert_num_queries):
    """AnyOf sends a list as one array: the search's page of ids, 1 to 26 of them, is one compiled statement."""
    from django.db.models import F

    from qontak_broadcast.prepared import AnyOf, PreparedRead

    users = [UserFactory() for _ in range(4)]
    read = PreparedRead(
        lambda ids: User.objects.filter(AnyOf(F("id"), ids)).order_by("id").values_list("email"),
        ids=[-7_311_000_000_061],
    )
    for chosen in (users[1:3], users[:1], users, []):
        with django_assert_num_queries(1):
            rows = read(ids=[user.pk for user in chosen])
        assert rows == [(user.email,) for user in sorted(chosen, key=lambda user: user.pk)]
    assert read(ids=[users[0].pk, users[0].pk, -1]) == [(users[0].email,)]


def test_the_user_read_brings_their_memberships_as_the_orm_reads_them(db, django_assert_num_queries):
    """Every signed-in request reads the person and their memberships (with organization and security policy) in
    one statement; what it gives must be what the ORM gives, for no, one or several organizations."""
    from accounts.selectors import memberships_for_request, memberships_for_user
    from security_settings.models import SecuritySettings
    from tests.factories import MembershipFactory, OrganizationFactory

    alone = UserFactory()
    member = UserFactory()
    zebra, acme = OrganizationFactory(name="Zebra Ltd"), OrganizationFactory(name="Acme Ltd")
    MembershipFactory(user=member, organization=zebra, role="admin")
    MembershipFactory(user=member, organization=acme, role="agent")
    SecuritySettings.objects.create(organization=zebra, broadcast_template_otp=True)

    for person in (alone, member):
        with django_assert_num_queries(1):
            user = User.objects.get(pk=person.pk)
            memberships = memberships_for_request(user=user)
        expected = list(memberships_for_user(user=person).select_related("organization__security_settings"))
        assert [(m.pk, m.role, m.organization.name) for m in memberships] == [
            (m.pk, m.role, m.organization.name) for m in expected
        ]
        assert [model_to_dict(m.organization) for m in memberships] == [model_to_dict(m.organization) for m in expected]
        assert model_to_dict(user) == model_to_dict(User.objects.filter(pk=person.pk).get())
    with django_assert_num_queries(0):
        policies = [getattr(m.organization, "security_settings", None) for m in memberships]
    assert [p and p.broadcast_template_otp for p in policies] == [None, True]  # Acme has none, Zebra's is on


def test_memberships_read_with_the_user_are_taken_once(db):
    """A second look (another request's, or code holding the user) reads them again: a removal shows at once."""
    from accounts.models import Membership
    from accounts.selectors import memberships_for_request
    from tests.factories import MembershipFactory

    person = MembershipFactory().user
    user = User.objects.get(pk=person.pk)
    Membership.objects.filter(user=person).delete()
    assert len(memberships_for_request(user=user)) == 1  # read with the user, before the removal
    assert memberships_for_request(user=user) == []

from accounts.models import ChannelAccount
from accounts.models import Provider as ProviderChoice

from .base import Provider


def provider_for(account: ChannelAccount) -> Provider:
    """The approval provider of a channel account."""
    if account.provider == ProviderChoice.META:
        from .meta import MetaProvider

        return MetaProvider(account)
    from .review_desk import ReviewDeskProvider

    return ReviewDeskProvider()

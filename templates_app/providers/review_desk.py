from .base import Provider, SubmitResult


class ReviewDeskProvider(Provider):
    """The embedded default: the organization's own reviewers decide on the template's page."""

    name = "review_desk"

    def submit_content(self, *, template, content, category: str = "") -> SubmitResult:
        return SubmitResult(provider_template_id=f"desk-{content.pk}", status="pending")

    def fetch_status(self, *, submission):
        return None

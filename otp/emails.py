from accounts.mail import email_queue


def verification_code_email(*, user, code: str, action: str, details: list[tuple[str, str]], lifetime: int) -> None:
    """The code travels sealed and the task expires with the code: never in clear in the broker."""
    email_queue(
        to=[user.email],
        template="verification_code",
        context={
            "name": user.display_name,
            "action": action,
            "details": [list(pair) for pair in details],
            "minutes": max(1, lifetime // 60),
        },
        sealed_context={"code": code},
        expires=lifetime,
    )

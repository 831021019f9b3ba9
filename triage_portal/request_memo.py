"""Facts worked out once a request, such as which committees the user sits on.

A page asks the same question of the database several times over: every visibility rule of a
member's home page needed the user's seats, and built them into its query as a subquery of its
own. Inside a request the answer is kept until the request ends or anything is changed (every
change writes the activity log, which forgets what was kept). Outside a request nothing is kept.
"""

from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


def once_a_request(key, compute):
    """Return compute(), worked out at most once in this request for this key."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget_request_memo() -> None:
    """Forget what this request kept: something has just been changed."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)

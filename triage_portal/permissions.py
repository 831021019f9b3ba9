"""The one permission decorator every signed-in view uses.

The same permission string guards the button (templates' ``perms``, rules) and the service's
``require()``; a view names it once here instead of checking by hand.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def permission_needed(permission: str, *, load=None):
    """Wrap a view: sign-in first, then refuse (404) unless the user holds the permission.

    With `load`, the view's own selector ``load(request, **url_kwargs)`` fetches the object first,
    raising Http404 for what the user may not see; the permission is then checked on that object,
    and the object is handed to the view as its second argument. A refusal is a 404, as before:
    the page does not confirm that the thing exists to someone who may not act on it.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = load(request, *args, **kwargs) if load is not None else None
            if not request.user.has_perm(permission, obj):
                raise Http404
            if load is None:
                return view(request, *args, **kwargs)
            return view(request, obj, *args, **kwargs)

        wrapped.permission_needed = permission
        return wrapped

    return decorator

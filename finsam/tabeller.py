"""django-tables2 configured from the request, with the request's numbers kept sane."""

from django_tables2 import RequestConfig as _RequestConfig

MAX_PER_SIDA = 500


class RequestConfig(_RequestConfig):
    """django-tables2's ``RequestConfig`` with ``?per_page=`` kept within
    1..MAX_PER_SIDA and ``?page=`` a positive integer (issue 17.8).

    Without this, ``?per_page=-1`` or ``?per_page=0`` raised in the paginator (500) and a
    huge ``?per_page=`` loaded every row of a list at once. A value that is not a number is
    ignored, as django-tables2 itself does."""

    def configure(self, table):
        get = self.request.GET.copy()
        for namn, storst in (
            (table.prefixed_per_page_field, MAX_PER_SIDA),
            (table.prefixed_page_field, 10**6),
        ):
            if namn not in get:
                continue
            try:
                tal = int(get[namn])
            except ValueError:
                del get[namn]
                continue
            get[namn] = str(min(max(tal, 1), storst))
        original = self.request.GET
        self.request.GET = get
        try:
            return super().configure(table)
        finally:
            self.request.GET = original

from django.test import RequestFactory

from anju.web.going_back import back_to


def _asked(next_: str, secure: bool = False) -> str:
    request = RequestFactory().post("/x/", {"next": next_}, secure=secure)
    return back_to(request, "/fallback/")


def test_an_address_on_this_host_is_gone_back_to() -> None:
    assert _asked("/registry/communities/?page=3") == "/registry/communities/?page=3"


def test_another_host_or_scheme_is_refused_for_the_forms_own_page() -> None:
    assert _asked("https://evil.example/registry/") == "/fallback/"
    assert _asked("//evil.example/") == "/fallback/"
    assert _asked("javascript:alert(1)") == "/fallback/"
    assert _asked("") == "/fallback/"


def test_plain_http_is_refused_when_the_form_came_over_https() -> None:
    assert _asked("http://testserver/registry/", secure=True) == "/fallback/"
    assert _asked("https://testserver/registry/", secure=True) == "https://testserver/registry/"

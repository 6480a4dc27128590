"""At send time the dispatcher connects only to public addresses of the push services."""

from __future__ import annotations

import ipaddress

import httpx
import pytest

from backend.notifications.destinations import Address, PushServiceTransport


def _resolving_to(address: str) -> PushServiceTransport:
    async def resolver(host: str, port: int) -> list[Address]:
        return [ipaddress.ip_address(address)]

    inner = httpx.MockTransport(lambda request: httpx.Response(201))
    return PushServiceTransport(allow_http_loopback=False, inner=inner, resolver=resolver)


async def _post(transport: httpx.AsyncBaseTransport, url: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=transport) as http:
        return await http.post(url, content=b"x")


async def test_a_push_service_on_a_public_address_is_reached() -> None:
    response = await _post(_resolving_to("142.250.74.42"), "https://fcm.googleapis.com/fcm/x")
    assert response.status_code == 201


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fd00::1", "::ffff:10.0.0.1"]
)
async def test_a_name_that_resolves_inside_the_network_is_refused(address: str) -> None:
    with pytest.raises(httpx.ConnectError, match="not a public address"):
        await _post(_resolving_to(address), "https://fcm.googleapis.com/fcm/x")


async def test_an_endpoint_off_the_push_services_is_refused_before_resolving() -> None:
    with pytest.raises(httpx.ConnectError, match="refused"):
        await _post(_resolving_to("142.250.74.42"), "https://169.254.169.254/latest")


async def test_loopback_is_reached_only_with_the_development_flag() -> None:
    inner = httpx.MockTransport(lambda request: httpx.Response(201))
    allowed = PushServiceTransport(allow_http_loopback=True, inner=inner)
    assert (await _post(allowed, "http://127.0.0.1:9/push/x")).status_code == 201
    with pytest.raises(httpx.ConnectError):
        await _post(_resolving_to("127.0.0.1"), "http://127.0.0.1:9/push/x")

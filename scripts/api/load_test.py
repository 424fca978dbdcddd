"""A bounded loopback load test of a running `backstop serve`.

Usage: python3 load_test.py PORT [CLIENTS] [SECONDS]   (defaults: 50 clients for 60 seconds)

Each client gets its own account and API key from the admin API, then loops for the duration: place
a signed limit order that rests, read the book, read its account, cancel the order. Every answer must
be a success; the run fails on the first error and otherwise prints the count, the throughput and the
p50, p99 and max latency per request.
"""

import asyncio
import hashlib
import hmac
import json
import random
import sys
import time
import urllib.parse

import aiohttp

ADMIN = ("admin-key", "admin-secret")


def signed_body(secret, params):
    params = dict(params, timestamp=str(int(time.time() * 1000)))
    body = urllib.parse.urlencode(params)
    return body + "&signature=" + hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()


class Failure(Exception):
    pass


async def call(session, base, method, path, key, secret=None, params=None, latencies=None):
    params = params or {}
    headers = {"X-MBX-APIKEY": key}
    query, data = "", None
    if secret is not None:
        encoded = signed_body(secret, params)
        if method in ("GET", "DELETE"):
            query = "?" + encoded
        else:
            data = encoded
            headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif params:
        query = "?" + urllib.parse.urlencode(params)
    started = time.perf_counter()
    async with session.request(method, base + path + query, data=data, headers=headers) as response:
        text = await response.text()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise Failure(f"{method} {path}: HTTP {response.status}: {text}")
        if latencies is not None:
            latencies.append(elapsed)
        return json.loads(text)


async def client(session, base, number, deadline, latencies):
    account = 1000 + number
    created = await call(session, base, "POST", "/admin/v1/apiKey", ADMIN[0], ADMIN[1], {"account": account})
    key, secret = created["apiKey"], created["secretKey"]
    await call(session, base, "POST", "/admin/v1/deposit", ADMIN[0], ADMIN[1], {"account": account, "amount": "100000"})
    generator = random.Random(number)
    while time.monotonic() < deadline:
        price = f"{generator.randint(63000, 64900)}.{generator.randint(0, 9)}"
        order = await call(session, base, "POST", "/fapi/v1/order", key, secret,
                           {"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
                            "quantity": "0.01", "price": price}, latencies)
        await call(session, base, "GET", "/fapi/v1/depth", key, None, {"symbol": "BTCUSDT", "limit": 20}, latencies)
        await call(session, base, "GET", "/fapi/v3/account", key, secret, {}, latencies)
        await call(session, base, "DELETE", "/fapi/v1/order", key, secret,
                   {"symbol": "BTCUSDT", "orderId": order["orderId"]}, latencies)


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


async def main():
    port = int(sys.argv[1])
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 60
    base = f"http://127.0.0.1:{port}"
    latencies = []
    connector = aiohttp.TCPConnector(limit=clients * 2)
    async with aiohttp.ClientSession(connector=connector) as session:
        await call(session, base, "POST", "/admin/v1/indexPrice", ADMIN[0], ADMIN[1], {"symbol": "BTCUSDT", "price": "65000"})
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(client(session, base, number, deadline, latencies) for number in range(clients)))
        elapsed = time.monotonic() - started
    values = sorted(latencies)
    print(json.dumps({
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(values), "errors": 0,
        "requestsPerSecond": round(len(values) / elapsed),
        "p50Milliseconds": round(percentile(values, 0.50) * 1000, 2),
        "p99Milliseconds": round(percentile(values, 0.99) * 1000, 2),
        "maxMilliseconds": round(values[-1] * 1000, 2),
    }))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except Failure as failure:
        print(f"load test failed: {failure}", file=sys.stderr)
        sys.exit(1)

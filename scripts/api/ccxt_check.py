"""Drives a running `backstop serve` through unmodified ccxt.binanceusdm (and ccxt.pro for the user
data stream), with only its URLs pointed at the venue, and checks every answer.

Usage: python3 ccxt_check.py PORT  (the venue runs scripts/api/venue.json: alice, bob, carol, dave)

The last part is a crash: carol is long 1 BTC at 50x against dave's short, the index falls 7%, nobody
bids and there is no insurance fund, so the engine liquidates carol and auto-deleverages dave. The ADL
close must be visible to dave through REST (forceOrders, positions, trades) and on his user data stream.
"""

import asyncio
import hashlib
import hmac
import sys
import time
import urllib.parse
import urllib.request

import ccxt
import ccxt.pro as ccxtpro

SYMBOL = "BTC/USDT:USDT"
ADMIN = ("admin-key", "admin-secret")


def local_binanceusdm(port, name, pro=False):
    """A binanceusdm client for trader `name`, every URL pointed at the venue."""
    base = f"http://127.0.0.1:{port}"
    api = {
        "fapiPublic": base + "/fapi/v1", "fapiPublicV2": base + "/fapi/v2", "fapiPublicV3": base + "/fapi/v3",
        "fapiPrivate": base + "/fapi/v1", "fapiPrivateV2": base + "/fapi/v2", "fapiPrivateV3": base + "/fapi/v3",
        "fapiData": base + "/futures/data",
        "public": base + "/api/v3", "private": base + "/api/v3", "v1": base + "/api/v1",
        "sapi": base + "/sapi/v1", "sapiV2": base + "/sapi/v2", "sapiV3": base + "/sapi/v3", "sapiV4": base + "/sapi/v4",
        "dapiPublic": base + "/dapi/v1", "dapiPrivate": base + "/dapi/v1", "dapiPrivateV2": base + "/dapi/v2",
        "dapiData": base + "/futures/data", "eapiPublic": base + "/eapi/v1", "eapiPrivate": base + "/eapi/v1",
        "papi": base + "/papi/v1", "papiV2": base + "/papi/v2",
        "ws": {"linear": f"ws://127.0.0.1:{port}/ws"},
    }
    linear_exact = dict(ccxt.binanceusdm().exceptions["linear"]["exact"])
    cls = ccxtpro.binanceusdm if pro else ccxt.binanceusdm
    return cls({
        "apiKey": f"{name}-key", "secret": f"{name}-secret", "enableRateLimit": False,
        "urls": {"api": api},
        "exceptions": {"exact": linear_exact},
        "options": {
            "fetchCurrencies": False,
            "fetchMarkets": {"types": ["linear"]},
            "adjustForTimeDifference": False,
            "fetchOpenOrders": {"warnWithoutSymbol": False},
        },
    })


def admin(port, path, **params):
    """A signed admin request (form body, Binance's signing scheme)."""
    params["timestamp"] = str(int(time.time() * 1000))
    body = urllib.parse.urlencode(params)
    body += "&signature=" + hmac.new(ADMIN[1].encode(), body.encode(), hashlib.sha256).hexdigest()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=body.encode(), method="POST",
        headers={"X-MBX-APIKEY": ADMIN[0], "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request) as response:
        return response.read().decode()


checks = 0


def check(condition, what):
    global checks
    if not condition:
        raise SystemExit(f"FAILED: {what}")
    checks += 1
    print(f"ok: {what}")


def expect_error(kind, what, call):
    try:
        call()
    except kind as error:
        check(True, f"{what} -> {type(error).__name__}: {error}")
        return
    except Exception as error:
        raise SystemExit(f"FAILED: {what}: expected {kind.__name__}, got {type(error).__name__}: {error}")
    raise SystemExit(f"FAILED: {what}: expected {kind.__name__}, got no error")


def trading(port):
    alice = local_binanceusdm(port, "alice")
    bob = local_binanceusdm(port, "bob")
    markets = alice.load_markets()
    check(SYMBOL in markets and markets[SYMBOL]["linear"], "load_markets lists BTC/USDT:USDT as a linear swap")
    admin(port, "/admin/v1/indexPrice", symbol="BTCUSDT", price="65000")
    check(alice.fetch_balance()["USDT"]["total"] == 100000, "fetch_balance: alice holds 100000 USDT")

    check(alice.set_leverage(10, SYMBOL)["leverage"] == 10, "set_leverage 10")
    expect_error(ccxt.MarginModeAlreadySet, "set_margin_mode cross when already cross",
                 lambda: alice.set_margin_mode("cross", SYMBOL))

    resting = alice.create_order(SYMBOL, "limit", "buy", 0.01, 64000)
    check(resting["status"] == "open", f"create limit order: open, id {resting['id']}")
    open_orders = alice.fetch_open_orders(SYMBOL)
    check([o["id"] for o in open_orders] == [resting["id"]], "fetch_open_orders lists it")
    check(alice.fetch_order(resting["id"], SYMBOL)["price"] == 64000, "fetch_order: price 64000")
    edited = alice.edit_order(resting["id"], SYMBOL, "limit", "buy", 0.02, 64100)
    check(edited["id"] == resting["id"] and edited["price"] == 64100 and edited["amount"] == 0.02,
          "edit_order moves it to 0.02 at 64100, same id")
    moved = alice.fetch_order(resting["id"], SYMBOL)
    check(moved["price"] == 64100 and moved["amount"] == 0.02 and moved["status"] == "open", "fetch_order shows the new terms")
    expect_error(ccxt.OrderNotFound, "bob cannot edit alice's order",
                 lambda: bob.edit_order(resting["id"], SYMBOL, "limit", "buy", 0.02, 64200))
    check(bob.fetch_open_orders(SYMBOL) == [], "bob sees none of alice's orders")
    expect_error(ccxt.OrderNotFound, "bob cannot cancel alice's order", lambda: bob.cancel_order(resting["id"], SYMBOL))
    check(alice.cancel_order(resting["id"], SYMBOL)["status"] == "canceled", "cancel_order")
    check(alice.fetch_open_orders(SYMBOL) == [], "no open order left")

    ask = bob.create_order(SYMBOL, "limit", "sell", 0.01, 65000)
    check(ask["status"] == "open", "bob rests an ask at 65000")
    fill = alice.create_order(SYMBOL, "market", "buy", 0.01)
    check(fill["status"] == "closed" and fill["filled"] == 0.01, "alice's market buy fills 0.01")
    positions = {p["symbol"]: p for p in alice.fetch_positions()}
    check(positions[SYMBOL]["side"] == "long" and positions[SYMBOL]["contracts"] == 0.01
          and positions[SYMBOL]["entryPrice"] == 65000, "fetch_positions: alice long 0.01 at 65000")
    ranks = alice.fetch_positions_adl_rank([SYMBOL])
    check(len(ranks) == 1 and ranks[0]["symbol"] == SYMBOL and ranks[0]["rank"] in range(5),
          f"fetch_positions_adl_rank: alice's long ranks {ranks[0]['rank'] if ranks else None} of 0..4")
    trades = alice.fetch_my_trades(SYMBOL)
    check(len(trades) == 1 and trades[0]["price"] == 65000 and trades[0]["side"] == "buy", "fetch_my_trades: one buy at 65000")

    bob.create_order(SYMBOL, "limit", "sell", 0.02, 65500)
    book = alice.fetch_order_book(SYMBOL)
    check(book["asks"][0][:2] == [65500, 0.02] and book["bids"] == [], "fetch_order_book: bob's ask at the top")
    bob.create_order(SYMBOL, "limit", "buy", 0.01, 65000)
    closing = alice.create_order(SYMBOL, "market", "sell", 0.01, None, {"reduceOnly": True})
    check(closing["status"] == "closed", "alice closes her long with a reduce-only market sell")
    check([p for p in alice.fetch_positions() if p["symbol"] == SYMBOL] == [], "alice holds no position")
    bob.cancel_all_orders(SYMBOL)
    check(bob.fetch_open_orders(SYMBOL) == [], "cancel_all_orders leaves bob no open order")
    funding = alice.fetch_funding_rate(SYMBOL)
    check(funding["markPrice"] == 65000, "fetch_funding_rate: mark 65000")
    check("rating" in alice.fetch_adl_rank(SYMBOL), "fetch_adl_rank answers a rating")

    wrong = local_binanceusdm(port, "alice")
    wrong.secret = "not-the-secret"
    expect_error(ccxt.AuthenticationError, "a wrong secret", lambda: wrong.fetch_balance())
    expect_error(ccxt.BadSymbol, "an unknown symbol",
                 lambda: alice.fapiPrivatePostOrder({"symbol": "NOPEUSDT", "side": "BUY", "type": "MARKET", "quantity": "1"}))
    expect_error(ccxt.BadRequest, "a malformed quantity",
                 lambda: alice.fapiPrivatePostOrder({"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1e3"}))


async def tickers(port):
    """ccxt.pro's watch_ticker (Binance's miniTicker by default, the full ticker by name) and
    watch_bids_asks see a trade that happens after they subscribed; both sides end flat again."""
    alice = local_binanceusdm(port, "alice")
    bob = local_binanceusdm(port, "bob")
    stream = local_binanceusdm(port, "alice", pro=True)
    for client in (alice, bob):
        client.load_markets()
    await stream.load_markets()
    mini = asyncio.ensure_future(stream.watch_ticker(SYMBOL))
    full = asyncio.ensure_future(stream.watch_ticker(SYMBOL, {"name": "ticker"}))
    await asyncio.sleep(1.0)
    bob.create_order(SYMBOL, "limit", "sell", 0.01, 65200)
    alice.create_order(SYMBOL, "market", "buy", 0.01)
    for name, watcher in (("miniTicker", mini), ("ticker", full)):
        ticker = await asyncio.wait_for(watcher, timeout=10)
        check(ticker["last"] == 65200 and ticker["high"] == 65200 and ticker["baseVolume"] > 0,
              f"watch_ticker ({name}) after a trade: last {ticker['last']}, volume {ticker['baseVolume']}")
    quotes = asyncio.ensure_future(stream.watch_bids_asks([SYMBOL]))
    await asyncio.sleep(1.0)
    bob.create_order(SYMBOL, "limit", "buy", 0.01, 65100)
    quote = (await asyncio.wait_for(quotes, timeout=10))[SYMBOL]
    check(quote["bid"] == 65100 and quote["bidVolume"] == 0.01, f"watch_bids_asks: best bid {quote['bid']} x {quote['bidVolume']}")
    alice.create_order(SYMBOL, "market", "sell", 0.01, None, {"reduceOnly": True})
    check([p for p in alice.fetch_positions() if p["symbol"] == SYMBOL] == [], "alice is flat again")
    check([p for p in bob.fetch_positions() if p["symbol"] == SYMBOL] == [], "bob is flat again")
    await stream.close()


async def crash(port):
    carol = local_binanceusdm(port, "carol")
    dave = local_binanceusdm(port, "dave")
    dave_stream = local_binanceusdm(port, "dave", pro=True)
    for client in (carol, dave):
        client.load_markets()
    await dave_stream.load_markets()
    carol.set_leverage(50, SYMBOL)
    carol.create_order(SYMBOL, "limit", "buy", 1, 65000)
    dave.create_order(SYMBOL, "market", "sell", 1)
    short = {p["symbol"]: p for p in dave.fetch_positions()}[SYMBOL]
    check(short["side"] == "short" and short["contracts"] == 1, "dave is short 1 against carol's 50x long")

    watcher = asyncio.ensure_future(dave_stream.watch_orders(SYMBOL))
    await asyncio.sleep(1.0)
    admin(port, "/admin/v1/indexPrice", symbol="BTCUSDT", price="60500")

    liquidations = carol.fapiPrivateGetForceOrders({"symbol": "BTCUSDT", "autoCloseType": "LIQUIDATION"})
    check(len(liquidations) >= 1 and liquidations[0]["clientOrderId"].startswith("autoclose-"),
          f"carol's liquidation is in forceOrders: {liquidations}")
    adl = dave.fapiPrivateGetForceOrders({"symbol": "BTCUSDT", "autoCloseType": "ADL"})
    check(len(adl) == 1 and adl[0]["clientOrderId"] == "adl_autoclose" and adl[0]["side"] == "BUY",
          f"dave's ADL close is in forceOrders: {adl}")
    remaining = [p for p in dave.fetch_positions() if p["symbol"] == SYMBOL]
    check(remaining == [], "dave's short is closed by ADL")

    orders = await asyncio.wait_for(watcher, timeout=10)
    streamed = [o for o in orders if o["clientOrderId"] == "adl_autoclose"]
    check(len(streamed) >= 1, f"dave's user data stream carried the ADL close: {[o['info'] for o in orders]}")
    await dave_stream.close()


def main():
    port = int(sys.argv[1])
    trading(port)
    asyncio.run(tickers(port))
    asyncio.run(crash(port))
    print(f"ccxt {ccxt.__version__}: all {checks} checks passed")


if __name__ == "__main__":
    main()

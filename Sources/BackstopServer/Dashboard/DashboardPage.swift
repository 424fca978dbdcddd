/// The risk operator's page: one HTML document with its style and script inline, no external
/// resource, that polls `GET /dashboard/v1/state` every second and shows the markets, the
/// insurance funds, each market's deleveraging queue by quantile and the latest liquidations and
/// deleveraging rounds.
///
/// Figures arrive as exact decimal strings and are shown as they are; the script parses numbers
/// only to size the queue's bars. Text from the server is set with `textContent`, never as HTML.
public enum DashboardPage {
    /// The page.
    public static let html = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backstop risk</title>
<style>
:root { --bg: #0f1419; --panel: #171d24; --line: #26303b; --text: #d8dee6; --dim: #8a96a3;
        --long: #3fb68b; --short: #e0565b; --warn: #e6a23c; --accent: #5aa7ff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
       font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
header { display: flex; justify-content: space-between; align-items: baseline; padding: 12px 20px;
         border-bottom: 1px solid var(--line); }
header h1 { margin: 0; font-size: 16px; letter-spacing: .04em; }
#status { color: var(--dim); }
#status.stale { color: var(--short); }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; padding: 16px 20px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; overflow-x: auto; }
section.wide { grid-column: 1 / -1; }
h2 { margin: 0 0 8px; font-size: 13px; text-transform: uppercase; letter-spacing: .08em; color: var(--dim); }
h3 { margin: 10px 0 4px; font-size: 13px; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 3px 8px; text-align: right; white-space: nowrap; border-bottom: 1px solid var(--line); }
th { color: var(--dim); font-weight: normal; }
th:first-child, td:first-child { text-align: left; }
td.text, th.text { text-align: left; white-space: normal; }
.long { color: var(--long); } .short { color: var(--short); }
.risk-high { color: var(--short); } .risk-medium { color: var(--warn); } .risk-low { color: var(--long); }
.bar { display: inline-block; height: 8px; vertical-align: middle; border-radius: 2px; }
.bar.long { background: var(--long); } .bar.short { background: var(--short); }
.empty { color: var(--dim); font-style: italic; }
.kind { color: var(--accent); }
</style>
</head>
<body>
<header>
  <h1>Backstop &middot; risk</h1>
  <span id="status" role="status">waiting for the first update&hellip;</span>
</header>
<main>
  <section id="markets" class="wide" aria-labelledby="markets-title">
    <h2 id="markets-title">Markets</h2>
    <table>
      <thead><tr><th>Symbol</th><th>Mark</th><th>Index</th><th>Last</th><th>Open interest</th><th>OI notional</th>
        <th>Last funding</th><th>Next funding</th><th>Fund</th><th>ADL policy</th><th>ADL risk</th></tr></thead>
      <tbody id="market-rows"><tr><td colspan="11" class="empty">no data yet</td></tr></tbody>
    </table>
  </section>
  <section id="insurance-funds" aria-labelledby="funds-title">
    <h2 id="funds-title">Insurance funds</h2>
    <table>
      <thead><tr><th>Fund</th><th>Account</th><th>Balance</th><th>Equity</th><th>Minimum</th><th class="text">Positions</th><th>Suspended until</th></tr></thead>
      <tbody id="fund-rows"><tr><td colspan="7" class="empty">no data yet</td></tr></tbody>
    </table>
  </section>
  <section id="adl-queues" aria-labelledby="queues-title">
    <h2 id="queues-title">ADL queue by quantile</h2>
    <div id="queue-tables"><p class="empty">no data yet</p></div>
  </section>
  <section id="risk-events" class="wide" aria-labelledby="events-title">
    <h2 id="events-title">Liquidations and deleveraging</h2>
    <table>
      <thead><tr><th>Time</th><th>Event</th><th>Symbol</th><th>Account</th><th>Side</th><th>Quantity</th><th>Price</th>
        <th>Mark</th><th>Policy</th><th>Amount</th><th class="text">Absorbed by</th></tr></thead>
      <tbody id="event-rows"><tr><td colspan="11" class="empty">no data yet</td></tr></tbody>
    </table>
  </section>
</main>
<script>
"use strict";
const POLL_MS = 1000;

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text === undefined || text === null ? "–" : String(text);
  if (className) td.className = className;
  return td;
}

function row(cells, attributes) {
  const tr = document.createElement("tr");
  for (const c of cells) tr.appendChild(c);
  for (const [name, value] of Object.entries(attributes || {})) tr.setAttribute(name, value);
  return tr;
}

function replaceRows(id, rows, columns, emptyText) {
  const body = document.getElementById(id);
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const td = cell(emptyText, "empty");
    td.colSpan = columns;
    body.appendChild(row([td]));
  }
}

function time(ms) {
  if (ms === undefined || ms === null) return "–";
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

// A decimal string times 100, by moving its point: "0.0001" → "0.01%".
function percent(decimal) {
  if (decimal === undefined || decimal === null) return "–";
  let sign = "";
  let text = String(decimal);
  if (text.startsWith("-")) { sign = "-"; text = text.slice(1); }
  let [whole, fraction = ""] = text.split(".");
  fraction = fraction.padEnd(2, "0");
  whole = (whole + fraction.slice(0, 2)).replace(/^0+(?=\d)/, "");
  fraction = fraction.slice(2).replace(/0+$/, "");
  return sign + whole + (fraction ? "." + fraction : "") + "%";
}

function renderMarkets(markets) {
  replaceRows("market-rows", markets.map(m => row([
    cell(m.symbol),
    cell(m.markPrice, "mark"),
    cell(m.indexPrice, "index"),
    cell(m.lastPrice),
    cell(m.openInterest, "open-interest"),
    cell(m.openInterestNotional),
    cell(percent(m.lastFundingRate), "funding"),
    cell(time(m.nextFundingTime)),
    cell(m.insuranceFund),
    cell(m.deleveragingPolicy),
    cell(m.adlRisk, m.adlRisk ? "risk-" + m.adlRisk : ""),
  ], {"data-symbol": m.symbol})), 11, "no markets");
}

function renderFunds(funds) {
  replaceRows("fund-rows", funds.map(f => row([
    cell(f.name),
    cell(f.account),
    cell(f.balance, "balance"),
    cell(f.equity, "equity"),
    cell(f.minimumBalance),
    cell(f.positions.length === 0 ? "flat"
      : f.positions.map(p => `${p.symbol} ${p.positionAmt} @ ${p.entryPrice ?? "–"} (uPnL ${p.unrealizedProfit ?? "–"})`).join("; "), "text"),
    cell(f.suspendedUntil ? time(f.suspendedUntil) : "–"),
  ], {"data-fund": f.name})), 7, "no insurance fund");
}

function renderQueues(queues) {
  const container = document.getElementById("queue-tables");
  const blocks = [];
  for (const q of queues) {
    const block = document.createElement("div");
    block.setAttribute("data-queue", q.symbol);
    const title = document.createElement("h3");
    title.textContent = `${q.symbol} · ${q.policy}`;
    block.appendChild(title);
    const table = document.createElement("table");
    const head = document.createElement("thead");
    head.appendChild(row(["Quantile", "Longs", "Long notional", "", "Shorts", "Short notional", ""].map(t => {
      const th = document.createElement("th"); th.textContent = t; return th;
    })));
    table.appendChild(head);
    const body = document.createElement("tbody");
    const largest = Math.max(1, ...q.longs.concat(q.shorts).map(b => Number(b.notional)));
    for (let quantile = 4; quantile >= 0; quantile--) {
      const long = q.longs[quantile], short = q.shorts[quantile];
      const bar = (bucket, side) => {
        const td = document.createElement("td");
        const span = document.createElement("span");
        span.className = "bar " + side;
        span.style.width = Math.round(80 * Number(bucket.notional) / largest) + "px";
        td.appendChild(span);
        return td;
      };
      body.appendChild(row([
        cell(quantile + (quantile === 4 ? " (first)" : "")),
        cell(long.positions, "long"), cell(long.notional, "long"), bar(long, "long"),
        cell(short.positions, "short"), cell(short.notional, "short"), bar(short, "short"),
      ], {"data-quantile": String(quantile)}));
    }
    table.appendChild(body);
    block.appendChild(table);
    blocks.push(block);
  }
  if (blocks.length === 0) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = "no markets";
    blocks.push(p);
  }
  container.replaceChildren(...blocks);
}

function absorbed(a) {
  const who = a.kind === "fund" ? `fund ${a.pool}`
    : a.kind === "uncovered" ? "uncovered"
    : `${a.kind} ${a.account}`;
  const size = a.quantity !== undefined ? ` ${a.quantity}` + (a.price !== undefined ? ` @ ${a.price}` : "") : "";
  const money = a.amount !== undefined ? ` (${a.kind === "counterparty" ? "haircut " : ""}${a.amount})` : "";
  return who + size + money;
}

function renderEvents(events) {
  replaceRows("event-rows", events.map(e => row([
    cell(time(e.time)),
    cell(e.kind, "kind"),
    cell(e.symbol),
    cell(e.account),
    cell(e.side, e.side === "LONG" ? "long" : e.side === "SHORT" ? "short" : ""),
    cell(e.quantity),
    cell(e.price),
    cell(e.markPrice),
    cell(e.policy),
    cell(e.amount),
    cell(e.absorbers.length ? e.absorbers.map(absorbed).join("; ") : e.note, "text"),
  ], {"data-event": e.kind, "data-id": String(e.id), "title": e.note})), 11, "no liquidation yet");
}

async function poll() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("/dashboard/v1/state", {cache: "no-store"});
    if (!response.ok) throw new Error("HTTP " + response.status);
    const state = await response.json();
    renderMarkets(state.markets);
    renderFunds(state.insuranceFunds);
    renderQueues(state.deleveragingQueues);
    renderEvents(state.riskEvents);
    status.className = "live";
    status.textContent = `live · engine ${time(state.engineTime)} · ${state.commands} commands · queues as of ${time(state.positionsAsOf)}`;
  } catch (error) {
    status.className = "stale";
    status.textContent = "no update: " + error.message;
  } finally {
    setTimeout(poll, POLL_MS);
  }
}
poll();
</script>
</body>
</html>
"""#
}

/**
 * The trading pit's scene (issue #6): a trading screen over the canvas (DOM panels) for one
 * instrument's room. Reads the synchronized `PitState` (depth, tape, candles, stats and this
 * trader's private entry: balances and open orders) and sends `order` / `cancel` / `amend`.
 * Every outcome comes back as an `execution` report; rejections are shown in words.
 * See docs/protocol.md "pit". Debug hook: `window.__statecraftPit` (pitDebug.ts).
 */
import { INSTRUMENTS } from "../../../shared/pit/instruments.js";
import { h, replaceChildren } from "../../ui/dom.js";
import { servicesOf, type Services } from "../../services.js";
import type { RoomSceneData } from "../registry.js";
import { RoomScene } from "../RoomScene.js";
import { drawCandles } from "./chart.js";
import { fmt, newClientOrderId, reasonText } from "./format.js";
import { installPitDebug, type PitDebugView, type PitExecution, type PitLevelView, type PitOrderView } from "./pitDebug.js";
import { SessionPnl } from "./sessionPnl.js";
import { fillText, OrderFills } from "./orderFills.js";
import { isAccountView, readState, type AccountView, type PitView } from "./view.js";
import "./pit.css";

const LADDER_ROWS = 10;

export class PitScene extends RoomScene {
  private services!: Services;
  private view: PitView = readState(null);
  private lastExecution: PitExecution | null = null;
  private pnl = new SessionPnl();
  /** GET /api/pit/accounts/me: the account's cash over all instruments, and my fills. */
  private account: AccountView | null = null;
  private accountTimer: ReturnType<typeof setTimeout> | null = null;
  private pricePrefilled = false;
  private uninstallDebug: (() => void) | null = null;
  private renderQueued = false;
  private amending: string | null = null;
  /** Orders with an amend on its way: their next `accepted` is the amend's. */
  private readonly amendsSent = new Set<string>();
  private readonly orderFills = new OrderFills();
  /** What the clickable sections last showed: they are rebuilt only when it changes (a click is never lost to a rebuild). */
  private shown = { ladder: "", orders: "", fills: "" };

  // DOM
  private root!: HTMLElement;
  private header!: HTMLElement;
  private ladder!: HTMLElement;
  private chart!: HTMLCanvasElement;
  private tape!: HTMLElement;
  private balances!: HTMLElement;
  private orders!: HTMLElement;
  private fills!: HTMLElement;
  private message!: HTMLElement;
  /** The time in force a switch to Market replaced (it forces IOC); restored on Limit. */
  private tifBeforeMarket: string | null = null;
  private form!: {
    side: "buy" | "sell";
    buy: HTMLButtonElement;
    sell: HTMLButtonElement;
    type: HTMLSelectElement;
    price: HTMLInputElement;
    qty: HTMLInputElement;
    tif: HTMLSelectElement;
    postOnly: HTMLInputElement;
    submit: HTMLButtonElement;
  };

  constructor() {
    super({ key: "pit" });
  }

  /** Phaser reuses the scene object: what the last visit showed must not leak into this one. */
  override init(data: RoomSceneData): void {
    super.init(data);
    this.view = readState(null);
    this.lastExecution = null;
    this.pnl = new SessionPnl();
    this.account = null;
    this.pricePrefilled = false;
    this.amending = null;
    this.shown = { ladder: "", orders: "", fills: "" };
    this.tifBeforeMarket = null;
  }

  create(): void {
    this.services = servicesOf(this);
    this.drawBackdrop();
    this.buildDom();
    this.mountPanel(this.root);

    this.room.onStateChange(() => this.queueRender());
    this.room.onMessage("execution", (m: PitExecution) => this.onExecution(m));
    // a room error goes in the order panel's message line (the Connection would toast it otherwise)
    this.services.connection.handleErrors(this.room, (m) => (this.showMessage(`${m.code}: ${m.message}`, "error"), true));
    void this.refreshAccount();
    this.events.once("shutdown", () => {
      if (this.accountTimer) clearTimeout(this.accountTimer);
      this.accountTimer = null;
    });
    this.uninstallDebug = installPitDebug(window, () => this.debugView());
    this.events.once("shutdown", () => this.uninstallDebug?.());
    this.queueRender();
    const onResize = () => this.queueRender();
    window.addEventListener("resize", onResize);
    this.events.once("shutdown", () => window.removeEventListener("resize", onResize));
  }

  private debugView(): PitDebugView {
    const v = this.view;
    return {
      active: true,
      symbol: v.symbol,
      bestBid: v.bids[0]?.price ?? 0,
      bestAsk: v.asks[0]?.price ?? 0,
      bids: v.bids,
      asks: v.asks,
      openOrders: v.me?.orders ?? [],
      lastExecution: this.lastExecution,
    };
  }

  // ---- building the screen ----

  private buildDom(): void {
    const side = (s: "buy" | "sell") =>
      h("button", { type: "button", class: `btn pit-side pit-side-${s}`, "data-side": s, onclick: () => this.setSide(s) }, s === "buy" ? "Buy" : "Sell");
    const buy = side("buy");
    const sell = side("sell");
    const type = h("select", { class: "pit-type", name: "type", onchange: () => this.typeChanged() }, h("option", { value: "limit" }, "Limit"), h("option", { value: "market" }, "Market"));
    const price = h("input", { class: "pit-price", name: "price", type: "number", min: 1, step: 1, inputmode: "numeric" });
    const qty = h("input", { class: "pit-qty", name: "qty", type: "number", min: 1, step: 1, value: 10, inputmode: "numeric" });
    const tif = h("select", { class: "pit-tif", name: "tif", onchange: () => ((this.tifBeforeMarket = null), this.syncForm()) }, h("option", { value: "GTC" }, "GTC"), h("option", { value: "IOC" }, "IOC"), h("option", { value: "FOK" }, "FOK"));
    const postOnly = h("input", { class: "pit-postonly", name: "postOnly", type: "checkbox" });
    const submit = h("button", { type: "submit", class: "btn btn-primary pit-submit" }, "Buy");
    this.form = { side: "buy", buy, sell, type, price, qty, tif, postOnly, submit };

    const entry = h(
      "form",
      // novalidate: the page checks the fields itself and says what is wrong in its message line
      { class: "pit-entry", novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); this.submitOrder(); } },
      h("div", { class: "pit-sides" }, buy, sell),
      h("label", null, h("span", null, "Type"), type),
      h("label", null, h("span", null, "Price (ticks)"), price),
      h("label", null, h("span", null, "Qty (lots)"), qty),
      h("label", null, h("span", null, "Time in force"), tif),
      h("label", { class: "pit-check" }, postOnly, h("span", null, "Post-only")),
      submit,
    );

    this.header = h("div", { class: "pit-head" });
    this.ladder = h("div", { class: "pit-ladder" });
    this.chart = h("canvas", { class: "pit-chart" });
    this.tape = h("div", { class: "pit-tape" });
    this.balances = h("div", { class: "pit-balances" });
    this.orders = h("div", { class: "pit-orders" });
    this.fills = h("div", { class: "pit-fills" });
    this.message = h("div", { class: "pit-message", role: "status", "aria-live": "polite" });

    const card = (title: string, cls: string, ...body: HTMLElement[]) => h("section", { class: `pit-card ${cls}` }, h("h3", null, title), ...body);
    this.root = h(
      "div",
      { class: "pit" },
      h(
        "header",
        { class: "topbar pit-topbar" },
        this.header,
        h("button", { class: "btn btn-ghost", type: "button", onclick: () => void this.backToLobby() }, "← Lobby"),
      ),
      h(
        "main",
        { class: "pit-grid" },
        card("Order book", "pit-card-ladder", this.ladder),
        h("div", { class: "pit-center" }, card("Price · 1 s candles", "pit-card-chart", this.chart), card("My open orders", "pit-card-orders", this.orders), card("My fills", "pit-card-fills", this.fills)),
        h("div", { class: "pit-right" }, card("New order", "pit-card-entry", entry, this.message), card("Balances", "pit-card-balances", this.balances), card("Trades", "pit-card-tape", this.tape)),
      ),
    );
    this.syncForm();
  }

  private setSide(s: "buy" | "sell"): void {
    this.form.side = s;
    this.syncForm();
  }

  /** Market forces IOC; back on Limit the time in force chosen before comes back (else an order meant to rest is cancelled). */
  private typeChanged(): void {
    const f = this.form;
    if (f.type.value === "market") {
      this.tifBeforeMarket ??= f.tif.value;
    } else if (this.tifBeforeMarket !== null) {
      f.tif.value = this.tifBeforeMarket;
      this.tifBeforeMarket = null;
    }
    this.syncForm();
  }

  private syncForm(): void {
    const f = this.form;
    f.buy.classList.toggle("active", f.side === "buy");
    f.sell.classList.toggle("active", f.side === "sell");
    const market = f.type.value === "market";
    f.price.disabled = market;
    if (market && f.tif.value === "GTC") f.tif.value = "IOC";
    f.tif.querySelector<HTMLOptionElement>("option[value=GTC]")!.disabled = market;
    f.postOnly.disabled = market || f.tif.value !== "GTC";
    if (f.postOnly.disabled) f.postOnly.checked = false;
    f.submit.textContent = `${f.side === "buy" ? "Buy" : "Sell"} ${this.view.symbol}`.trim();
    f.submit.className = `btn pit-submit pit-submit-${f.side}`;
  }

  // ---- commands ----

  private submitOrder(): void {
    const f = this.form;
    const market = f.type.value === "market";
    const qty = Number(f.qty.value);
    const price = Number(f.price.value);
    const inst = INSTRUMENTS.find((i) => i.symbol === this.view.symbol);
    const maxQty = inst?.maxQty ?? 2 ** 31;
    if (f.qty.validity.badInput || f.qty.value.trim() === "" || !Number.isInteger(qty) || qty < 1 || qty > maxQty) {
      return this.showMessage(`Quantity must be a whole number of lots from 1 to ${fmt(maxQty)}.`, "error");
    }
    if (!market) {
      const { refPrice, band } = this.view;
      const [low, high] = refPrice ? [Math.max(1, refPrice - band), refPrice + band] : [1, 2 ** 31];
      if (f.price.value.trim() === "" && !f.price.validity.badInput) return this.showMessage("Enter a limit price (in ticks), or choose Market.", "error");
      if (f.price.validity.badInput || !Number.isInteger(price) || price < low || price > high) {
        return this.showMessage(`Price must be a whole number of ticks from ${fmt(low)} to ${fmt(high)} (the band around the reference price).`, "error");
      }
    }
    const msg: Record<string, unknown> = { clientOrderId: newClientOrderId(), side: f.side, type: market ? "market" : "limit", qty, tif: f.tif.value };
    this.pnl.rememberSide(msg.clientOrderId as string, f.side);
    if (!market) msg.price = price;
    if (!market && f.postOnly.checked) msg.postOnly = true;
    this.room.send("order", msg);
    this.showMessage(`Sent ${f.side} ${fmt(qty)} ${market ? "at market" : `@ ${fmt(price)}`}…`, "info");
  }

  private cancel(id: string): void {
    this.room.send("cancel", { clientOrderId: id });
  }

  /** `refuse` shows a problem with what was typed next to the amend form (nothing is sent). */
  private amend(o: PitOrderView, qtyText: string, priceText: string, refuse: (text: string) => void): void {
    const msg: Record<string, unknown> = { clientOrderId: o.clientOrderId };
    const qty = Number(qtyText);
    const price = Number(priceText);
    if (qtyText !== "" && qty !== o.leavesQty) {
      if (!Number.isInteger(qty) || qty < 1) return refuse("New quantity must be a whole number ≥ 1.");
      msg.qty = qty;
    }
    if (priceText !== "" && price !== o.price) {
      if (!Number.isInteger(price) || price < 1) return refuse("New price must be a whole number ≥ 1.");
      msg.price = price;
    }
    this.amending = null;
    this.shown.orders = ""; // the row shows the amend form: rebuild it
    if (msg.qty === undefined && msg.price === undefined) return this.queueRender();
    this.amendsSent.add(o.clientOrderId);
    this.room.send("amend", msg);
    this.queueRender();
  }

  private onExecution(m: PitExecution): void {
    this.lastExecution = m;
    const id = m.clientOrderId;
    this.pnl.onExecution(m);
    const filled = this.orderFills.onExecution(m);
    if (m.status !== "rejected") this.scheduleAccountRefresh(); // fills move cash; orders and cancels reserve and release it
    switch (m.status) {
      case "rejected":
        this.showMessage(`Rejected: ${reasonText(m.reason)}`, "error", m.reason);
        this.services.toaster.show(`Order ${id} rejected: ${reasonText(m.reason)}`, { kind: "error", code: m.reason });
        break;
      case "accepted":
        if (this.amendsSent.delete(id)) this.showMessage(`Amended ${id}: ${fmt(m.leavesQty)} open.`, "success");
        else this.showMessage(`Accepted ${id}: ${fmt(m.leavesQty)} open.`, "success");
        break;
      case "partially_filled":
        this.showMessage(`Partially filled ${id}: ${filled ? fillText(filled, fmt) : "?"} (${fmt(m.leavesQty)} left).`, "success");
        break;
      case "filled":
        this.showMessage(`Filled ${id}: ${filled ? fillText(filled, fmt) : fmt(m.filledQty)}.`, "success");
        break;
      case "canceled": {
        const why = m.reason === "USER" || !m.reason ? "" : `: ${reasonText(m.reason)}`;
        // an IOC or market order that filled in part: say what filled before the rest was canceled
        this.showMessage(filled ? `Canceled ${id}${why} after ${fillText(filled, fmt)}.` : `Canceled ${id}${why}.`, "info");
        break;
      }
    }
    if (m.status !== "accepted") this.amendsSent.delete(id);
  }

  /** Reads the account (cash over all instruments, my fills); a failure keeps what was shown. */
  private async refreshAccount(): Promise<void> {
    const token = this.services.session.current()?.token;
    if (!token) return;
    const reply = await this.services.api.get<unknown>("/api/pit/accounts/me", { token });
    if (!this.root.isConnected) return;
    if (reply.ok && isAccountView(reply.value)) {
      this.account = reply.value;
      this.queueRender();
    }
  }

  /** After fills: one read per burst (at most every 500 ms). */
  private scheduleAccountRefresh(): void {
    if (this.accountTimer) return;
    this.accountTimer = setTimeout(() => {
      this.accountTimer = null;
      void this.refreshAccount();
    }, 500);
  }

  private showMessage(text: string, kind: "info" | "success" | "error", code?: string): void {
    this.message.className = `pit-message pit-message-${kind}`;
    this.message.dataset.code = code ?? "";
    replaceChildren(this.message, text, code ? h("code", null, code) : null);
  }

  // ---- rendering ----

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      if (!this.root.isConnected) return;
      this.view = readState(this.room.state);
      this.render();
    });
  }

  private render(): void {
    const v = this.view;
    const inst = INSTRUMENTS.find((i) => i.symbol === v.symbol);
    const mid = v.bids[0] && v.asks[0] ? (v.bids[0].price + v.asks[0].price) / 2 : 0;
    const mark = v.lastPrice || mid || v.refPrice;

    // header
    const change = v.stats.open && v.stats.last ? v.stats.last - v.stats.open : 0;
    replaceChildren(
      this.header,
      h("div", { class: "brand" }, h("span", { class: "brand-name pit-symbol" }, v.symbol || "…"), h("span", { class: "tagline" }, inst?.name ?? "")),
      stat("Last", v.lastPrice ? fmt(v.lastPrice) : "—", change > 0 ? "up" : change < 0 ? "down" : ""),
      stat("Change", v.stats.open ? `${change >= 0 ? "+" : ""}${fmt(change)}` : "—", change > 0 ? "up" : change < 0 ? "down" : ""),
      stat("High", v.stats.high ? fmt(v.stats.high) : "—"),
      stat("Low", v.stats.low ? fmt(v.stats.low) : "—"),
      stat("Volume", fmt(v.stats.volume)),
      stat("Ref", `${fmt(v.refPrice)} ± ${fmt(v.band)}`),
    );
    if (!this.pricePrefilled && v.refPrice) {
      // a starting point, once: a price the player clears stays cleared
      this.pricePrefilled = true;
      if (!this.form.price.value) this.form.price.value = String(v.bids[0]?.price ?? v.refPrice - 1);
    }
    if (!this.form.submit.textContent?.includes(v.symbol)) this.syncForm();

    // ladder: asks (best at the bottom) above the spread, bids below
    const myAt = new Map<string, number>();
    for (const o of v.me?.orders ?? []) myAt.set(`${o.side}:${o.price}`, (myAt.get(`${o.side}:${o.price}`) ?? 0) + o.leavesQty);
    const maxQty = Math.max(1, ...v.bids.slice(0, LADDER_ROWS).map((l) => l.qty), ...v.asks.slice(0, LADDER_ROWS).map((l) => l.qty));
    const row = (l: PitLevelView, side: "bid" | "ask") => {
      const mine = myAt.get(`${side === "bid" ? "buy" : "sell"}:${l.price}`);
      return h(
        "div",
        { class: `pit-level pit-${side}`, "data-price": l.price, "data-qty": l.qty, title: `${l.orders} order(s)`, onclick: () => { this.form.price.value = String(l.price); } },
        h("span", { class: "pit-bar", style: `width:${Math.round((l.qty / maxQty) * 36)}%` }),
        h("span", { class: "pit-mine" }, mine ? `●${fmt(mine)}` : ""),
        h("span", { class: "pit-lp" }, fmt(l.price)),
        h("span", { class: "pit-lq" }, fmt(l.qty)),
      );
    };
    const asks = v.asks.slice(0, LADDER_ROWS).reverse();
    const bids = v.bids.slice(0, LADDER_ROWS);
    const spread = v.bids[0] && v.asks[0] ? v.asks[0].price - v.bids[0].price : null;
    const ladderKey = JSON.stringify([asks, bids, [...myAt], v.lastPrice]);
    if (ladderKey !== this.shown.ladder) {
      this.shown.ladder = ladderKey;
      replaceChildren(
      this.ladder,
      h("div", { class: "pit-level pit-ladder-head" }, h("span", { class: "pit-mine" }, "mine"), h("span", { class: "pit-lp" }, "Price"), h("span", { class: "pit-lq" }, "Qty")),
      h("div", { class: "pit-asks" }, asks.length ? asks.map((l) => row(l, "ask")) : h("div", { class: "muted pit-empty" }, "No asks")),
      h("div", { class: "pit-spread" }, v.lastPrice ? `Last ${fmt(v.lastPrice)}` : "No trades", spread !== null ? ` · spread ${fmt(spread)}` : ""),
      h("div", { class: "pit-bids" }, bids.length ? bids.map((l) => row(l, "bid")) : h("div", { class: "muted pit-empty" }, "No bids")),
      );
    }

    // chart
    drawCandles(this.chart, v.candles, v.refPrice);

    // tape
    replaceChildren(
      this.tape,
      v.tape.length
        ? h(
            "table",
            { class: "pit-table" },
            h("thead", null, h("tr", null, h("th", null, "Time"), h("th", null, "Price"), h("th", null, "Qty"))),
            h("tbody", null, v.tape.slice(0, 30).map((t) => h("tr", { class: t.takerSide === "buy" ? "up" : "down", "data-trade": t.tradeId }, h("td", null, new Date(t.time).toLocaleTimeString()), h("td", null, fmt(t.price)), h("td", null, fmt(t.qty))))),
          )
        : h("p", { class: "muted" }, "No trades yet."),
    );

    // balances + P&L (mark to the last price, else the mid, else the reference price)
    const me = v.me;
    if (me) {
      for (const o of me.orders) this.pnl.rememberSide(o.clientOrderId, o.side as "buy" | "sell");
      const lots = me.assetAvailable + me.assetReserved;
      const pnl = this.pnl.pnl(mark);
      const account = this.account;
      replaceChildren(
        this.balances,
        h(
          "table",
          { class: "pit-table" },
          h("thead", null, h("tr", null, h("th", null, ""), h("th", null, "Available"), h("th", null, "Reserved"))),
          h("tbody", null,
            h("tr", { class: "pit-cash" }, h("td", { title: "The part of the account's cash this room holds" }, "Cash here"), h("td", null, fmt(me.cashAvailable)), h("td", null, fmt(me.cashReserved))),
            h("tr", { class: "pit-asset" }, h("td", null, v.symbol), h("td", null, fmt(me.assetAvailable)), h("td", null, fmt(me.assetReserved))),
          ),
        ),
        account
          ? h("p", { class: "pit-account", title: "Cash is shared by all instruments; this room holds part of it and takes more from the account when an order needs it." },
              "Account cash, all instruments (this room's included): ", h("strong", null, fmt(account.cash.available)), " available · ", fmt(account.cash.reserved), " reserved",
              h("br"), h("span", { class: "muted" }, "Cash moves between the account and this room as your orders need it."))
          : null,
        h("p", { class: "pit-pnl", title: "What my fills since I opened this room made, valued at the mark (before fees)" },
          `${v.symbol} position ${fmt(lots)} lots ≈ ${fmt(Math.round(lots * mark))} · P&L this session `,
          h("strong", { class: pnl > 0 ? "up" : pnl < 0 ? "down" : "" }, `${pnl >= 0 ? "+" : ""}${fmt(Math.round(pnl))}`),
          h("span", { class: "muted" }, ` (marked at ${fmt(mark)})`)),
      );
    } else {
      replaceChildren(this.balances, h("p", { class: "muted" }, "Loading your account…"));
    }

    // my fills in this instrument, newest first (the account's last 100 over all instruments)
    const mine = this.account?.fills.filter((f) => f.symbol === v.symbol).slice(0, 15) ?? null;
    const fillsKey = JSON.stringify(mine?.map((f) => f.tradeId) ?? null);
    if (fillsKey !== this.shown.fills) {
      this.shown.fills = fillsKey;
      this.renderFills(mine);
    }

    // my open orders (an amend in progress keeps its inputs: the list is not rebuilt under the caret)
    if (this.amending && this.orders.querySelector(`[data-order="${CSS.escape(this.amending)}"] .pit-amend`)) return;
    this.amending = null;
    const orders = me?.orders ?? [];
    const ordersKey = JSON.stringify([me !== null, orders]);
    if (ordersKey === this.shown.orders) return;
    this.shown.orders = ordersKey;
    replaceChildren(
      this.orders,
      orders.length
        ? h(
            "table",
            { class: "pit-table pit-open" },
            h("thead", null, h("tr", null, h("th", null, "Id"), h("th", null, "Side"), h("th", null, "Price"), h("th", null, "Open"), h("th", null, "Filled"), h("th", null, ""))),
            h("tbody", null, orders.map((o) => this.orderRow(o))),
          )
        : h("p", { class: "muted pit-no-orders" }, "No open orders."),
    );
  }

  private renderFills(mine: AccountView["fills"] | null): void {
    replaceChildren(
      this.fills,
      mine === null
        ? h("p", { class: "muted" }, "Loading…")
        : mine.length
          ? h(
              "table",
              { class: "pit-table" },
              h("thead", null, h("tr", null, h("th", null, "Time"), h("th", null, "Side"), h("th", null, "Price"), h("th", null, "Qty"), h("th", null, "Role"), h("th", null, "Fee"))),
              h("tbody", null, mine.map((f) => h("tr", { class: f.side === "buy" ? "up" : "down", "data-fill": f.tradeId },
                h("td", null, new Date(f.time).toLocaleTimeString()), h("td", null, f.side), h("td", null, fmt(f.price)), h("td", null, fmt(f.qty)), h("td", null, f.liquidity), h("td", null, fmt(f.fee))))),
            )
          : h("p", { class: "muted" }, "No fills yet."),
    );
  }

  private orderRow(o: PitOrderView): HTMLElement {
    const actions = h(
      "td",
      { class: "pit-actions" },
      h("button", { type: "button", class: "btn btn-small pit-amend-btn", onclick: () => this.startAmend(o, actions) }, "Amend"),
      h("button", { type: "button", class: "btn btn-small btn-danger pit-cancel", onclick: () => this.cancel(o.clientOrderId) }, "Cancel"),
    );
    return h(
      "tr",
      { "data-order": o.clientOrderId, "data-side": o.side, "data-price": o.price, "data-qty": o.leavesQty },
      h("td", null, h("code", null, o.clientOrderId), o.postOnly ? h("span", { class: "pit-tag" }, "post") : null),
      h("td", { class: o.side === "buy" ? "up" : "down" }, o.side),
      h("td", null, fmt(o.price)),
      h("td", null, fmt(o.leavesQty)),
      h("td", null, fmt(o.filledQty)),
      actions,
    );
  }

  private startAmend(o: PitOrderView, cell: HTMLElement): void {
    this.amending = o.clientOrderId;
    const qty = h("input", { class: "pit-amend-qty", type: "number", min: 1, step: 1, value: o.leavesQty, title: "new open qty" });
    const price = h("input", { class: "pit-amend-price", type: "number", min: 1, step: 1, value: o.price, title: "new price" });
    const problem = h("p", { class: "pit-amend-error", role: "alert", hidden: true });
    const refuse = (text: string) => {
      problem.textContent = text;
      problem.hidden = false;
    };
    replaceChildren(
      cell,
      h(
        "form",
        { class: "pit-amend", novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); this.amend(o, qty.value.trim(), price.value.trim(), refuse); } },
        h("label", null, "qty", qty),
        h("label", null, "@", price),
        h("button", { type: "submit", class: "btn btn-small btn-primary" }, "Save"),
        h("button", { type: "button", class: "btn btn-small", onclick: () => { this.amending = null; this.shown.orders = ""; this.queueRender(); } }, "×"),
        problem,
      ),
    );
    qty.focus();
  }

  private drawBackdrop(): void {
    const width = Math.max(this.scale.width, 3840);
    const height = Math.max(this.scale.height, 2160);
    const g = this.add.graphics();
    g.fillGradientStyle(0x0b0f17, 0x0b0f17, 0x101624, 0x101624, 1);
    g.fillRect(0, 0, width, height);
  }
}

function stat(label: string, value: string, cls = ""): HTMLElement {
  return h("div", { class: "pit-stat" }, h("span", { class: "pit-stat-label" }, label), h("span", { class: `pit-stat-value ${cls}` }, value));
}

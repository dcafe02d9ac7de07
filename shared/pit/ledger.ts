/**
 * Balances as pure data. A trader's account holds cash (shared by every instrument) and one
 * balance per asset symbol, each split into `available` and `reserved` (held by open orders).
 * Every amount is a non-negative safe integer: cash in ticks × lots, assets in lots.
 *
 * The engine of one symbol talks to a `Ledger`; `MemoryLedger` is the in-process implementation
 * (tests, bench, and the room's live mirror). See docs/pit-engine.md, "Cross-process cash", for how
 * the room keeps reservations correct when two instruments' rooms run in different processes.
 */

export interface Balance {
  available: number;
  reserved: number;
}

export interface Account {
  cash: Balance;
  assets: Record<string, Balance>;
}

export interface LedgerSnapshot {
  accounts: [traderId: string, account: Account][]; // sorted by traderId
  fees: Account; // what fees collected
  minted: { cash: number; assets: Record<string, number> }; // net deposits: everything deposited minus everything withdrawn
}

/** What the engine needs from balances. Every method is synchronous and all-or-nothing. */
export interface Ledger {
  /** Moves `amount` cash from available to reserved; false (nothing changes) if available < amount. */
  reserveCash(traderId: string, amount: number): boolean;
  /** Moves `amount` cash from reserved back to available. */
  releaseCash(traderId: string, amount: number): void;
  reserveAsset(traderId: string, symbol: string, qty: number): boolean;
  releaseAsset(traderId: string, symbol: string, qty: number): void;
  /**
   * One trade of `qty` lots of `symbol` at `price`. The buyer had reserved `buyerReservePrice × qty`
   * cash: `price × qty` is paid, the rest returns to available. The seller's reserved lots go to
   * the buyer less `buyerFee` lots; the seller receives `price × qty − sellerFee` cash. Fees go to the fees account.
   */
  settle(symbol: string, buyerId: string, sellerId: string, price: number, qty: number, buyerReservePrice: number, buyerFee: number, sellerFee: number): void;
  /** Credits available cash and lots (new account, top-up, allocation). */
  deposit(traderId: string, cash: number, symbol: string, qty: number): void;
  /** Debits available cash and lots, both or neither: "cash"/"asset" names what is short, null when done. */
  withdraw(traderId: string, cash: number, symbol: string, qty: number): "cash" | "asset" | null;
  snapshot(): LedgerSnapshot;
}

class Bal {
  available = 0;
  reserved = 0;
}

class Acct {
  readonly cash = new Bal();
  readonly assets = new Map<string, Bal>();
  asset(symbol: string): Bal {
    let b = this.assets.get(symbol);
    if (b === undefined) {
      b = new Bal();
      this.assets.set(symbol, b);
    }
    return b;
  }
  view(): Account {
    const assets: Record<string, Balance> = {};
    for (const s of [...this.assets.keys()].sort()) {
      const b = this.assets.get(s)!;
      assets[s] = { available: b.available, reserved: b.reserved };
    }
    return { cash: { available: this.cash.available, reserved: this.cash.reserved }, assets };
  }
}

/** A bug, not a rejection: the engine asked to move money it had not reserved. */
function broken(what: string): never {
  throw new Error(`ledger invariant broken: ${what}`);
}

export class MemoryLedger implements Ledger {
  private readonly accounts = new Map<string, Acct>();
  private readonly fees = new Acct();
  private mintedCash = 0;
  private readonly mintedAssets = new Map<string, number>();

  private acct(traderId: string): Acct {
    let a = this.accounts.get(traderId);
    if (a === undefined) {
      a = new Acct();
      this.accounts.set(traderId, a);
    }
    return a;
  }

  reserveCash(traderId: string, amount: number): boolean {
    const c = this.accounts.get(traderId)?.cash;
    if (c === undefined || c.available < amount) return false;
    c.available -= amount;
    c.reserved += amount;
    return true;
  }

  releaseCash(traderId: string, amount: number): void {
    const c = this.acct(traderId).cash;
    if (c.reserved < amount) broken(`release ${amount} cash of ${traderId} > reserved ${c.reserved}`);
    c.reserved -= amount;
    c.available += amount;
  }

  reserveAsset(traderId: string, symbol: string, qty: number): boolean {
    const b = this.accounts.get(traderId)?.assets.get(symbol);
    if (b === undefined || b.available < qty) return false;
    b.available -= qty;
    b.reserved += qty;
    return true;
  }

  releaseAsset(traderId: string, symbol: string, qty: number): void {
    const b = this.acct(traderId).asset(symbol);
    if (b.reserved < qty) broken(`release ${qty} ${symbol} of ${traderId} > reserved ${b.reserved}`);
    b.reserved -= qty;
    b.available += qty;
  }

  settle(symbol: string, buyerId: string, sellerId: string, price: number, qty: number, buyerReservePrice: number, buyerFee: number, sellerFee: number): void {
    const buyer = this.acct(buyerId);
    const seller = this.acct(sellerId);
    const held = buyerReservePrice * qty;
    const paid = price * qty;
    const bc = buyer.cash;
    const sa = seller.asset(symbol);
    if (bc.reserved < held || sa.reserved < qty || paid > held) broken(`settle ${qty}@${price} ${buyerId}←${sellerId}`);
    bc.reserved -= held;
    bc.available += held - paid;
    sa.reserved -= qty;
    buyer.asset(symbol).available += qty - buyerFee;
    seller.cash.available += paid - sellerFee;
    if (buyerFee !== 0) this.fees.asset(symbol).available += buyerFee;
    if (sellerFee !== 0) this.fees.cash.available += sellerFee;
  }

  deposit(traderId: string, cash: number, symbol: string, qty: number): void {
    const a = this.acct(traderId);
    a.cash.available += cash;
    this.mintedCash += cash;
    const b = a.asset(symbol);
    b.available += qty;
    this.mintedAssets.set(symbol, (this.mintedAssets.get(symbol) ?? 0) + qty);
  }

  withdraw(traderId: string, cash: number, symbol: string, qty: number): "cash" | "asset" | null {
    const a = this.accounts.get(traderId);
    if (cash > 0 && (a === undefined || a.cash.available < cash)) return "cash";
    const b = a?.assets.get(symbol);
    if (qty > 0 && (b === undefined || b.available < qty)) return "asset";
    if (a === undefined) return null;
    a.cash.available -= cash;
    this.mintedCash -= cash;
    if (b !== undefined) {
      b.available -= qty;
      this.mintedAssets.set(symbol, (this.mintedAssets.get(symbol) ?? 0) - qty);
    }
    return null;
  }

  /** A copy of one trader's balances (zeroes for an unknown trader). */
  account(traderId: string): Account {
    return (this.accounts.get(traderId) ?? new Acct()).view();
  }

  has(traderId: string): boolean {
    return this.accounts.has(traderId);
  }

  traderIds(): string[] {
    return [...this.accounts.keys()].sort();
  }

  feesAccount(): Account {
    return this.fees.view();
  }

  /** Everything deposited so far: what conservation compares the sum of all balances with. */
  minted(): { cash: number; assets: Record<string, number> } {
    const assets: Record<string, number> = {};
    for (const s of [...this.mintedAssets.keys()].sort()) assets[s] = this.mintedAssets.get(s)!;
    return { cash: this.mintedCash, assets };
  }

  snapshot(): LedgerSnapshot {
    return {
      accounts: this.traderIds().map((id) => [id, this.accounts.get(id)!.view()]),
      fees: this.fees.view(),
      minted: this.minted(),
    };
  }

  static fromSnapshot(s: LedgerSnapshot): MemoryLedger {
    const l = new MemoryLedger();
    const load = (into: Acct, from: Account) => {
      into.cash.available = from.cash.available;
      into.cash.reserved = from.cash.reserved;
      for (const [sym, b] of Object.entries(from.assets)) {
        const bal = into.asset(sym);
        bal.available = b.available;
        bal.reserved = b.reserved;
      }
    };
    for (const [id, a] of s.accounts) load(l.acct(id), a);
    load(l.fees, s.fees);
    l.mintedCash = s.minted.cash;
    for (const [sym, n] of Object.entries(s.minted.assets)) l.mintedAssets.set(sym, n);
    return l;
  }
}

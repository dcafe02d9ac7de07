/**
 * Glicko-2 ratings (Mark Glickman, "Example of the Glicko-2 system", 2013), with lichess's choices
 * as defaults: every game is its own rating period, new players start at 1500 with RD 500 and
 * volatility 0.09, tau = 0.75, RD stays within [45, 500] and volatility at most 0.1. A high RD
 * means "we do not know yet": new players' ratings move fast, settled ones slowly.
 *
 * The paper's own parameters (tau 0.5, start 1500/350/0.06) are one option object away; the tests
 * check the paper's worked example with them.
 */
export interface Rating {
  rating: number; // Glicko scale (1500 = average)
  rd: number; // rating deviation: uncertainty, same scale
  volatility: number; // expected fluctuation of the rating
}

export interface GlickoOptions {
  tau: number; // constrains volatility change; 0.3..1.2, smaller = steadier
  minRd: number;
  maxRd: number;
  maxVolatility: number;
}

export const LICHESS_GLICKO: GlickoOptions = { tau: 0.75, minRd: 45, maxRd: 500, maxVolatility: 0.1 };
export const PAPER_GLICKO: GlickoOptions = { tau: 0.5, minRd: 0, maxRd: 350, maxVolatility: Infinity };

/** A new player's rating (lichess). */
export const INITIAL_RATING: Rating = { rating: 1500, rd: 500, volatility: 0.09 };

/** lichess shows a "?" next to ratings whose deviation is above this. */
export const PROVISIONAL_RD = 110;

export function isProvisional(player: Rating): boolean {
  return player.rd > PROVISIONAL_RD;
}

const SCALE = 173.7178; // Glicko -> Glicko-2 scale factor (400 / ln 10)
const EPSILON = 0.000001; // convergence of the volatility iteration

export interface GameScore {
  opponent: Rating; // the opponent's rating before this period
  score: number; // 1 win, 0.5 draw, 0 loss
}

function g(phi: number): number {
  return 1 / Math.sqrt(1 + (3 * phi * phi) / (Math.PI * Math.PI));
}

function expected(mu: number, muJ: number, phiJ: number): number {
  return 1 / (1 + Math.exp(-g(phiJ) * (mu - muJ)));
}

/** The new volatility: step 5 of the paper, Illinois variant of regula falsi. */
function newVolatility(phi: number, sigma: number, v: number, delta: number, tau: number): number {
  const a = Math.log(sigma * sigma);
  const f = (x: number) => {
    const ex = Math.exp(x);
    const d = phi * phi + v + ex;
    return (ex * (delta * delta - phi * phi - v - ex)) / (2 * d * d) - (x - a) / (tau * tau);
  };
  let A = a;
  let B: number;
  if (delta * delta > phi * phi + v) {
    B = Math.log(delta * delta - phi * phi - v);
  } else {
    let k = 1;
    while (f(a - k * tau) < 0) k++;
    B = a - k * tau;
  }
  let fA = f(A);
  let fB = f(B);
  for (let i = 0; i < 100 && Math.abs(B - A) > EPSILON; i++) {
    const C = A + ((A - B) * fA) / (fB - fA);
    const fC = f(C);
    if (fC * fB <= 0) {
      A = B;
      fA = fB;
    } else {
      fA /= 2;
    }
    B = C;
    fB = fC;
  }
  return Math.exp(A / 2);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** One rating period for `player`. No games: only the deviation grows (step 6 alone). */
export function updateRating(player: Rating, games: readonly GameScore[], options: GlickoOptions = LICHESS_GLICKO): Rating {
  const mu = (player.rating - 1500) / SCALE;
  const phi = player.rd / SCALE;
  const sigma = player.volatility;
  if (games.length === 0) {
    const rd = clamp(Math.sqrt(phi * phi + sigma * sigma) * SCALE, options.minRd, options.maxRd);
    return { rating: player.rating, rd, volatility: sigma };
  }
  let vInverse = 0;
  let improvement = 0;
  for (const { opponent, score } of games) {
    const muJ = (opponent.rating - 1500) / SCALE;
    const gJ = g(opponent.rd / SCALE);
    const e = expected(mu, muJ, opponent.rd / SCALE);
    vInverse += gJ * gJ * e * (1 - e);
    improvement += gJ * (score - e);
  }
  const v = 1 / vInverse;
  const delta = v * improvement;
  const sigmaNew = Math.min(newVolatility(phi, sigma, v, delta, options.tau), options.maxVolatility);
  const phiStar = Math.sqrt(phi * phi + sigmaNew * sigmaNew);
  const phiNew = 1 / Math.sqrt(1 / (phiStar * phiStar) + 1 / v);
  const muNew = mu + phiNew * phiNew * improvement;
  return {
    rating: muNew * SCALE + 1500,
    rd: clamp(phiNew * SCALE, options.minRd, options.maxRd),
    volatility: sigmaNew,
  };
}

/** Expected score of `player` against `opponent` (0..1), e.g. for showing rating stakes. */
export function expectedScore(player: Rating, opponent: Rating): number {
  return expected((player.rating - 1500) / SCALE, (opponent.rating - 1500) / SCALE, opponent.rd / SCALE);
}

/**
 * Rate one finished game, both players from their ratings before it (one game = one period, as
 * on lichess). An unfinished or aborted game ("" result) changes nothing.
 */
export function rateGame(
  white: Rating,
  black: Rating,
  result: "1-0" | "0-1" | "1/2-1/2" | "",
  options: GlickoOptions = LICHESS_GLICKO,
): { white: Rating; black: Rating } {
  if (result === "") return { white, black };
  const whiteScore = result === "1-0" ? 1 : result === "0-1" ? 0 : 0.5;
  return {
    white: updateRating(white, [{ opponent: black, score: whiteScore }], options),
    black: updateRating(black, [{ opponent: white, score: 1 - whiteScore }], options),
  };
}

/**
 * A per-client token bucket, pure: `take` returns the bucket after spending one token, or null when
 * the client is over its rate (the message is refused with RATE_LIMITED and nothing changes).
 */
export interface Bucket {
  tokens: number;
  at: number; // ms, last refill
}

export interface RateRule {
  perSecond: number;
  burst: number;
}

export function fullBucket(rule: RateRule, now: number): Bucket {
  return { tokens: rule.burst, at: now };
}

export function take(bucket: Bucket, rule: RateRule, now: number): Bucket | null {
  const tokens = Math.min(rule.burst, bucket.tokens + (rule.perSecond * Math.max(0, now - bucket.at)) / 1000);
  if (tokens < 1) return null;
  return { tokens: tokens - 1, at: now };
}

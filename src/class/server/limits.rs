//! Flood control: a token bucket per learner (event posts) and per client address (joins).
//! A learner's run sends a batch at a time and at most a few per second, so a full bucket is
//! never reached by a well-behaved client; a flood gets `429 Too Many Requests` and a
//! `Retry-After`.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Instant;

/// Buckets of `capacity` tokens refilled at `per_second`, one per key.
pub struct Limiter<K> {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<HashMap<K, (f64, Instant)>>,
}

impl<K: Eq + Hash> Limiter<K> {
    pub fn new(capacity: u32, per_second: u32) -> Limiter<K> {
        Limiter {
            capacity: f64::from(capacity),
            per_second: f64::from(per_second),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `key`; false when its bucket is empty.
    pub fn allow(&self, key: K) -> bool {
        self.allow_at(key, Instant::now())
    }

    fn allow_at(&self, key: K, now: Instant) -> bool {
        let Ok(mut buckets) = self.buckets.lock() else {
            return true;
        };
        let (tokens, last) = buckets.entry(key).or_insert((self.capacity, now));
        let refill = now.saturating_duration_since(*last).as_secs_f64() * self.per_second;
        *tokens = (*tokens + refill).min(self.capacity);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_flood_is_refused_and_the_bucket_refills() {
        let l = Limiter::new(3, 2);
        let t = Instant::now();
        assert!((0..3).all(|_| l.allow_at(1, t)));
        assert!(!l.allow_at(1, t), "the fourth at once is refused");
        assert!(l.allow_at(2, t), "another learner has a bucket of their own");
        assert!(l.allow_at(1, t + Duration::from_millis(600)), "refilled");
    }
}

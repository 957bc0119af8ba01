//! The `line_noise` knob as the reader's serial line applies it: a fraction p of the bytes the
//! reader sends is corrupted, one byte in each window of 1/p bytes, at a seeded position.

use super::Rng;

/// Line noise at rate `p` (scenario `device.faults.line_noise`, docs/scenarios.md): the bytes a
/// simulator sends are numbered from its start, cut into consecutive windows of 1/p bytes
/// (window k holds the bytes n with ⌊n·p⌋ = k), and exactly one byte of each window, at a
/// position drawn from the scenario's PRNG, is XORed with a random non-zero byte. So "0.1 % of
/// the reader's bytes corrupted" holds for every run of 1000 bytes or more — a per-byte coin
/// toss would leave one run of ten at 2 300 bytes with no damage at all, and another with
/// twice the rate. State is kept across replies (and across an unplug: the line is the same).
#[derive(Clone, Debug, Default)]
pub struct LineNoise {
    p: f64,
    /// Bytes sent so far.
    sent: u64,
    /// The window the last byte fell in, and the byte of it to corrupt.
    window: Option<(u64, u64)>,
}

impl LineNoise {
    /// Noise at rate `p` (0 = a clean line; 1 = every byte).
    pub fn new(p: f64) -> LineNoise {
        LineNoise {
            p: if p.is_finite() {
                p.clamp(0.0, 1.0)
            } else {
                0.0
            },
            ..LineNoise::default()
        }
    }

    /// The window byte `n` falls in.
    fn window_of(&self, n: u64) -> u64 {
        (n as f64 * self.p).floor() as u64
    }

    /// The first byte of window `k`: ⌈k/p⌉, corrected for rounding so that it agrees with
    /// [`Self::window_of`].
    fn first_of(&self, k: u64) -> u64 {
        let mut n = (k as f64 / self.p).ceil() as u64;
        while n > 0 && self.window_of(n - 1) >= k {
            n -= 1;
        }
        while n < u64::MAX && self.window_of(n) < k {
            n += 1;
        }
        n
    }

    /// Corrupts, in place, the bytes of `bytes` that fall on a window's chosen position.
    pub fn apply(&mut self, bytes: &mut [u8], rng: &mut Rng) {
        if self.p <= 0.0 {
            return;
        }
        for b in bytes.iter_mut() {
            let n = self.sent;
            self.sent = self.sent.saturating_add(1);
            let k = self.window_of(n);
            let hit = match self.window {
                Some((w, hit)) if w == k => hit,
                _ => {
                    // n is the window's first byte; the window ends where the next begins.
                    let end = self.first_of(k.saturating_add(1)).max(n + 1);
                    let hit = n + rng.below(end - n);
                    self.window = Some((k, hit));
                    hit
                }
            };
            if n == hit {
                *b ^= (1 + rng.below(255)) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damaged(p: f64, seed: u64, len: usize, chunk: usize) -> usize {
        let mut noise = LineNoise::new(p);
        let mut rng = Rng::new(seed);
        let mut bytes = vec![0u8; len];
        for c in bytes.chunks_mut(chunk) {
            noise.apply(c, &mut rng);
        }
        bytes.iter().filter(|&&b| b != 0).count()
    }

    #[test]
    fn one_byte_in_every_window_whatever_the_seed() {
        for seed in 1..=50 {
            // 2 300 bytes at 0.1 %: windows 0 and 1 whole, a third begun: 2 or 3 bytes.
            let n = damaged(0.001, seed, 2300, 90);
            assert!((2..=3).contains(&n), "seed {seed}: {n}");
            assert_eq!(damaged(0.001, seed, 10_000, 7), 10);
            assert_eq!(damaged(0.01, seed, 1000, 1000), 10);
            assert_eq!(damaged(0.003, seed, 3000, 64), 9);
        }
    }

    #[test]
    fn no_noise_and_every_byte() {
        assert_eq!(damaged(0.0, 1, 5000, 100), 0);
        assert_eq!(damaged(1.0, 1, 500, 33), 500);
        assert_eq!(damaged(f64::NAN, 1, 500, 33), 0);
        // A window longer than any run: at most one byte, and no overflow.
        assert!(damaged(1e-300, 1, 5000, 100) <= 1);
    }
}

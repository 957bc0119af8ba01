//! Who the bench is on the acquirer link: its terminal id (DE41) and where its STAN sequence
//! (DE11) starts. The one place that decides both, for a single run and for every terminal
//! of a batch, so that terminals sharing one host never send the same (DE41, STAN) pair.

use std::collections::BTreeSet;

/// The single run's terminal id (ISO 8583 DE41, ans 8).
pub const BENCH_TERMINAL_ID: &str = "BENCH001";

/// STANs (DE11, n 6) run from 1 to 999 999; the bases of a batch's terminals are this far
/// apart, so their sequences do not meet within a run.
const STAN_SPACING: u32 = 100_000;

/// The bench's identity on the acquirer link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenchIdentity {
    /// DE41: 8 upper-case letters and digits.
    pub terminal_id: String,
    /// The STAN before the first one sent (the client sends `stan_base + 1`, wrapping from
    /// 999 999 to 1).
    pub stan_base: u32,
}

impl Default for BenchIdentity {
    /// The single run: [`BENCH_TERMINAL_ID`] and a STAN base from the clock, so that two runs
    /// against one host do not repeat STANs.
    fn default() -> Self {
        BenchIdentity {
            terminal_id: BENCH_TERMINAL_ID.to_string(),
            stan_base: clock_stan(),
        }
    }
}

impl BenchIdentity {
    /// One identity per batch terminal, in station order: DE41 from the station label
    /// ([`terminal_id_for`]; `BT` and the 1-based position when two labels give the same id),
    /// and STAN bases [`STAN_SPACING`] apart from one clock reading.
    pub fn for_stations<S: AsRef<str>>(labels: &[S]) -> Vec<BenchIdentity> {
        let clock = clock_stan();
        let mut used = BTreeSet::new();
        labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let mut id = terminal_id_for(label.as_ref());
                if !used.insert(id.clone()) {
                    id = format!("BT{:06}", (i + 1) % 1_000_000);
                    used.insert(id.clone());
                }
                BenchIdentity {
                    terminal_id: id,
                    stan_base: stan_in_range(
                        u64::from(clock) + (i as u64) * u64::from(STAN_SPACING),
                    ),
                }
            })
            .collect()
    }
}

/// A DE41 from a station label: its letters and digits, upper case; up to 8 of them are
/// padded with zeros before the trailing digits (`bench-1` → `BENCH001`, `T01` → `T0000001`),
/// more keep the first 5 and the last 3 (`station-12` → `STATIN12`); a label without any
/// gives `BENCH001`.
pub fn terminal_id_for(label: &str) -> String {
    let alnum: Vec<char> = label
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if alnum.is_empty() {
        return BENCH_TERMINAL_ID.to_string();
    }
    if alnum.len() > 8 {
        return alnum[..5].iter().chain(&alnum[alnum.len() - 3..]).collect();
    }
    let digits = alnum
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let head = &alnum[..alnum.len() - digits];
    let tail = &alnum[alnum.len() - digits..];
    let zeros = "0".repeat(8 - alnum.len());
    format!(
        "{}{zeros}{}",
        head.iter().collect::<String>(),
        tail.iter().collect::<String>()
    )
}

/// A STAN base from the clock (seconds of the day and more), 1 to 999 999.
fn clock_stan() -> u32 {
    stan_in_range(chrono::Local::now().timestamp().unsigned_abs())
}

/// `n` folded into the STAN range 1..=999 999.
fn stan_in_range(n: u64) -> u32 {
    (n % 999_999) as u32 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_ids_from_station_labels() {
        assert_eq!(terminal_id_for("bench-1"), "BENCH001");
        assert_eq!(terminal_id_for("T01"), "T0000001");
        assert_eq!(terminal_id_for("line 2/a"), "LINE2A00");
        assert_eq!(terminal_id_for("station-12"), "STATIN12");
        assert_eq!(terminal_id_for("工位"), "BENCH001");
    }

    #[test]
    fn batch_terminals_get_distinct_ids_and_disjoint_stans() {
        let ids =
            BenchIdentity::for_stations(&["T01", "T02", "station-101", "station-x101", "T01"]);
        let de41: BTreeSet<&str> = ids.iter().map(|i| i.terminal_id.as_str()).collect();
        assert_eq!(de41.len(), ids.len(), "{ids:?}");
        assert_eq!(ids[3].terminal_id, "BT000004");
        for w in ids.windows(2) {
            let gap = (w[1].stan_base + 999_999 - w[0].stan_base) % 999_999;
            assert_eq!(gap, STAN_SPACING, "{ids:?}");
        }
        assert!(ids
            .iter()
            .all(|i| (1..=999_999).contains(&i.stan_base) && i.terminal_id.len() == 8));
    }
}

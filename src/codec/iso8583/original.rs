//! The fields that name an earlier transaction: DE90 original data elements (ISO 8583:1987
//! §4.3.90, how a 0400 reversal names what it reverses) and CUPS DE61 (the original batch,
//! STAN and date of a void, refund, reversal or script notice). One reader each, used by the
//! host's reversal matching and by `decode 8583`.

/// DE90 (n42) split into its parts. Missing trailing parts are `""`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OriginalData<'a> {
    /// 90.1 original MTI (`0200`).
    pub mti: &'a str,
    /// 90.2 original STAN.
    pub stan: &'a str,
    /// 90.3 original transmission date and time (MMDDhhmmss).
    pub date_time: &'a str,
    /// 90.4 original acquiring institution ID (n11).
    pub acquirer: &'a str,
    /// 90.5 original forwarding institution ID (n11).
    pub forwarding: &'a str,
}

/// The widths of DE90's five parts.
pub const DE90_WIDTHS: [usize; 5] = [4, 6, 10, 11, 11];

/// The widths of DE61's first three parts (CUPS POS spec: n6 batch, n6 STAN, n4 MMDD).
pub const DE61_WIDTHS: [usize; 3] = [6, 6, 4];

/// Cuts `t` into consecutive parts of `widths`; a short text gives short or empty parts, never a
/// panic. The rest after the last width is the final element.
pub fn cut<const N: usize>(t: &str, widths: [usize; N]) -> ([&str; N], &str) {
    let mut out = [""; N];
    let mut rest = t;
    for (slot, w) in out.iter_mut().zip(widths) {
        let at = (0..=w.min(rest.len()))
            .rev()
            .find(|&i| rest.is_char_boundary(i))
            .unwrap_or(0);
        let (head, tail) = rest.split_at(at);
        *slot = head;
        rest = tail;
    }
    (out, rest)
}

/// DE90's parts.
pub fn de90(t: &str) -> OriginalData<'_> {
    let ([mti, stan, date_time, acquirer, forwarding], _) = cut(t, DE90_WIDTHS);
    OriginalData {
        mti,
        stan,
        date_time,
        acquirer,
        forwarding,
    }
}

impl OriginalData<'_> {
    /// Whether DE90 names an original: a whole STAN that is not all zeros (terminals that do
    /// not know the original send zeros).
    pub fn names_original(&self) -> bool {
        self.stan.len() == 6
            && self.stan.bytes().all(|b| b.is_ascii_digit())
            && self.stan != "000000"
    }

    /// Whether the original MTI is given (four digits, not `0000`).
    pub fn has_mti(&self) -> bool {
        self.mti.len() == 4 && self.mti.bytes().all(|b| b.is_ascii_digit()) && self.mti != "0000"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de90_parts_and_short_input() {
        let d = de90("020000000111261234560000000000100000000002");
        assert_eq!(d.mti, "0200");
        assert_eq!(d.stan, "000001");
        assert_eq!(d.date_time, "1126123456");
        assert!(d.names_original() && d.has_mti());
        let s = de90("0200");
        assert_eq!((s.mti, s.stan), ("0200", ""));
        assert!(!s.names_original());
        assert!(!de90("0000000000").names_original());
        let (p, rest) = cut("00000100001211260009", DE61_WIDTHS);
        assert_eq!(p, ["000001", "000012", "1126"]);
        assert_eq!(rest, "0009");
        assert_eq!(cut("é1", [1, 2]).0, ["", "é"]);
    }
}

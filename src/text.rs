//! Display width of text in terminal columns, and the cutting and padding that the screen,
//! the headless output and the text tables need: CJK characters take two columns, a string is
//! never cut inside a character, and a shortened string ends with `…`.
//!
//! Widths come from the `unicode-width` crate (Unicode Standard Annex #11, East Asian Width),
//! the same crate ratatui measures with, so a table printed here and a panel drawn by ratatui
//! agree on where a Chinese bank name ends.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// The ellipsis that marks a shortened string (one column wide).
pub const ELLIPSIS: char = '…';

/// Display width of `s` in terminal columns (UAX #11: CJK ideographs and full-width forms
/// count 2, combining marks 0).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Display width of one character, measured as the one-character string (so a control
/// character counts as it does inside a string).
pub fn char_width(c: char) -> usize {
    let mut b = [0u8; 4];
    width(c.encode_utf8(&mut b))
}

/// `s` cut to at most `max` columns: unchanged when it fits, else as many whole characters as
/// fit in `max - 1` columns followed by `…`. A wide character that would straddle the limit is
/// left out whole (the result may then be one column narrower than `max`). `max == 0` gives
/// an empty string.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push(ELLIPSIS);
    Cow::Owned(out)
}

/// `s` followed by spaces up to `w` columns (`format!("{s:<w$}")` counted in columns rather
/// than characters); a wider `s` is returned unchanged.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = String::with_capacity(s.len() + w);
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// `s` shortened to `w` columns ([`truncate`]) and padded to exactly `w` ([`pad`]): a fixed
/// column of a text table or a headless line.
pub fn fit(s: &str, w: usize) -> String {
    pad(&truncate(s, w), w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_columns() {
        assert_eq!(width("工商银行"), 8);
        assert_eq!(width("ICBC"), 4);
        assert_eq!(width("ICBC 工商银行"), 13);
        assert_eq!(char_width('中'), 2);
        assert_eq!(char_width('a'), 1);
        // Full-width punctuation and forms.
        assert_eq!(width("（）："), 6);
    }

    #[test]
    fn truncate_keeps_whole_characters() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("exactly10!", 10), "exactly10!");
        assert_eq!(truncate("a longer label", 8), "a longe…");
        // 工商银行借记卡 is 14 columns; in 6 columns: two characters (4) + … (1) = 5.
        assert_eq!(truncate("工商银行借记卡", 6), "工商…");
        assert_eq!(truncate("工商银行借记卡", 7), "工商银…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        for max in 0..20 {
            assert!(width(&truncate("ICBC 工商银行 借记卡", max)) <= max);
        }
    }

    #[test]
    fn pad_and_fit_count_columns() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("工商", 6), "工商  ");
        assert_eq!(pad("toolong", 3), "toolong");
        assert_eq!(fit("工商银行借记卡", 7), "工商银…");
        assert_eq!(width(&fit("工商银行借记卡", 6)), 6);
        assert_eq!(fit("x", 3), "x  ");
        // ASCII behaves exactly like `{:<w}` after a character cut.
        assert_eq!(
            fit("Reference ICBC debit card", 24),
            "Reference ICBC debit ca…"
        );
    }
}

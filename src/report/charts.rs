//! Inline SVG charts for the printable report: stacked horizontal bars (cards failed / passed /
//! not tested per bank or interface) and vertical bars (host latency per authorisation). Plain
//! SVG, no script, no external resource, scaled by `viewBox` to the page width.

use maud::{html, Markup};

/// Colours shared with the report's CSS legend.
pub const FAILED: &str = "#c62828";
pub const PASSED: &str = "#2e7d32";
pub const NOT_TESTED: &str = "#9e9e9e";
const TEXT: &str = "#222";

/// One bar of a stacked chart: a label and its cards failed, passed and not tested.
#[derive(Clone, Debug, PartialEq)]
pub struct StackedBar {
    pub label: String,
    pub failed: usize,
    pub passed: usize,
    pub not_tested: usize,
}

impl StackedBar {
    fn total(&self) -> usize {
        self.failed + self.passed + self.not_tested
    }
}

/// An SVG coordinate rounded to 0.1: short, and never a long digit run (a float's digits
/// could otherwise look like a card number to the guard).
fn num(v: f64) -> String {
    format!("{:.1}", v)
}

/// Chart width in SVG units (the page's text width at 96 dpi is about 700).
const W: f64 = 680.0;
const LABEL_W: f64 = 170.0;
const COUNT_W: f64 = 60.0;
const ROW_H: f64 = 20.0;

/// Horizontal stacked bars, one row per item, the count `failed/total` at the right.
pub fn stacked_bars(items: &[StackedBar], title: &str) -> Markup {
    let max = items
        .iter()
        .map(StackedBar::total)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let h = ROW_H * items.len().max(1) as f64 + 6.0;
    let scale = (W - LABEL_W - COUNT_W - 10.0) / max;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label=(title)
            viewBox=(format!("0 0 {W} {h}")) width="100%" preserveAspectRatio="xMinYMin meet" {
            title { (title) }
            @for (i, b) in items.iter().enumerate() {
                @let y = 3.0 + ROW_H * i as f64;
                text x=(num(LABEL_W - 6.0)) y=(num(y + 14.0)) text-anchor="end" font-size="12" fill=(TEXT) {
                    (super::guard_pan(&b.label))
                }
                @let x1 = LABEL_W;
                @let w1 = b.failed as f64 * scale;
                @let w2 = b.passed as f64 * scale;
                @let w3 = b.not_tested as f64 * scale;
                rect x=(num(x1)) y=(num(y + 2.0)) width=(num(w1)) height=(num(ROW_H - 6.0)) fill=(FAILED) {}
                rect x=(num(x1 + w1)) y=(num(y + 2.0)) width=(num(w2)) height=(num(ROW_H - 6.0)) fill=(PASSED) {}
                rect x=(num(x1 + w1 + w2)) y=(num(y + 2.0)) width=(num(w3)) height=(num(ROW_H - 6.0)) fill=(NOT_TESTED) {}
                text x=(num(W - COUNT_W + 4.0)) y=(num(y + 14.0)) font-size="12" fill=(TEXT) {
                    (format!("{}/{}", b.failed, b.total()))
                }
            }
        }
    }
}

/// Vertical bars, one per value (`label`, milliseconds), with the value above each bar.
pub fn latency_bars(values: &[(String, u64)], title: &str) -> Markup {
    let n = values.len().max(1) as f64;
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let h = 160.0;
    let plot = h - 40.0;
    let slot = (W - 20.0) / n;
    let bar = (slot * 0.7).min(40.0);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label=(title)
            viewBox=(format!("0 0 {W} {h}")) width="100%" preserveAspectRatio="xMinYMin meet" {
            title { (title) }
            line x1="10" y1=(num(plot + 16.0)) x2=(num(W - 10.0)) y2=(num(plot + 16.0)) stroke="#999" stroke-width="1" {}
            @for (i, (label, v)) in values.iter().enumerate() {
                @let bh = (*v as f64 / max) * (plot - 10.0);
                @let x = 10.0 + slot * i as f64 + (slot - bar) / 2.0;
                rect x=(num(x)) y=(num(plot + 16.0 - bh)) width=(num(bar)) height=(num(bh)) fill="#1565c0" {}
                text x=(num(x + bar / 2.0)) y=(num(plot + 12.0 - bh)) text-anchor="middle" font-size="10" fill=(TEXT) {
                    (v)
                }
                text x=(num(x + bar / 2.0)) y=(num(plot + 30.0)) text-anchor="middle" font-size="10" fill=(TEXT) {
                    (super::guard_pan(label))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_plain_svg_with_escaped_labels() {
        let svg = stacked_bars(
            &[StackedBar {
                label: "<b>BOC</b>".into(),
                failed: 2,
                passed: 0,
                not_tested: 1,
            }],
            "t",
        )
        .into_string();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("&lt;b&gt;BOC") && svg.contains("2/3"), "{svg}");
        let l = latency_bars(&[("1".into(), 120), ("2".into(), 40)], "ms").into_string();
        assert_eq!(l.matches("<rect").count(), 2);
        assert!(!l.contains("<script"));
    }
}

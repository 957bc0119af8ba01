//! The small drawing pieces every screen uses: text at a place and width, a panel frame,
//! the title bar, and line wrapping in display columns (CJK counts 2) that never lets a wide
//! character spill over a border.

use super::theme::{DIM, TITLE_BAR};
use crate::i18n::tr_static;
use crate::i18n::Lang;
use crate::text::{char_width, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

/// Writes `s` at (x, y), at most `w` columns; returns the x after it. Text that does not fit
/// ends with `…` (never cut inside a character, CJK included), so a shortened label shows.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, w: u16, s: &str, style: Style) -> u16 {
    if w == 0 {
        return x;
    }
    let s = crate::text::truncate(s, w as usize);
    buf.set_stringn(x, y, &s, w as usize, style).0
}

/// The longest prefix of `parts`, joined with `sep`, that fits `room` columns: a title or
/// header says as much as fits and drops whole parts rather than cutting one. The first part
/// is always kept (cut with `…` by [`put`] if even it does not fit).
pub(super) fn fit_parts(parts: &[String], sep: &str, room: usize) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        let next = if i == 0 {
            p.clone()
        } else {
            format!("{out}{sep}{p}")
        };
        if i > 0 && width(&next) > room {
            break;
        }
        out = next;
    }
    out
}

/// A dim one-line note where a panel has nothing to show yet.
pub(super) fn placeholder(buf: &mut Buffer, inner: Rect, text: &str) {
    put(buf, inner.x, inner.y, inner.width, text, DIM);
}

/// A piece of a line no break may fall inside (UAX #14): its styled parts, its width without
/// the spaces it ends with, and the width of those spaces.
struct Segment {
    parts: Vec<(String, Style)>,
    w: usize,
    trail: usize,
}

impl Segment {
    /// One segment per character (the trailing spaces on the last): for a piece longer than
    /// a whole line.
    fn chars(self) -> Vec<Segment> {
        let mut out = Vec::new();
        for (text, style) in self.parts {
            for c in text.chars() {
                out.push(if c == ' ' {
                    Segment {
                        parts: Vec::new(),
                        w: 0,
                        trail: 1,
                    }
                } else {
                    Segment {
                        parts: vec![(c.to_string(), style)],
                        w: char_width(c),
                        trail: 0,
                    }
                });
            }
        }
        if let Some(last) = out.last_mut() {
            last.trail += self.trail;
        }
        out
    }
}

/// The line cut where UAX #14 allows a break (`unicode-linebreak`): after a space, between
/// CJK characters, never before a closing bracket or punctuation (`）` `；` `，` `。`) nor after
/// an opening one, never inside a word or a number. Each segment keeps its spans' styles.
fn segments(line: &Line<'_>) -> Vec<Segment> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let mut spans = Vec::new();
    let mut at = 0;
    for span in &line.spans {
        let end = at + span.content.len();
        spans.push((at, end, line.style.patch(span.style)));
        at = end;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (end, _) in unicode_linebreak::linebreaks(&text) {
        if end <= start {
            continue;
        }
        let seg = &text[start..end];
        let kept = seg.trim_end_matches(' ');
        // The trailing spaces are counted, not kept: they are written only where they fit.
        let kept_end = start + kept.len();
        let parts = spans
            .iter()
            .filter(|(a, b, _)| *a < kept_end && *b > start)
            .map(|(a, b, style)| (text[start.max(*a)..kept_end.min(*b)].to_string(), *style))
            .collect();
        out.push(Segment {
            parts,
            w: width(kept),
            trail: seg.len() - kept.len(),
        });
        start = end;
    }
    out
}

/// Wraps a styled line to `max` display columns (CJK counts 2) at the breaks UAX #14 allows
/// (see [`segments`]; a piece longer than a line is split between characters); continuation
/// lines start with `indent` spaces. Done here rather than by `Paragraph` so no wide character
/// can spill over a border.
pub fn wrap_line(line: Line<'_>, max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let indent = indent.min(max / 2);
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut cur_w = 0usize;
    let mut line_start = 0usize;
    let mut queue: std::collections::VecDeque<Segment> = segments(&line).into();
    while let Some(seg) = queue.pop_front() {
        if cur_w + seg.w > max && cur_w > line_start {
            out.push(Line::from(std::mem::take(&mut cur)));
            cur.push(Span::raw(" ".repeat(indent)));
            cur_w = indent;
            line_start = indent;
        }
        if cur_w + seg.w > max && seg.w <= max {
            // Fits a line but not after the indent: give up the indent on this line.
            cur.clear();
            cur_w = 0;
            line_start = 0;
        }
        if cur_w + seg.w > max {
            // Longer than a whole line: split it character by character.
            let chars = seg.chars();
            if chars.len() > 1 {
                for c in chars.into_iter().rev() {
                    queue.push_front(c);
                }
            }
            // One character wider than the line is dropped rather than let overflow.
            continue;
        }
        let style = seg.parts.last().map(|(_, s)| *s).unwrap_or_default();
        for (text, style) in seg.parts {
            cur.push(Span::styled(text, style));
        }
        cur_w += seg.w;
        // The spaces a segment ends with, as far as they fit: at the end of a line they go.
        let spaces = seg.trail.min(max - cur_w);
        if spaces > 0 {
            cur.push(Span::styled(" ".repeat(spaces), style));
            cur_w += spaces;
        }
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(Line::from(cur));
    }
    out
}

/// Wraps every line (see [`wrap_line`]).
pub(super) fn wrap_all(lines: Vec<Line<'_>>, max: usize, indent: usize) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|l| wrap_line(l, max, indent))
        .collect()
}

pub(super) fn panel<'a>(title: String, focused: bool) -> Block<'a> {
    let b = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), Style::new().bold()));
    if focused {
        b.border_style(Style::new().fg(Color::Cyan))
            .border_type(BorderType::Thick)
    } else {
        b.border_style(DIM)
    }
}

pub(super) fn title_bar(buf: &mut Buffer, area: Rect, text: &str, lang: Lang) {
    buf.set_style(area, TITLE_BAR);
    let tag = tr_static(lang, "tui-lang-tag");
    let tw = width(tag) as u16;
    put(
        buf,
        area.x + 1,
        area.y,
        area.width.saturating_sub(tw + 2),
        text,
        TITLE_BAR.bold(),
    );
    if area.width > tw {
        put(
            buf,
            area.right() - tw,
            area.y,
            tw,
            tag,
            Style::new().fg(Color::White).bg(Color::Blue).bold(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    /// Kinsoku: at no width does a wrapped Chinese line start with closing punctuation or end
    /// with an opening bracket, and no word or number is cut.
    #[test]
    fn no_line_starts_with_closing_punctuation() {
        let text = "第 3 张卡（农业银行借记卡）刷卡失败：无起始标志（磁条消磁或磁头脏污）；\
                    其他银行的卡正常，RC 91 出现 12 次。";
        for max in 8..60 {
            let lines = texts(&wrap_line(Line::raw(text), max, 2));
            for (i, l) in lines.iter().enumerate() {
                let body = l.trim_start();
                assert!(width(l) <= max, "{max}: {lines:?}");
                assert!(
                    !body.starts_with(['）', '；', '，', '。', '：']),
                    "{max}: line {i} {lines:?}"
                );
                assert!(!l.trim_end().ends_with('（'), "{max}: line {i} {lines:?}");
            }
            let joined: String = lines.concat();
            assert!(joined.contains("91") && joined.contains("12"), "{lines:?}");
        }
    }

    /// Styles survive a segment that spans two spans, and spaces at a break are dropped.
    #[test]
    fn styles_follow_their_text_across_breaks() {
        let bold = Style::new().bold();
        let line = Line::from(vec![Span::raw("card 3 "), Span::styled("FAIL", bold)]);
        let lines = wrap_line(line, 6, 0);
        assert_eq!(texts(&lines), ["card 3", "FAIL"]);
        let fail = lines[1].spans.iter().find(|s| s.content == "FAIL").unwrap();
        assert_eq!(fail.style, bold);
    }
}

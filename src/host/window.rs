//! Time windows of host rules: a time of day (`HH:MM-HH:MM`) or a span since the run start
//! (`+0m..+30m`), and the request's moment (`Context`) they are tested against.

/// What a rule can see of a request, beyond the message (the clock is injected for tests).
#[derive(Clone, Debug)]
pub struct Context {
    /// Minutes since local midnight.
    pub minute_of_day: u32,
    /// Seconds since the start of the run (the host's start), for relative windows.
    pub since_start_s: u64,
}

impl Context {
    /// The local time of day; a run that started just now.
    pub fn now() -> Context {
        Context::since(std::time::Instant::now())
    }

    /// The local time of day and the time since `start` (when the host started).
    pub fn since(start: std::time::Instant) -> Context {
        use chrono::Timelike;
        let t = chrono::Local::now();
        Context {
            minute_of_day: t.hour() * 60 + t.minute(),
            since_start_s: start.elapsed().as_secs(),
        }
    }
}

fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 1440).then_some(h * 60 + m)
}

/// Parses `HH:MM-HH:MM` into minutes (start inclusive, end exclusive).
pub fn parse_window(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.split_once('-')?;
    Some((parse_hhmm(a)?, parse_hhmm(b)?))
}

/// `+30m` → 1800 seconds (units `s`, `m`, `h`; at most a day).
fn parse_offset(s: &str) -> Option<u64> {
    let s = s.trim().strip_prefix('+')?;
    let unit = match s.chars().last()? {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        _ => return None,
    };
    let n: u64 = s[..s.len() - 1].parse().ok()?;
    let secs = n.checked_mul(unit)?;
    (secs <= 86_400).then_some(secs)
}

/// Parses a window relative to the run start, `+0m..+30m`, into seconds (start inclusive,
/// end exclusive; the end after the start).
pub fn parse_relative_window(s: &str) -> Option<(u64, u64)> {
    let (a, b) = s.split_once("..")?;
    let (a, b) = (parse_offset(a)?, parse_offset(b)?);
    (a < b).then_some((a, b))
}

/// A rule's `time` key: a time of day or a span since the run start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    /// Minutes since midnight, `HH:MM-HH:MM` (may wrap midnight).
    TimeOfDay(u32, u32),
    /// Seconds since the run start, `+0m..+30m`.
    SinceStart(u64, u64),
}

impl Window {
    /// Parses either form; `None` when it is neither.
    pub fn parse(s: &str) -> Option<Window> {
        if s.trim_start().starts_with('+') {
            parse_relative_window(s).map(|(a, b)| Window::SinceStart(a, b))
        } else {
            parse_window(s).map(|(a, b)| Window::TimeOfDay(a, b))
        }
    }

    /// Whether the request's moment is inside the window.
    pub fn contains(self, ctx: &Context) -> bool {
        match self {
            Window::TimeOfDay(a, b) => in_window((a, b), ctx.minute_of_day),
            Window::SinceStart(a, b) => ctx.since_start_s >= a && ctx.since_start_s < b,
        }
    }
}

fn in_window((a, b): (u32, u32), now: u32) -> bool {
    if a <= b {
        now >= a && now < b
    } else {
        now >= a || now < b
    }
}

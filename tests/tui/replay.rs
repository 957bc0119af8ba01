//! `cardbench replay` (issue 16): the demo's folder replayed shows the same end screen as the
//! live demo — the live run's events fed to the screen as the TUI feeds them, and the replay
//! of its `trace.jsonl` with today's diagnosis, drawn at the same size, are the same text
//! (insta snapshot of the replay, with the clock and the host's timing masked, since those
//! differ from run to run, and the link timeline's frames, which follow the drivers). `--headless` prints the live run's verdict again.

use cardbench::checklist::Pacing;
use cardbench::i18n::Lang;
use cardbench::tui::app::{App, AppEvent};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t.backend().to_string()
}

/// The link timeline's frames follow every device driver's details, which other work changes;
/// the replay is compared with the live screen on the full text, so the snapshot leaves the
/// timeline out: the number in its title and each line of its body become one `▒`.
fn mask_timeline(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        let mut chars: Vec<char> = line.chars().collect();
        // Where the checklist panel ends and the timeline panel starts on this line.
        let join = chars.windows(2).position(|w| {
            matches!(
                w,
                ['╮', '╭'] | ['│', '│'] | ['┃', '│'] | ['╯', '╰'] | ['┛', '╰'] | ['┓', '╭']
            )
        });
        let title = line.contains("Link timeline") || line.contains("链路时间线");
        if title {
            inside = true;
            if let Some(j) = join {
                chars[j..]
                    .iter_mut()
                    .filter(|c| c.is_ascii_digit())
                    .for_each(|c| *c = '0');
            }
        } else if inside {
            if chars
                .windows(2)
                .any(|w| matches!(w, ['╯', '╰'] | ['┛', '╰']))
            {
                inside = false;
            } else if let (Some(j), Some(end)) = (join, chars.iter().rposition(|&c| c == '│')) {
                if end > j + 2 {
                    chars.splice(j + 2..end, ['▒']);
                }
            }
        }
        out.extend(chars);
        out.push('\n');
    }
    out
}

/// The latency panel's title in Chinese.
const LATENCY_ZH: &str = "主机延迟";

/// The parts of a screen that change from run to run: clock times (hh:mm:ss.mmm) become
/// `00:00:00.000`; in the host latency panel (its title line to its bottom border, left of
/// the diagnosis) digits become `0` and bars `▒`, and its title from the last latency on `▒`.
fn stable(text: &str) -> String {
    let mut out = String::new();
    let mut in_latency = false;
    for line in text.lines() {
        if line.contains("Host latency") || line.contains(LATENCY_ZH) {
            in_latency = true;
        }
        let mut chars: Vec<char> = line.chars().collect();
        if line.contains("Host latency") || line.contains(LATENCY_ZH) {
            // The title says the last latency: from its first digit to the panel's corner the
            // width of the number varies (`last 45 ms ·`, `last 123 m`), so it is masked whole.
            let corner = chars.iter().position(|&c| c == '╮');
            let first_digit = chars.iter().position(char::is_ascii_digit);
            if let (Some(d), Some(c)) = (first_digit, corner) {
                chars[d..c].iter_mut().for_each(|ch| *ch = '▒');
            }
        }
        // The latency panel is the left column: up to the diagnosis panel's border; inside
        // its borders the sparkline (bars and gaps) is masked whole.
        let panel_end = chars.iter().position(|&c| c == '┃').unwrap_or(chars.len());
        let inner = |i: usize| {
            let l = chars.iter().position(|&c| c == '│');
            let r = l.and_then(|l| {
                chars[l + 1..]
                    .iter()
                    .position(|&c| c == '│')
                    .map(|r| l + 1 + r)
            });
            matches!((l, r), (Some(l), Some(r)) if i > l && i < r)
        };
        let mut i = 0;
        while i < chars.len() {
            let is_time = i + 12 <= chars.len()
                && chars[i + 2] == ':'
                && chars[i + 5] == ':'
                && chars[i + 8] == '.'
                && [0, 1, 3, 4, 6, 7, 9, 10, 11]
                    .iter()
                    .all(|&k| chars[i + k].is_ascii_digit());
            if is_time {
                out.push_str("00:00:00.000");
                i += 12;
                continue;
            }
            let c = chars[i];
            let masked = in_latency && i < panel_end;
            out.push(match c {
                _ if masked && inner(i) => '▒',
                d if masked && d.is_ascii_digit() => '0',
                c => c,
            });
            i += 1;
        }
        out.push('\n');
        if in_latency && line.starts_with("\"╰") {
            in_latency = false;
        }
    }
    out
}

#[test]
fn replay_of_the_demo_folder_shows_the_live_end_screen() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("demo");
    let mut plan = cardbench::tui::demo_plan(None, Some(out.clone())).unwrap();
    plan.pacing = Pacing::Immediate;
    plan.lang = Lang::En;
    let device = plan.device.to_string();
    let h = cardbench::checklist::start(plan);
    let mut live = App::for_run(Lang::En, &device);
    for ev in h.events.iter() {
        live.update(AppEvent::Bench(ev));
    }
    let summary = h.thread.join().unwrap();
    assert!(!summary.conclusions.is_empty());

    let replay = cardbench::tui::replay::load(&out).unwrap();
    assert_eq!(replay.bad_lines, 0);
    assert_eq!(
        replay.conclusions, summary.conclusions,
        "today's diagnosis of the recording"
    );
    // The app `cardbench replay` itself shows, not a live one fed the same events.
    let mut again = cardbench::tui::replay::app_for(replay, Lang::En);
    for lang in [Lang::En, Lang::ZhCn] {
        live.lang = lang;
        again.lang = lang;
        let (a, b) = (screen(&live, 100, 32), screen(&again, 100, 32));
        // Everything but the footer's keys: a replay has no run behind it to export.
        let body = |s: &str| s.lines().take(31).collect::<Vec<_>>().join("\n");
        assert_eq!(
            body(&a),
            body(&b),
            "the replay's end screen differs from the live one"
        );
        assert!(cardbench::sensitive::find_clear_pan(&b).is_none());
        // The folder name differs from run to run: show it as the docs do.
        let b = mask_timeline(&stable(&b)).replace(&out.display().to_string(), "reports/demo");
        insta::assert_snapshot!(format!("replay_demo_end_{}", lang.code()), b);
    }
}

#[test]
fn headless_replay_prints_the_recorded_verdict() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("run");
    let bin = env!("CARGO_BIN_EXE_cardbench");
    let live = std::process::Command::new(bin)
        .env("CARDBENCH_BAUD", "115200")
        .args([
            "--lang",
            "en",
            "run",
            "--device",
            "crt310:sim:demo",
            "--deck",
            "demo",
        ])
        .args(["--host", "sim:demo", "--swipes", "2", "--headless", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let live = String::from_utf8_lossy(&live.stdout).into_owned();
    let verdict = |s: &str| -> Vec<String> {
        s.lines()
            .skip_while(|l| !l.starts_with("verdict:"))
            .take_while(|l| l.starts_with("verdict:") || l.starts_with("  "))
            .map(str::to_string)
            .collect()
    };
    let o = std::process::Command::new(bin)
        .args(["--lang", "en", "replay", "--headless"])
        .arg(&out)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(verdict(&live).len() >= 2, "{live}");
    assert_eq!(verdict(&text), verdict(&live), "{text}");
    assert!(text.contains("4 of 8 cards failed"), "{text}");
    assert!(text.contains("ended: complete"), "{text}");
    // In Chinese the replay's lines hold no English word, the run's end included.
    let o = std::process::Command::new(bin)
        .args(["--lang", "zh-CN", "replay", "--headless"])
        .arg(&out)
        .output()
        .unwrap();
    let zh = String::from_utf8_lossy(&o.stdout);
    assert!(zh.contains("结束方式：已完成"), "{zh}");
    let zh_lines: Vec<&str> = zh
        .lines()
        .filter(|l| !l.contains(&*out.to_string_lossy()))
        .collect();
    let words = crate::english::english_words(&zh_lines.join("\n"));
    assert!(words.is_empty(), "English {words:?} in\n{zh}");
    // A folder without a trace cannot be replayed: exit 2, one clear line.
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = std::process::Command::new(bin)
        .arg("replay")
        .arg(&empty)
        .arg("--headless")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("trace.jsonl"));
}

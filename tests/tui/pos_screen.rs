//! The run screen after a whole POS run (`pos8583:sim`, issue 11): the host-latency panel
//! shows the host's round trips (the bench answering the terminal's sign-on and sales), and in
//! Chinese the header names the kind of host link in Chinese.

use cardbench::checklist::{BenchEvent, RunPlan};
use cardbench::device::DeviceAddress;
use cardbench::i18n::{tr_static, Lang};
use cardbench::tui::app::{App, AppEvent};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t.backend().to_string()
}

#[test]
fn a_pos_run_shows_host_latency_and_a_chinese_header() {
    let d = tempfile::tempdir().unwrap();
    let mut plan = RunPlan::defaults(DeviceAddress::parse("pos8583:sim").unwrap());
    plan.out_dir = d.path().join("R");
    plan.lang = Lang::ZhCn;
    plan.prompt_timeout = std::time::Duration::from_secs(20);
    let device = plan.device.to_string();
    let h = cardbench::checklist::start(plan);
    let mut app = App::for_run(Lang::ZhCn, &device);
    let mut answered = 0;
    let mut host_prompts = 0;
    for ev in h.events.iter() {
        if let BenchEvent::Attempt { row, .. } = &ev {
            answered += usize::from(!row.rc.is_empty() && row.step != "settlement");
        }
        let host_prompt = matches!(&ev, BenchEvent::Prompt(p)
            if p.action == cardbench::checklist::PromptAction::Host);
        app.update(AppEvent::Bench(ev));
        if host_prompt {
            // Sign-on and settlement: the bench is the host and waits for the terminal.
            host_prompts += 1;
            let text = screen(&app, 140, 40);
            let want = tr_static(Lang::ZhCn, "tui-waiting-for-the-terminal");
            assert!(text.contains(want), "{text}");
        }
    }
    assert!(host_prompts >= 1);
    h.thread.join().unwrap();
    // The sign-on and every answered sale (the one the bench withholds has no round trip).
    assert_eq!(app.run.latencies.len(), answered, "{:?}", app.run.latencies);
    assert!(answered >= 10, "{answered}");
    let text = screen(&app, 140, 40);
    let header = text.lines().next().unwrap();
    assert!(
        header.contains(tr_static(Lang::ZhCn, "pos-link-sim")),
        "{header}"
    );
    assert!(
        !header.contains("built-in") && !header.contains("simulated"),
        "{header}"
    );
    let title = format!(
        "{} · {}",
        tr_static(Lang::ZhCn, "tui-host-latency-ms"),
        tr_static(Lang::ZhCn, "tui-last")
    );
    assert!(text.contains(&title), "{text}");
    assert!(
        !text.contains(tr_static(Lang::ZhCn, "tui-no-network-checks-yet")),
        "{text}"
    );
    app.lang = Lang::En;
    let en = screen(&app, 140, 40);
    assert!(
        en.lines()
            .next()
            .unwrap()
            .contains("built-in simulated POS terminal"),
        "{en}"
    );
}

/// Issue 17: every row of a whole POS run has its detail in Chinese — what the zh-CN screen and
/// the card overlay show — with no English word left (codes, MTI, STAN, RC, KCV as they are).
#[test]
fn pos_details_in_chinese_have_no_english_words() {
    let d = tempfile::tempdir().unwrap();
    let mut plan = RunPlan::defaults(DeviceAddress::parse("pos8583:sim").unwrap());
    plan.out_dir = d.path().join("R");
    plan.lang = Lang::ZhCn;
    plan.prompt_timeout = std::time::Duration::from_secs(20);
    let h = cardbench::checklist::start(plan);
    let mut bad = Vec::new();
    let mut rows = 0;
    for ev in h.events.iter() {
        if let BenchEvent::Attempt { row, .. } = &ev {
            rows += 1;
            let zh = row.detail_in(Lang::ZhCn);
            let words = crate::english::english_words(zh);
            if !words.is_empty() {
                bad.push(format!("{} {}: {words:?} in {zh}", row.interface, row.step));
            }
        }
    }
    h.thread.join().unwrap();
    assert!(rows >= 10, "{rows}");
    assert!(
        bad.is_empty(),
        "English in Chinese details:\n{}",
        bad.join("\n")
    );
}

//! Frame build time of the run screen (render `&App` into a `Buffer`, terminal I/O excluded)
//! with 100 000 timeline lines and 1 000 cards: only visible rows may be built, so this must
//! stay flat whatever the history size (reliability.md §7.2: 16.7 ms is the 60 fps budget).

use cardbench::checklist::{BenchEvent, PromptAction};
use cardbench::i18n::Lang;
use cardbench::tui::app::{App, AppEvent, Focus};
use cardbench::tui::sample;
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::hint::black_box;

fn big_app(cards: usize, lines: usize) -> App {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    app.update(AppEvent::Bench(sample::started(cards)));
    for i in 0..cards {
        for e in sample::card_attempts(i) {
            app.update(AppEvent::Bench(e));
        }
    }
    for k in 0..lines {
        app.update(AppEvent::Bench(BenchEvent::Frame(sample::frame(k))));
    }
    app.update(AppEvent::Bench(sample::prompt(
        cards / 2,
        cards,
        PromptAction::Swipe,
    )));
    app.update(AppEvent::Bench(
        BenchEvent::Diagnosis(sample::conclusions()),
    ));
    app
}

fn frame(c: &mut Criterion) {
    let mut app = big_app(1_000, 100_000);
    assert_eq!(app.run.timeline.len(), 100_000);
    let mut g = c.benchmark_group("tui_frame");
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        for lang in [Lang::En, Lang::ZhCn] {
            app.lang = lang;
            g.bench_function(
                format!("run_100k_lines_1000_cards_{w}x{h}_{}", lang.code()),
                |b| {
                    b.iter(|| {
                        buf.reset();
                        black_box(&app).render(area, &mut buf);
                    })
                },
            );
        }
        app.lang = Lang::En;
        // A selection deep in the history (the timeline walks back from it).
        app.focus = Focus::Timeline;
        app.selected_frame = Some(50_000);
        app.selected_card = Some(10);
        g.bench_function(format!("run_scrolled_{w}x{h}"), |b| {
            b.iter(|| {
                buf.reset();
                black_box(&app).render(area, &mut buf);
            })
        });
        app.focus = Focus::Matrix;
        app.selected_frame = None;
        app.selected_card = None;
    }
    // The cost of taking in one timeline line (ring push at capacity + PAN guard).
    g.bench_function("ingest_frame_at_capacity", |b| {
        let mut k = 0usize;
        b.iter(|| {
            k += 1;
            app.update(AppEvent::Bench(BenchEvent::Frame(sample::frame(k))));
        })
    });
    g.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);

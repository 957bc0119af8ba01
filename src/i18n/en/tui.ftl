### tui: the technician's screen: start screen, checklist, timeline, overlays, footer keys, dialogs.
### Ids start with `tui-`. See docs/i18n.md.

## The whole screen.

# Shown instead of the layout when the terminal is too small. $width, $height: the terminal's
# size now; $min_width, $min_height: the smallest size the screens are laid out for.
tui-too-small = The window is too small ({ $width }×{ $height }): make it at least { $min_width }×{ $min_height } (a larger window, or a smaller font).

## Checklist panel.

# Bottom border of the checklist when not every card fits: cards above and below the rows in
# view ($above, $below: numbers).
tui-matrix-more = ↑ { $above } ↓ { $below } more · ↑↓ scroll

## src/tui/ui/start.rs

tui-cardbench-choose-a-terminal-to = cardbench — choose a terminal to test
tui-devices = Devices
tui-no-serial-ports-detected-r = (no serial ports detected — r rescans)
tui-demo = Demo
tui-simulated-terminal-with-faults-demo = simulated terminal with faults, demo deck and host
tui-built-in-crt-310-simulator = built-in CRT-310 simulator (swipe + chip)
tui-built-in-msr605-simulator-swipe = built-in MSR605 simulator (swipe)
tui-built-in-crt-591-simulator = built-in CRT-591 simulator (card dispenser: swipe + chip)
tui-built-in-pos-simulator = built-in UnionPay POS terminal simulator (ISO 8583)
tui-run-settings = Run settings
tui-the-demo-deck = the demo deck
tui-the-demo-host-boc-down = the demo host (BOC down)
tui-profile = Profile
tui-deck = Deck
tui-host = Host
tui-device-address = Device address
tui-remembered-in = Remembered in

## src/tui/ui/header.rs

tui-connecting = connecting
tui-running = running
tui-finished-all-passed = finished: all passed
tui-finished-faults-found = finished: faults found
tui-aborted = aborted
tui-fw = fw
tui-sn = SN
tui-lang-tag = {" "}EN{" "}

## src/tui/ui/prompt.rs

tui-operator = Operator
tui-time-left = time left
tui-r-retry-s-skip = r: retry · s: skip
tui-connecting-to-the-device = Connecting to the device…
tui-working = Working…
tui-run-finished-every-check-passed = Run finished — every check passed
tui-run-aborted = Run aborted
tui-device-lost = Device lost
tui-reports-in = Reports in
# Printed on stdout after the screen closes. $dir: the run's report folder (a path).
tui-reports-line = Reports: { $dir }

# On the diagnosis panel's border when not all of it fits: the keys that reach the rest.
tui-diag-more = {" "}↓ more: Tab ↑↓ ⏎{" "}

## src/tui/ui/footer.rs

tui-select = select
tui-start = start
tui-profile-2 = profile
tui-deck-2 = deck
tui-host-2 = host
tui-rescan = rescan
tui-key-lang-other = 中文
tui-help = help
tui-quit = quit
tui-retry = retry
tui-skip = skip
tui-timeline = timeline
tui-details = details
tui-export = export

# The footer under an overlay (the overlay takes every key while open).
tui-key-scroll = scroll
tui-key-close = close
tui-key-stay = stay
tui-key-keep = keep
tui-key-cancel = cancel
tui-key-delete = delete

## src/tui/ui/overlay/help.rs

tui-choose-a-device = choose a device
tui-start-the-checklist = start the checklist
tui-reader-profile-for-a-serial = reader profile for a serial port
tui-test-deck = test deck
tui-acquirer-host-none-network-steps = acquirer host (none: network steps skip)
tui-rescan-serial-ports = rescan serial ports
tui-english = English ↔ 中文
tui-this-help = this help
tui-retry-this-step = retry this step
tui-skip-this-step = skip this step
tui-focus-the-link-timeline = focus the link timeline
tui-next-panel-matrix-timeline-diagnosis = next panel (matrix, timeline, diagnosis)
tui-move-in-the-focused-panel = move in the focused panel
tui-first-line-of-the-panel = first line of the panel
tui-details-of-the-selected-line = details of the selected line
tui-follow-the-run-again = follow the run again
tui-export-summaries-and-diagnosis-now = export summaries and diagnosis now
tui-quit-asks-while-a-run = quit (asks while a run is in progress)
tui-pgup-pgdn-scroll-any-other = ↑↓ PgUp PgDn scroll · any other key closes this help.

## src/tui/ui/overlay/quit.rs

tui-the-run-is-still-in = The run is still in progress.
tui-stop-it-and-quit-reports = Stop it and quit? Reports so far are kept.
tui-the-run-has-finished = The run has finished.
tui-quit-the-reports-are-written = Quit? The reports are written.
tui-quit-2 = {" "}quit{"   "}
tui-stay = {" "}stay

## src/tui/ui/overlay/mod.rs

tui-keys = Keys
tui-quit-3 = Quit?
tui-frame-details = Frame details
tui-card-details = Card details
tui-conclusion = Conclusion
tui-esc-closes = {" "}Esc closes{" "}
tui-esc-closes-scroll = {" "}Esc closes · ↑↓ scroll{" "}

## src/tui/ui/overlay/frame.rs

tui-this-line-has-left-the = This line has left the timeline buffer.
tui-bench-device = > bench → device
tui-device-bench = < device → bench
tui-bench-note = {""}* bench note
tui-time = Time
tui-link = Link
tui-direction = Direction
tui-bytes = Bytes
tui-hex = Hex
tui-decoded = Decoded
tui-nothing-decoded = {"  "}(nothing decoded)

## src/tui/ui/overlay/card.rs

tui-bank = Bank
tui-scheme = Scheme
tui-interfaces = Interfaces
tui-reference-card-known-good = ★ reference card (known good)
tui-no-attempts-yet = No attempts yet.

## src/tui/ui/overlay/conclusion.rs

tui-cause = Cause
tui-at-fault = At fault
tui-confidence = Confidence
tui-rule = Rule
tui-finding = Finding
tui-action = Action
tui-evidence = Evidence

## src/tui/ui/theme.rs

# Matrix cells: the same display width (4 columns) in both languages.
tui-outcome-pass = PASS
tui-outcome-fail = FAIL
tui-outcome-skip = SKIP
tui-outcome-error = ERR{" "}

## src/tui/ui/timeline.rs

tui-paused-end-follows = {" "}· paused, End follows
tui-no-traffic-yet = (no traffic yet)

## src/tui/ui/latency.rs

tui-host-latency-ms = Host latency ms
tui-last = last
tui-max = max
tui-no-network-checks-yet = (no network checks yet)

## src/tui/ui/matrix.rs

tui-checklist = Checklist
tui-card = Card

## src/tui/ui/banks.rs

tui-failed-cards-by-bank = Failed cards by bank
tui-no-attempts-yet-2 = (no attempts yet)

## src/tui/ui/diagnosis.rs

tui-diagnosis = Diagnosis
tui-no-fault-found-every-expectation = No fault found: every expectation was met.
tui-the-run-could-not-start = The run could not start: { $why }. Nothing was tested; no diagnosis.
tui-the-run-stopped-before-a = The run stopped before a diagnosis (reports so far are kept).
tui-the-diagnosis-appears-at-the = The diagnosis appears at the end of the run (e: export now).

## src/tui/keys.rs

tui-export-requested = export requested

## src/tui/run_view.rs

tui-device-reconnected = device reconnected
tui-unknown-bank = unknown bank

## src/tui/ui/start.rs

tui-default-the-simulator-s-deck = default (the simulator's deck)
tui-default-builtin-deck = default (the built-in deck { $name })
tui-none-network-steps-skip = none (network steps SKIP)

## src/tui/ui/prompt.rs

tui-waiting-for-the-host = waiting for the host…
tui-waiting-for-the-terminal = waiting for the terminal's message…

## Counts (plural forms: "1 check", "2 checks").

# Header, right side: $done cards done of $cards, $failed failed attempts (numbers).
tui-header-counts = { $done }/{ $cards } { $cards ->
        [one] card
       *[other] cards
    } · { $failed } failed
# Operator panel at the end of a run with failures; $count (number) failed checks.
tui-run-finished-failures =
    Run finished — { $count ->
        [one] 1 check failed
       *[other] { $count } checks failed
    }, see the diagnosis
# Timeline panel title; $count (number) lines kept.
tui-timeline-title =
    Link timeline ({ $count ->
        [one] 1 line
       *[other] { $count } lines
    })
# Before a conclusion's evidence; $count (number) pieces of evidence.
tui-evidence-count = evidence ({ $count })

## Run counts (header, end line, export): cards, not attempts.

# Header while the run goes: $done (number) cards reached of $cards (number), $failed (number)
# of them failed, $checks (number) failed checks.
tui-counts-running = { $done }/{ $cards } cards · { $failed } failed ({ $checks ->
        [one] { $checks } check
       *[other] { $checks } checks
    })
# Header and end line once the run is over: $failed (number) of $cards (number) cards failed,
# $checks (number) failed checks.
tui-counts-failed = { $failed } of { $cards } cards failed ({ $checks ->
        [one] { $checks } check
       *[other] { $checks } checks
    })
# End line, appended when the run ended before the last card: $count (number) cards not tested.
tui-counts-not-tested = { $count ->
        [one] { $count } card not tested
       *[other] { $count } cards not tested
    }
# End line of a run that found faults: $counts is tui-counts-failed.
tui-end-faults = Run finished — { $counts }, see the diagnosis
# End line of a run stopped early: $how (how it ended, e.g. "stopped by operator"), $counts.
tui-end-stopped = Run { $how } — { $counts }
# How a run ended (run.toml's `end`), for the end line.
tui-end-how-stopped = stopped by the operator
tui-end-how-lost = ended: device lost
tui-end-how-could-not-run = could not run
# Status line right after `e`, before the engine answers.
tui-export-writing = writing every report file…

## Start screen: settings typed in.

tui-settings-station = Station
tui-settings-operator = Operator
tui-settings-ticket = Ticket
tui-settings-out = Reports under
tui-settings-out-default = reports/ in the current folder
tui-entry-typed-address = typed address (network or serial)
tui-input-device-example = PROFILE:TARGET — crt310:tcp://10.0.0.7:4001, msr605:rfc2217://10.0.0.7:4002, crt310:/dev/ttyUSB1
tui-input-host-example = HOST:PORT (10.0.0.5:5800), sim, or sim:RULES.toml
tui-input-station-example = a name for this bench, written in every report row (bench-3)
tui-input-free-text = free text, written in run.toml (empty: none)
tui-input-out-example = a folder; each run gets its own folder inside it (empty: reports/)
tui-input-keys = Enter keeps · Esc cancels · Backspace deletes
tui-help-type-host = type an acquirer host (HOST:PORT)
tui-help-type-address = type a device address (tcp://, rfc2217://, a serial path)
tui-help-station = station name
tui-help-operator = operator
tui-help-ticket = repair or QA ticket
tui-help-out = report folder
tui-key-address = address
tui-key-back = back
tui-quit-stop-and-back = Stop it and go back to the start screen? Reports so far are kept.

# Between two entries of a list on screen (evidence).
tui-list-separator = {"; "}

## Start screen: why a typed value was refused (shown under the input line; tui::start).

# $known: the profiles, "crt310, crt591, msr605".
tui-start-unknown-profile = unknown profile; known: { $known }
# $why: the host parser's reason (English detail).
tui-start-bad-host = not a host: { $why }
tui-start-station-empty = a station needs a name
# $why: the system's reason.
tui-start-bad-folder = not a folder: { $why }

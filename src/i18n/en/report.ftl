### report: report files and `report summarize`: column titles for people, the printable report.
### Ids start with `report-`. See docs/i18n.md.

# banks.csv `verdict` of a bank every card of which passed.
report-verdict-pass = pass
# banks.csv `verdict` of a bank the run did not reach (stopped early).
report-verdict-not-tested = not tested
# banks.csv `reason`: $count (number) cards of the bank not reached, of $cards (number).
report-reason-not-tested = { $count } of { $cards } { $cards ->
        [one] card
       *[other] cards
    } not tested: the run ended before reaching { $count ->
        [one] it
       *[other] them
    }

# $dir: the report folder. Shown after an export (TUI `e`, headless) and at the end of a run.
report-written = reports written to { $dir }
# Headless run / batch after Ctrl-C or SIGTERM: the run stops and writes its reports.
report-stopping = stop requested (Ctrl-C / SIGTERM): ending the run and writing every report; press Ctrl-C again to quit at once

## report.html: the printable report (one per run, one per batch).

report-html-title = Card and terminal test report
report-html-batch-title = QA batch report
# Identity block labels.
report-html-identity = Run
report-html-station = Station
report-html-operator = Operator
report-html-ticket = Ticket
report-html-terminal = Terminal
report-html-model = Model
report-html-firmware = Firmware
report-html-serial = Serial number
report-html-device = Device address
report-html-deck = Deck
report-html-host = Acquirer host
report-html-started = Started
report-html-ended = Ended
report-html-end = How it ended
report-html-tool = Tool
report-html-computer = Computer
report-html-none = none
# How a run ended (run.toml `end`).
report-end-running = still running (or killed)
report-end-complete = complete
report-end-stopped = stopped by the operator
report-end-device-lost = device lost
# How a run ended and why: $end (report-end-*), $reason (why, as recorded).
report-end-with-reason = { $end }: { $reason }
report-end-could-not-run = could not run
# The verdict block.
report-html-verdict = Verdict
report-html-no-fault = No fault found: every expectation was met.
report-html-not-complete = The run did not complete: the cards it did not reach are marked "not tested".
# A run that did not run every check (docs/report-format.md "A run that did not finish").
# The printable report's verdict when nothing was concluded. $why: how the run ended (report-end-*), or why it is incomplete.
report-html-incomplete = Incomplete ({ $why }): no fault found in the checks that ran, but not every check ran.
# The diagnosis section (and the console's verdict block) with no conclusion in an incomplete run.
report-no-fault-in-what-ran = no fault found in the checks that ran (the run is incomplete)
# The checks that did not run, after an incomplete run's verdict (console, report.html). $checks: card (interfaces); card (interfaces)…
report-not-tested-list = Not tested: { $checks }
# Why a complete run is still incomplete: cards (or interfaces) it did not test.
report-incomplete-cards = some cards were not tested
# `replay` of a trace with no end record (the run was killed, or the file cut short).
report-replay-truncated = incomplete: the trace stops before the run's end (killed or cut short)
# $failed (number) of $cards (number) cards failed; $checks (number) failed checks; $untested (number) cards not tested.
report-html-counts = { $failed } of { $cards } cards failed ({ $checks ->
        [one] { $checks } failed check
       *[other] { $checks } failed checks
    }); { $untested } not tested
report-html-actions = What to do
report-html-confidence = confidence
# Charts.
report-html-charts = Failures at a glance
report-html-chart-banks = Cards failed by bank
report-html-chart-interfaces = Cards failed by interface
report-html-chart-latency = Host latency per authorisation (ms)
report-html-no-latency = no host exchange was timed
# Tables.
report-html-cards = Cards
report-html-card = Card
report-html-bank = Bank
report-html-result = Result
report-html-first-failure = First failure
report-html-action = Action
report-html-diagnosis = Diagnosis
report-html-evidence = Evidence
report-html-banks = Banks
report-html-tested = Tested
report-html-failed = Failed
report-html-not-tested = Not tested
report-html-reason = Reason
report-html-terminals = Terminals
report-html-yield = Yield
# $passed (number) terminals passed of $tested (number) tested.
report-html-yield-value = { $passed } of { $tested } { $tested ->
        [one] terminal
       *[other] terminals
    } passed
report-html-legend-failed = failed
report-html-legend-passed = passed
report-html-legend-not-tested = not tested
report-html-not-tested-cell = not tested
# Footer.
report-html-footer = Card numbers are masked (first 6 and last 4 digits); no track data, CVV, PIN or key is in this report. The CSV files, run.toml and report.xlsx in the same folder hold the same results.

## cardbench replay

# $count (number) lines of trace.jsonl that could not be read.
report-replay-bad-lines = { $count ->
        [one] { $count } line of trace.jsonl could not be read and was skipped
       *[other] { $count } lines of trace.jsonl could not be read and were skipped
    }
# Headless replay: $failed (number) of $cards (number) cards failed, $checks (number) failed
# checks; $end how the recorded run ended (empty if it never ended).
report-replay-counts = recorded run: { $failed } of { $cards } cards failed ({ $checks ->
        [one] { $checks } check
       *[other] { $checks } checks
    }); ended: { $end }

## `report summarize` as text (summarize::render). The CSV files keep the English column names.

# $rows, $files, $pass, $fail, $error, $skip (numbers).
report-summary-intro = { $rows } attempt rows from { $files } { $files ->
        [one] file
       *[other] files
    }; { $pass } pass, { $fail } fail, { $error } error, { $skip } skip
# $count (number): rows that could not be read.
report-summary-bad-rows = { " " }({ $count } unreadable rows skipped)
# A line under the intro when files were left out as already counted. $count (number); $files: the paths, comma-separated.
report-summary-skipped = { $count } { $count ->
        [one] file
       *[other] files
    } not counted again (given twice, reached by another path, or inside a batch folder whose merged attempts.csv is read): { $files }
report-summary-per-bank = Per bank (swipe/chip/network = failed/attempts)
report-summary-per-card = Per card
report-summary-per-terminal = Per terminal
# The bank cell of cards whose bank is not known (also in the summary CSVs).
report-summary-unknown-bank = (unknown bank)
report-summary-col-bank = bank
report-summary-col-cards = cards
report-summary-col-terminals = terminals
report-summary-col-card = card
report-summary-col-pan = pan
report-summary-col-scheme = scheme
report-summary-col-station = station
report-summary-col-terminal = terminal
report-summary-col-model = model
report-summary-col-firmware = firmware
report-summary-col-attempts = attempts
report-summary-col-pass = pass
report-summary-col-fail = fail
report-summary-col-error = error
report-summary-col-pass-rate = pass%
report-summary-col-swipe = swipe
report-summary-col-chip = chip
report-summary-col-network = network
report-summary-col-family = family
report-summary-col-culprit = culprit
report-summary-col-run-started = run started
report-summary-col-outcome = outcome
report-summary-col-source = source
report-summary-col-terminals-tested = terminals tested
report-summary-col-terminals-passed = terminals passed
report-summary-col-yield = yield
# The yield table's last row: every source together.
report-summary-all = all
# A bank's failed card in banks.csv's reason when no conclusion explains it; $card_no (number)
# its place in the deck, $label its label.
report-failed-card = card { $card_no } ({ $label })

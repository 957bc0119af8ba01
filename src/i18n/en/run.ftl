### run: `run` and `demo`: headless progress lines, run ends, the engine's notes and prompts.
### Ids start with `run-`. See docs/i18n.md.

# Note at the end of a run in which no card step passed (an empty deck, or every step skipped).
run-nothing-tested = no card step was tested: the run cannot pass

# The first line of a headless run. $station, $device: as given; $link: a POS's link kind after " · " (empty for a reader); $profile, $model, $firmware, $serial: the terminal's; $cards (number): cards in the deck; $dir: the report folder.
run-started = run { $station } { $device }{ $link }: { $profile } { $model } fw { $firmware } s/n { $serial } — { $cards } { $cards ->
        [one] card
       *[other] cards
    } → { $dir }
# $why: why the device was lost (system text).
run-device-lost = device lost: { $why }
run-device-reconnected = device reconnected
# The last line of a run. $dir: the report folder.
run-passed = PASS: every expectation met: { $dir } (reports)
run-failed = FAIL: some checks failed: { $dir } (reports)
# The last line of a run in which nothing failed but not every check ran (exit 2). $why: how it ended, or why it is incomplete; $untested, $cards (numbers): cards not tested, cards in the deck; $dir: the report folder.
run-incomplete = INCOMPLETE: not every check ran ({ $why }); no check failed in what ran; { $untested } of { $cards } { $cards ->
        [one] card
       *[other] cards
    } not tested: { $dir } (reports)
# Under the FAIL line of a failed run that did not finish. $why, $untested, $cards: as run-incomplete.
run-also-incomplete = the run is incomplete too ({ $why }): { $untested } of { $cards } { $cards ->
        [one] card
       *[other] cards
    } not tested
# The diagnosis block's title, and its only line when nothing was found.
run-verdict = verdict:
run-no-fault = no fault found

# The first column of a headless line of a run-level step (connect, echo), in brackets: "[run]". At most 5 columns.
run-line-run = run

## Why a run ended early (RunEnd's reason): run.toml and the CSVs keep the English.
run-end-no-device = no device
run-end-reader-silent = the reader stopped answering
# $secs (number) the reconnect window in seconds; $reason: the device's last error.
run-end-not-back = device lost and not back after { $secs } s: { $reason }
# $reason: why the file could not be written.
run-end-cannot-append = cannot append to attempts.csv: { $reason }
# $host: the --host value; $reason: why it could not be set up.
run-end-host = host { $host }: { $reason }
# $reason: the system's error.
run-end-no-thread = cannot start the worker thread: { $reason }
run-end-worker-panicked = the checklist worker panicked
# $reason: why the BIN file cannot be used.
run-end-bins = BIN file: { $reason }
# $what: deck or scenario (the file at fault); $reason: why it cannot be used.
run-end-deck = { $what ->
        [scenario] scenario
       *[deck] deck
    }: { $reason }
# $dir: the report folder; $reason: why it cannot be written.
# $profile: the device's profile; $what: the interfaces it cannot test (chip).
run-end-deck-unfit = the deck asks for { $what }, which this { $profile } reader cannot test: choose a deck that fits the reader (its built-in deck, or --deck with interfaces it has)
run-end-reports = cannot write reports in { $dir }: { $reason }
# $device: the --device value; $profile: its profile; $known: the known profiles.
run-end-unknown-profile = { $device }: unknown profile "{ $profile }" (known: { $known })
run-end-pos-target = pos8583 takes tcp-listen:HOST:PORT, a serial path or sim (the bench is the host)
# A note on the timeline; $reason: why the run stopped.
run-note-stopped = run stopped: { $reason }
# The operator pressed skip while a step ran (no card prompt on screen): the key is ignored.
run-note-retrying = retrying the step
run-note-reconnected = device reconnected; resuming the step
run-note-run-toml = cannot write run.toml: { $reason }
run-note-refused-column = refused a cell holding a card number (column { $column })
run-note-refused-cell = refused a cell holding a card number: { $cell }
run-note-export-failed = export failed: { $reason }
run-note-summaries = cannot write summaries: { $reason }
run-note-nothing-to-skip = nothing to skip now: a step is running (skip works while the bench waits for a card)
# The TUI's engine thread ended without saying why.
run-end-engine-gone = the checklist engine stopped unexpectedly
# $count (number) attempts in the recorded trace.
run-end-trace-cut = the recorded run did not finish (its trace stops after { $count } attempts)

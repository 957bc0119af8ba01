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

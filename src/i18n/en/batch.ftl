### batch: `batch`: the QA line's progress, verdicts and station messages.
### Ids start with `batch-`. See docs/i18n.md.

# A bank outage or policy seen by the batch's terminals, reported once for the batch.
# $culprit: the bank's host or policy; $terminals (number): terminals that saw it; $total
# (number): terminals in the batch; $rule: the diagnosis rule (R4).
batch-bank-finding = bank finding ({ $rule }): { $culprit } — on { $terminals } of { $total } { $total ->
        [one] terminal
       *[other] terminals
    }; a bank fault, not the terminals'
# banks.csv of a batch: after the terminals on which a bank failed, those on which all its cards passed. $terminals: their labels, comma-separated.
batch-bank-passed-on = passed on { $terminals }

# terminals.csv: a failed check in words (failing_checks_text) and what to do (action).
batch-check-words = { $card } · { $interface } { $step }: { $meaning }
batch-check-words-run = { $interface } { $step }: { $meaning }
batch-identity-model = this is not the expected terminal: model { $reported }, the station expects { $expected }
batch-identity-serial = this is not the expected terminal: serial { $reported }, the station expects { $expected }
batch-action-identity = check that the terminal on this port is the one the station expects (model, serial), then test it again
batch-action-could-not-run = run `cardbench doctor --device { $device }`, fix what it reports, then test the terminal again

# The batch's report.html.
batch-html-folder = Batch folder
batch-html-chart-terminals = Checks failed per terminal
batch-html-failing = Failed checks

# The line after the batch. $terminals (number); $pass, $fail, $error (numbers): terminals by verdict; $csv: the terminals.csv path.
batch-summary = { $terminals } { $terminals ->
        [one] terminal
       *[other] terminals
    }: { $pass } PASS, { $fail } FAIL, { $error } ERROR — { $csv }
# The progress display (stderr). The unit after "3/8" on each terminal's bar.
batch-bar-cards = cards
# A terminal's bar message while its run starts, runs, loses and finds its device again.
batch-bar-opening = opening…
batch-bar-running = running
batch-bar-device-lost = device lost — reconnecting
batch-bar-reconnected = reconnected
# $station: the terminal's label (T01); $why: why the device was lost (system text).
batch-device-lost = { $station }: device lost ({ $why }), reconnecting
batch-reconnected = { $station }: reconnected
# The summary line above the bars. All numbers: terminals, running ones, verdicts so far, and checks passed and failed so far.
batch-progress-top = { $terminals } { $terminals ->
        [one] terminal
       *[other] terminals
    }: { $running } running · { $pass } PASS · { $fail } FAIL · { $error } ERROR   checks: { $checks_pass } pass, { $checks_fail } fail

# terminals.csv's note and the batch report: $why (text) why the run was aborted.
batch-note-aborted = aborted: { $why }
# $lost, $reconnected (numbers): times the device was lost and came back.
batch-note-lost = device lost { $lost } { $lost ->
        [one] time
       *[other] times
    }, reconnected { $reconnected } { $reconnected ->
        [one] time
       *[other] times
    }
# A terminal's note when its worker thread died.
batch-worker-panicked = the terminal's worker thread panicked

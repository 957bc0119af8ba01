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

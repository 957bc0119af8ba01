### tui: the technician's screen: start screen, checklist, timeline, overlays, footer keys, dialogs.
### Ids start with `tui-`. See docs/i18n.md.

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

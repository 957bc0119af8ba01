### run: `run` and `demo`: headless progress lines, run ends, the engine's notes and prompts.
### Ids start with `run-`. See docs/i18n.md.

# Note at the end of a run in which no card step passed (an empty deck, or every step skipped).
run-nothing-tested = no card step was tested: the run cannot pass

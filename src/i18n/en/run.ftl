### run: `run` and `demo`: headless progress lines, run ends, the engine's notes and prompts.
### Ids start with `run-`. See docs/i18n.md.

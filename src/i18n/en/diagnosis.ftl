### diagnosis: the verdict: signal meanings, evidence, culprits and actions.
### Ids start with `diagnosis-`. See docs/i18n.md.

### batch: `batch`: the QA line's progress, verdicts and station messages.
### Ids start with `batch-`. See docs/i18n.md.

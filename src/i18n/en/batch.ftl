### batch: `batch`: the QA line's progress, verdicts and station messages.
### Ids start with `batch-`. See docs/i18n.md.

# A bank outage or policy seen by the batch's terminals, reported once for the batch.
# $culprit: the bank's host or policy; $terminals (number): terminals that saw it; $total
# (number): terminals in the batch; $rule: the diagnosis rule (R4).
batch-bank-finding = bank finding ({ $rule }): { $culprit } — on { $terminals } of { $total } terminals; a bank fault, not the terminals'

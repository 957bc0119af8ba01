### diagnosis: the verdict: signal meanings, evidence, culprits and actions.
### Ids start with `diagnosis-`. See docs/i18n.md.

## Culprits shared by several rules (the same text merges their conclusions into one).

diagnosis-network-culprit = network / acquirer link
# $bank: the bank's short name (ICBC).
diagnosis-bank-policy-culprit = { $bank } (issuer policy)

## R4 (policy): declines grouped by bank before any account is blamed.

# $bank: the bank's short name; $cards (number): its cards; $codes: the response codes, "05, 57".
diagnosis-bank-policy-finding = every { $bank } card ({ $cards }) is declined ({ $codes }) while other banks approve: the bank's policy or system, not each card's account
diagnosis-bank-policy-action = not a terminal fault: ask { $bank } why it declines its cards (product, merchant category or policy settings at the issuer)
# $codes: the response codes; $banks (number): issuer groups.
diagnosis-acquirer-declines-finding = every issuer's cards are declined alike ({ $codes }, { $banks } issuer groups): the acquirer's host, not the banks or the accounts
diagnosis-acquirer-declines-action = check the acquirer host's settings for this terminal and merchant; no card or account is implicated

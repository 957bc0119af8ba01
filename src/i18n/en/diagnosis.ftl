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

## Evidence: the attempts behind a conclusion (diagnosis::view::Observation::evidence).

# $card_no (number): the card's place in the deck; $label: the card's label.
diagnosis-evidence-card = card { $card_no } ({ $label })
# Evidence of a step not tied to a card (echo test, device).
diagnosis-evidence-run = run
# $count (number): evidence entries left out. The English text is parsed back when conclusions merge: keep it.
diagnosis-evidence-more = … and { $count } more
# $retries (number) frames the link rejected or resent, of $frames (number).
diagnosis-evidence-link-retries = link: { $retries } of { $frames } frames rejected or resent
# $damaged (number) frames that arrived damaged (bad checksum, garbage), of $frames (number).
diagnosis-evidence-link-damaged = link: { $damaged } of { $frames } frames arrived damaged
# $count (number) track reads the line damaged (one byte changed across characters).
diagnosis-finding-line-damaged = { $count } track read(s) damaged on the line (one byte across characters)

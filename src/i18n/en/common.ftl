### common: words every area shares — the model's vocabulary (interfaces, cause families,
### outcomes) and counts. Ids start with `common-`.

## Interfaces of the checklist (model::Interface::name).

common-interface-swipe = swipe
common-interface-chip = chip
common-interface-network = network

## Cause families of the field article (model::Family::name; diagnosis.md §1). The English
## names are also the `family_name` column of diagnosis.csv: do not reword them.

common-family-bank = bank system
common-family-net = network
common-family-term-hw = terminal hardware
common-family-term-sw = terminal software
common-family-card = card
common-family-acct = cardholder account
common-family-tech = handling technique
common-family-unknown = unclassified

## Outcomes of one attempt (model::Outcome::name). The CSV keeps the codes PASS/FAIL/SKIP/ERROR.

common-outcome-pass = PASS
common-outcome-fail = FAIL
common-outcome-skip = SKIP
common-outcome-error = ERROR

## Counts.

# $count (number) how many checks: "1 check", "2 checks".
common-check-count =
    { $count ->
        [one] { $count } check
       *[other] { $count } checks
    }

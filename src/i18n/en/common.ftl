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

## A magnetic track's status (model::TrackStatus::name). The English is its Display spelling.

# $code: the status code (`ok`, `lrc`, `blank`, …).
common-track-status =
    { $code ->
        [ok] ok
        [no_data] no data
        [no_start_sentinel] no start sentinel
        [no_end_sentinel] no end sentinel
        [parity] parity error
        [lrc] LRC error
        [blank] blank
        [line_damaged] damaged on the line
       *[other] { $code }
    }
# $char_no (number): the character where parity failed.
common-track-parity-at = parity error at character { $char_no }
# $why: what is wrong with the layout (decoder text).
common-track-bad-format = bad format: { $why }
# $code: the reader's own error code, verbatim (E5).
common-track-reader-error = reader error { $code }

## Step names (model::step_name). English keeps the step code of attempts.csv, so files, docs
## and English screens agree; other languages name the step. Keep them short (a table column).

# $n (number): which swipe of the card.
common-step-swipe = swipe#{ $n }
common-step-atr = atr
common-step-select = select
common-step-records = records
common-step-oda = ODA
common-step-verify = verify
common-step-cryptogram = cryptogram
common-step-consistency = consistency
common-step-expiry = expiry
common-step-online = online
common-step-connect = connect
common-step-echo = echo
common-step-auth = auth
common-step-reversal = reversal
common-step-device = device
common-step-card-done = card_done
common-step-expectation = expectation
common-step-sign-on = sign-on
common-step-downloads = downloads
common-step-sale = sale
common-step-settlement = settlement
common-step-batch-upload = batch-upload
common-step-version = version
common-step-stan = stan

## Punctuation between parts of a sentence (full-width in Chinese).

# A label and its text: "Run aborted: why", "Yield: 3 of 4" ($label, $value: text).
common-label-value = { $label }: { $value }
# Between the parts of one sentence ("4 failed, 2 not tested").
common-comma = {", "}
# Between the items of a list of names ("T01, T04").
common-list-names = {", "}
# Between whole clauses or list items that have commas of their own.
common-semicolon = {"; "}

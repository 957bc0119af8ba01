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
# What is wrong with a track's layout (model::reads BAD_FORMAT), Chinese only on screen; English
# repeats the decoder's words. $a..$d: numbers, a character ('x' or U+0041), a field name.
common-track-why-no-separator = no field separator { $a } after the { $b }
common-track-why-empty-pan = empty PAN
common-track-why-pan-long = PAN of { $a } digits (at most 19)
common-track-why-pan-non-digit = PAN holds a non-digit
common-track-why-digits = { $a }: expected { $b } digits at character { $c }
common-track-why-month = expiry { $a } has month { $b } (01-12) at character { $c }
common-track-why-format-b = format code { $a }, expected 'B'
common-track-why-empty = empty track
common-track-why-name-empty = name field empty at character { $a } (ISO/IEC 7813: 2 to 26 characters)
common-track-why-name-length = name of { $a } characters at character { $b } (ISO/IEC 7813: 2 to 26 characters)
common-track-why-format-digits = format code: expected 2 digits
common-track-why-ended = track data ended early
common-track-why-char = character { $a } ({ $b }) is not allowed in track { $c } data
common-track-why-too-long = { $a } characters between the sentinels, at most { $b } on track { $c } (ISO/IEC 7813, ISO 4909): character { $d } is one too many
common-track-why-after-es = { $a } characters after the end sentinel (at most one LRC character)
common-track-why-ss-inside = start sentinel inside the data
common-track-why-other = the data does not follow the track's layout
common-track-field-pan = PAN
common-track-field-name = name
common-track-field-expiry = expiry YYMM
common-track-field-service-code = service code
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

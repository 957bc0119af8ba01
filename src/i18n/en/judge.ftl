### judge: the detail of each attempt row, as the judges write it (checklist::judge). The English
### text is the `detail` column of attempts.csv, which the diagnosis reads back: the swipe's
### `t1 ok; t2 blank` parts must keep their shape. Ids start with `judge-`. See docs/i18n.md.

## Parts joined into one detail.

# Between two parts of a detail.
judge-part-separator = {"; "}

## Swipe (checklist::judge::swipe).

# $track (number) 1–3; $status: the track's status (common-track-status).
judge-swipe-track = t{ $track } { $status }
# Track 1 and track 2 carry the same PAN and expiry.
judge-swipe-tracks-agree = t1=t2
judge-swipe-tracks-disagree = track 1 and track 2 disagree
# $status: the reader's status byte(s), verbatim.
judge-swipe-reader = reader { $status }
# $part: one more fault found on the same swipe.
judge-swipe-also = also on this swipe: { $part }
judge-swipe-luhn-ok = Luhn ok
judge-swipe-luhn-failed = Luhn FAILED
# $expiry: YYMM, verbatim.
judge-swipe-expired = expired { $expiry }
judge-swipe-expiry = exp { $expiry }
# $code: the 3-digit service code, verbatim.
judge-swipe-service-code = sc { $code }
judge-swipe-chip-card = chip card, should be inserted
judge-swipe-bin-unknown = BIN unknown
# The per-track tally after a card's last swipe. $swipes (number); $tracks: judge-tally-track parts joined by ", ".
judge-tally = after { $swipes } swipes: { $tracks }
# $track (number); $ok (number) swipes that read the track; $swipes (number).
judge-tally-track = t{ $track } { $ok }/{ $swipes } ok
# The same with the faults of the other swipes. $faults: judge-tally-fault parts joined by ", ".
judge-tally-track-faults = t{ $track } { $ok }/{ $swipes } ok ({ $faults })
# $count (number) swipes with the fault $code (common-track-status).
judge-tally-fault = { $count } { $code }
# Between two entries of a list (tally).
judge-list-separator = {", "}

## Card identity and dates (checklist::judge::identity).

# $got: the bank or scheme the card read belongs to; $want: the deck's.
judge-wrong-card = { $got } card, the deck says { $want }
# $date: YYMM or YYMMDD, verbatim; $month: its month digits.
judge-date-no-month = expiry { $date } has no month { $month }
# $day: its day digits.
judge-date-no-day = expiry { $date } has no day { $day }

## Chip (checklist::judge::chip).

# $bytes (number): ATR length; $protocol: 0 or 1 (T=0 / T=1).
judge-chip-atr = ATR { $bytes } bytes, T={ $protocol }
judge-chip-mute = no ATR after cold and warm reset
# $code: the reader's code, verbatim.
judge-chip-no-card = no card at the IC position ({ $code })
# $why: what went wrong; $trail: the status words of the flow (SELECT PSE=9000;…), verbatim.
judge-chip-with-trail = { $why }; { $trail }
judge-chip-card-blocked = card blocked (6A81 on SELECT PSE)
judge-chip-app-blocked = application blocked (6283)
judge-chip-no-application = no application of the terminal AID list on the card (6A82)
judge-chip-stopped = the card stopped answering
# $outcome: the flow's outcome code (gpo_refused…), verbatim.
judge-chip-none-selected = no application selected ({ $outcome })
# $label: the application label read from the card (tag 50), verbatim.
judge-chip-selected-pse = application { $label } selected via PSE
judge-chip-selected-aid-list = application { $label } selected via the AID list
# $oda: ODA result (judge-oda-*); $tvr, $tsi, $cvm: hex, verbatim ("-" when absent).
judge-chip-facts = ODA { $oda }; TVR { $tvr } TSI { $tsi } CVM { $cvm }
# $atc: hex; $facts: judge-chip-facts.
judge-chip-arqc = ARQC, ATC { $atc }; { $facts }
# $kind: AAC or TC; $meaning: what it means (judge-cryptogram-*).
judge-chip-cryptogram-other = the card answered { $kind } ({ $meaning }); { $facts }
# $atc: hex; $facts: judge-chip-facts. The card asked to go online, but its application
# version (9F08) is not the terminal's (9F09): TVR byte 2 b8.
judge-chip-arqc-versions-differ = ARQC, ATC { $atc }, but the card's application version differs from the terminal's (TVR byte 2 b8); { $facts }
# $atc: hex; $facts: judge-chip-facts. TVR byte 4 40/20: over the card's consecutive offline
# limits (9F14/9F23), so it had to go online — which it did (not a fault).
judge-chip-arqc-velocity = ARQC, ATC { $atc }: the card is over its consecutive offline limits (TVR byte 4) and went online as it must; { $facts }
# $cvm: CVM Results 9F34, hex. The deck's test PIN went to the card in VERIFY (never shown).
judge-chip-verify-ok = offline PIN verified (VERIFY 9000); CVM { $cvm }
judge-chip-verify-blocked = the card's offline PIN is blocked: PIN try counter 0 (TVR byte 3 b6); CVM { $cvm }
# $tries (number): PIN tries the card has left.
judge-chip-verify-wrong = the card refused the deck's PIN ({ $tries } tries left): the deck's PIN is not the card's; CVM { $cvm }
# $sw: the status word, hex, verbatim.
judge-chip-verify-refused = VERIFY refused ({ $sw }); CVM { $cvm }
judge-chip-stopped-genac = the card stopped answering at GENERATE AC; { $facts }
judge-chip-stopped-internal-auth = the card stopped answering at INTERNAL AUTHENTICATE; { $facts }
judge-chip-no-cryptogram = GENERATE AC gave no cryptogram; { $facts }
# $aip, $afl: hex; $records (number): records read.
judge-chip-records = GPO AIP { $aip } AFL { $afl }; { $records } record(s) read
judge-chip-gpo-refused = GPO refused
judge-chip-track2-same = chip track-2 equivalent (57) equals the stripe's track 2
judge-chip-track2-differs = chip track-2 equivalent (57) differs from the stripe's track 2
# $expiry: YYMMDD, verbatim.
judge-chip-expired = application expired (5F24 { $expiry })
# $why: judge-date-*.
judge-chip-bad-date = 5F24: { $why }
# $expiry: YYMMDD; $code: the service code.
judge-chip-expiry = 5F24 { $expiry }; sc { $code }
# Offline data authentication. $method: SDA or DDA.
judge-oda-not-performed = not performed
judge-oda-ok = { $method } ok
# $why: why it failed (device text).
judge-oda-failed = { $method } failed: { $why }
# The cryptogram kinds of GENERATE AC (EMV Book 3 §6.5.5).
judge-cryptogram-meaning =
    { $kind ->
        [AAC] transaction declined
        [TC] transaction approved offline
        [ARQC] online authorisation requested
       *[other] reserved for future use
    }

## Network (checklist::judge::network).

judge-net-no-host = no host configured (--host)
judge-net-nothing-to-authorise = no card number read by the swipe or chip step: nothing to authorise
# $why: judge-wrong-card.
judge-net-wrong-card = { $why }: no authorisation sent
# $addr: HOST:PORT.
judge-net-connected = connected to { $addr }
# $why: why the connection failed (system text); $addr: HOST:PORT.
judge-net-connect-failed = { $why } ({ $addr })
judge-net-echo-ok = 0800/0810 echo (301) answered
judge-net-echo-rc = 0800/0810 echo answered with a non-zero RC
judge-net-echo-no-reply = no 0810
# $mti: 0200/0210; $stan: verbatim; $entry: swipe, chip or fallback (judge-net-entry); $de22: POS entry mode code; $code: RC; $meaning: the RC's meaning.
judge-net-auth = { $mti } STAN { $stan } entry { $entry } { $de22 }: RC { $code } { $meaning }
judge-net-entry =
    { $entry ->
        [swipe] swipe
        [chip] chip
       *[fallback] fallback
    }
# $why: what went wrong (client text).
judge-net-auth-failed = { $mti } STAN { $stan }: { $why }
# $reason: DE39 of the 0400 (06); $code: RC of the 0410. The host approved, the card then
# declined at GENERATE AC 2 (AAC), so the bench reversed the approval.
judge-net-reversal-card-declined = 0400 reason { $reason } sent: the card declined at GENERATE AC 2 what the host approved; 0410 RC { $code }
# $reason: the reversal reason code (DE39 of the 0400), verbatim; $code: the 0410's RC.
judge-net-reversal-ok = 0400 reason { $reason } sent after the failed 0200, 0410 RC { $code }
judge-net-reversal-unanswered = 0400 reason { $reason } sent, no 0410
judge-net-reversal-not-sent = 0400 reason { $reason } could not be sent

## The recorder (checklist::record) and the engine.

# $expected: the deck's expectation (expired, rc:51…), verbatim; $detail: the judge's detail.
judge-expected-failure-met = expected failure ({ $expected }) met; { $detail }

## Why ODA failed (device::emv::oda::OdaFault, crypto::emv_cert::CertFault). The English CSV
## detail keeps the device's own words; these are the same in every language.

# $rid: the RID, hex; $index: the CA key index (8F), hex.
judge-oda-why-no-ca-key = no CA public key { $rid }/{ $index } in the terminal
# $tag: the EMV tag, hex.
judge-oda-why-missing = tag { $tag } missing
judge-oda-why-static-data = an ODA record is not a 70 template
# $why: judge-cert-why-*.
judge-oda-why-issuer-cert = issuer certificate: { $why }
judge-oda-why-issuer-id = issuer certificate is for another issuer
# $expiry: MMYY.
judge-oda-why-issuer-expired = issuer certificate expired ({ $expiry })
judge-oda-why-icc-cert = ICC certificate: { $why }
judge-oda-why-icc-pan = ICC certificate is for another PAN
judge-oda-why-icc-expired = ICC certificate expired ({ $expiry })
judge-oda-why-ssad = signed static data: { $why }
judge-oda-why-sdad = signed dynamic data: { $why }
judge-oda-why-no-sdad = no signed dynamic data
# CDA (EMV Book 2 §6.6.2): the signed GENERATE AC response.
judge-oda-why-cda-layout = ICC dynamic data is not laid out for CDA
# $signed, $returned: CIDs (9F27), hex.
judge-oda-why-cda-cid = signed CID { $signed }, returned { $returned }
judge-oda-why-cda-hash = transaction data hash does not match
# $got, $want (numbers): bytes.
judge-cert-why-length = { $got } bytes, the key needs { $want }
judge-cert-why-rsa = not recoverable with this key
judge-cert-why-framing = recovered data is not framed 6A…BC
# $got, $want: format bytes, hex.
judge-cert-why-format = format { $got }, expected { $want }
# $value: the algorithm indicator, hex.
judge-cert-why-algorithm = algorithm indicator { $value }, expected 01
judge-cert-why-hash = hash does not match
judge-cert-why-key-layout = key lengths do not fit the certificate

## A whole POS terminal (checklist::judge::pos): the sale, sign-on, downloads, version, STAN,
## reversal, settlement and batch-upload rows. The English is the CSV's `detail`.

judge-pos-shown-read-error = the terminal showed a read error
judge-pos-shown-key-error = the terminal showed a key error
judge-pos-shown-nothing = nothing arrived from the terminal
judge-pos-shown-other = nothing arrived; the terminal showed something else
judge-pos-not-signed-on = not signed on
judge-pos-mac-wrong = MAC wrong
# $algorithm: the MAC algorithm the terminal used.
judge-pos-mac-algorithm = MAC computed with { $algorithm }
judge-pos-mac-missing = no MAC
judge-pos-fallback = chip card sent as fallback
# $mode: swipe, chip, fallback, contactless, manual or the DE22 code.
judge-pos-entry-mode = entry mode { $mode ->
        [swipe] swipe
        [chip] chip
        [fallback] fallback
        [contactless] contactless
        [manual] manual
       *[other] { $mode }
    }
judge-pos-no-de22 = no DE22
# $problem: what is wrong with DE35 (the host's words).
judge-pos-track2 = DE35: { $problem }
judge-pos-pin-wrong = PIN digits differ from the deck's
judge-pos-pin-block-bad = PIN block malformed
judge-pos-no-de55 = no DE55
# $tags: the missing tags, "9F26 9F27".
judge-pos-de55-lacks = DE55 lacks { $tags }
# $got, $want: application versions (9F09), hex.
judge-pos-kernel-version = 9F09 { $got }, the parameters say { $want }
judge-pos-tvr-oda = TVR { $tvr }: offline data authentication failed
judge-pos-tvr-version = TVR: application versions differ
# $code: the DE39 reversal reason.
judge-pos-reversed = reversed with DE39 { $code }
judge-pos-withheld = no reply (withheld by the bench)
judge-pos-host-rc = host answered RC { $rc }
# The sale: $mti; $entry (as judge-pos-entry-mode); $stan; $answer ("RC 00" or judge-pos-withheld);
# $mac "ok" or "none"; $pin "correct" or "none"; $arqc ", ARQC …" or empty.
judge-pos-sale = { $mti } { $entry } STAN { $stan } { $answer }{ $mac ->
        [ok] ; MAC ok
       *[none] {""}
    }{ $pin ->
        [correct] , PIN correct
       *[none] {""}
    }{ $arqc }
# $why: judge-pos-shown-*.
judge-pos-no-sign-on = no sign-on: { $why }
# $count (number) sign-ons; $kcv: the master key's check value.
judge-pos-keys-refused = { $count } sign-ons: the terminal refused the keys (check values); master KCV { $kcv }
judge-pos-sign-on-rc = sign-on answered RC { $rc }
# $layout: the key layout code; $kcv: "PIK KCV …, MAK KCV …"; $batch: the batch number.
judge-pos-sign-on-ok = sign-on { $layout }, { $kcv }, batch { $batch }
# $count (number): download entries served.
judge-pos-downloads-ok = public keys and IC parameters downloaded ({ $count } entries)
# $asked: keys, params or both; $missing: keys or params.
judge-pos-downloads-ignored = the host asked for { $asked ->
        [keys] public keys
        [both] public keys and IC parameters
       *[params] IC parameters
    } and the terminal did not complete { $missing ->
        [keys] the public-key download
       *[params] the IC parameters
    }
judge-pos-version-old = header software version { $version } is older than { $min }
judge-pos-version = header software version { $version }
judge-pos-stans-ok = { $count } STANs, none reused
judge-pos-stan-reused = STAN reused: { $stans } (the host would answer 94)
judge-pos-reversal-ok = STAN { $stan } unanswered: reversed with DE39 98
judge-pos-reversal-wrong = STAN { $stan } unanswered: reversed with DE39 { $code } (98 expected)
judge-pos-no-reversal = STAN { $stan } unanswered and never reversed
judge-pos-no-settlement = no settlement: { $why }
# $totals, $terminal, $host: settlement totals as the host writes them.
judge-pos-balanced = balanced: { $totals }
judge-pos-unbalanced = terminal { $terminal }, host { $host } (RC 95)
judge-pos-totals-unreadable = totals unreadable
# $records: "uploaded/journal", e.g. 3/3.
judge-pos-upload = { $records } records match the host's journal
# The host's ARQC check: $check valid, invalid, no-key, none or other; $text: the host's words
# (what English shows).
judge-pos-arqc = { $check ->
       *[other] { $text }
    }
# Settlement totals: $debit, $credit "count/amount" (2/0.02).
judge-pos-totals = debit { $debit }, credit { $credit }

judge-online-facts = ARC { $arc }, issuer authentication { $auth }, GENERATE AC 2 { $cid2 }, scripts { $sent }/{ $received }; TVR { $tvr }, TSI { $tsi }
judge-online-auth-ok = ok
judge-online-auth-failed = failed
judge-online-auth-none = not performed
judge-online-not-sent = not sent
judge-online-none = the host's answer never reached the card
judge-online-ok = online completion: { $facts }
judge-online-issuer-auth-failed = the card refused the issuer's ARPC (issuer authentication failed); { $facts }
judge-online-script-failed = the card refused an issuer script command; { $facts }
judge-online-no-cryptogram = GENERATE AC 2 gave no cryptogram; { $facts }
judge-online-declined-after-approval = the card declined (AAC) a transaction the host approved; { $facts }
judge-online-stopped = the card stopped answering during the online completion; { $facts }
judge-chip-aid-mismatch = wrong application: { $why }
# The `device` row of a reader that stopped answering; $reason: the device's error.
judge-device-no-reply = the reader does not answer: { $reason }

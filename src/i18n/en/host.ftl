### host: `host` and the host client: the acquirer host simulator, sign-on, reversals.
### Ids start with `host-`. See docs/i18n.md.

## One-line summaries of ISO 8583 messages in the timeline and `host` output (host::wire::summary_in).

host-summary-echo = echo
host-summary-sign-on = sign-on
host-summary-sign-off = sign-off
host-summary-network-management = network management
host-summary-reversal = reversal
host-summary-authorisation = authorisation
host-summary-purchase = purchase
host-summary-balance-inquiry = balance inquiry
host-summary-void-refund = void/refund
host-summary-financial = financial
# $stan: field 11, verbatim.
host-summary-stan = STAN { $stan }
# $pan: the masked PAN (622424******0113).
host-summary-pan = PAN { $pan }
# $amount: field 4 in currency units (1.00).
host-summary-amount = amount { $amount }
# $mode: field 22, the POS entry mode code (051).
host-summary-entry = entry { $mode }
# $rc: field 39; $meaning: its meaning (codes-rc-*).
host-summary-rc = RC { $rc } ({ $meaning })

## Frame layers of the host link (host::wire::record).

# $framing: TPDU/LEN2/…; $len: the declared length.
host-layer-frame = { $framing } frame len={ $len }
# $tpdu, $header: hex; $version, $requirement: the header's software version and processing requirement.
host-layer-tpdu = TPDU { $tpdu } header { $header } (version { $version }, requirement { $requirement })
# $error: why the message does not decode.
host-layer-undecodable = undecodable: { $error }
# $problems: what is wrong with the frame.
host-layer-bad-frame = bad frame: { $problems }

## The host's log lines (`cardbench host`, host::acquirer and host::server_net). The English
## wording is what tests and scripts read: keep it exactly.

# Startup. $addr: IP:port; $framing, $packing, $keys, $mac: codes (cups, ascii, builtin:test, pos-ecb);
# $rules, $connections, $per_peer: numbers; $kcv: hex; $idle: seconds.
host-line-listening = host listening on { $addr } (framing { $framing }, packing { $packing }, { $rules } { $rules ->
        [one] rule
       *[other] rules
    }, keys { $keys }, master KCV { $kcv }, MAC { $mac }; up to { $connections } connections, { $per_peer } per peer, idle timeout { $idle } s); MACs are checked once a terminal has signed on
# $bank: the issuing bank of the request's PAN (code in English, name in Chinese).
host-line-bank = bank { $bank }
# $version: the CUPS header's software version (31/311003).
host-line-version = sw { $version }
host-line-not-request = not a request: ignored
host-line-no-reply = (no reply)
host-line-closed = (connection closed)
host-line-malformed-reply = malformed reply
# $requirement: the processing requirement asked of the terminal (a digit).
host-line-requirement = requirement { $requirement }
host-line-state-unavailable = host state unavailable
# $error: why the reply does not encode.
host-line-cannot-encode = cannot encode the reply: { $error }
# $bytes: the body's length; $why: the decoder's error.
host-line-malformed-request = malformed request ({ $bytes } { $bytes ->
        [one] byte
       *[other] bytes
    }): { $why }; no reply
# $packing: cups or ascii.
host-line-not-packing = (the body does not look like { $packing } packing)
# $line: the exchange's line; $error: the socket error.
host-line-write-failed = { $line } (write failed: { $error })
host-line-not-reading = { $line } (the terminal does not read its reply: closing)
# $error: the socket error.
host-line-cannot-serve = cannot serve: { $error }
host-line-accept-failed = accept failed: { $error }
# $peer: IP:port; $all, $per_peer: the limits.
host-line-refused = { $peer } refused: every connection slot is busy with a frame (limits { $all } in all, { $per_peer } per peer)
# $who, $peer: IP:port.
host-line-evicted = idle connection from { $who } closed to make room for { $peer }
# $bytes: bytes received; $why: what is wrong with them.
host-line-closed-mid-frame = { $peer } closed mid-frame ({ $bytes } { $bytes ->
        [one] byte
       *[other] bytes
    }): { $why }
host-line-unusable-frame = { $peer } unusable frame ({ $bytes } { $bytes ->
        [one] byte
       *[other] bytes
    }): { $why }; closing
# $secs: seconds.
host-line-idle = { $peer } idle for { $secs } s: closing
host-line-slow = { $peer } frame not complete after { $secs } s ({ $bytes } { $bytes ->
        [one] byte
       *[other] bytes
    }): closing a slow sender
host-line-read-error = { $peer } read error: { $error }

## Which rule decided (the `[…]` at the end of a line); a rules file's own names are shown as written.

host-rule-default = default
host-rule-withheld = bench: no reply, to see the reversal
host-rule-no-sm4-key = no SM4 master key for this terminal
host-rule-mac-check = MAC check
host-rule-pin-check = PIN check
host-rule-arqc-check = ARQC check
host-rule-totals-unreadable = settlement totals unreadable
host-rule-totals-differ = settlement totals differ

## Request kinds (host::acquirer::MessageKind), in the log and the exchange facts.

host-kind-sign-on = sign-on
host-kind-sign-off = sign-off
host-kind-echo = echo
host-kind-status-upload = status upload
host-kind-key-query = public-key query
host-kind-key-download = public-key download
host-kind-key-end = public-key download end
host-kind-param-query = IC parameter query
host-kind-param-download = IC parameter download
host-kind-param-end = IC parameter download end
host-kind-authorisation = authorisation
host-kind-purchase = purchase
host-kind-refund = refund
host-kind-financial = financial
host-kind-reversal = reversal
host-kind-script-notice = script notice
host-kind-settlement = settlement
host-kind-batch-upload = batch upload
host-kind-batch-upload-end = batch upload end
host-kind-other = other

## The handlers' notes, in ( ) after the reply's summary.

host-note-no-mac = no MAC
host-note-mac-ok = MAC ok
# $algorithm: the MAC algorithm the request used (pos-ecb, x9.19).
host-note-mac-other = MAC is { $algorithm }
host-note-mac-wrong = MAC wrong
host-note-not-signed-on = not signed on
host-note-no-pin = no PIN
host-note-pin-correct = PIN correct
host-note-pin-wrong = PIN wrong
host-note-pin-malformed = PIN block malformed
host-note-pin-not-in-deck = PIN not in deck
host-note-no-pin-key = no PIN key
host-note-arqc-ok = ARQC ok
host-note-arqc-wrong = ARQC wrong
host-note-no-issuer-key = no issuer key
host-note-no-arqc = no ARQC
# $stan: field 11, verbatim.
host-note-reverses = reverses STAN { $stan }
host-note-no-original = no original with STAN { $stan }
# A 0400 whose DE90 names its original: $mti, $stan of the original.
host-note-reverses-de90 = reverses { $mti } STAN { $stan } (named by DE90)
host-note-no-original-de90 = no original { $mti } with STAN { $stan } (named by DE90)
# $original: field 61 (batch, STAN, date) or ?; $maced: yes or no.
host-note-script-result =
    script result for { $original }{ $maced ->
        [yes] , MACed
       *[no] {""}
    }
# $debit_count, $credit_count: numbers; $debit_amount, $credit_amount: 0.05.
host-note-totals = debit { $debit_count }/{ $debit_amount }, credit { $credit_count }/{ $credit_amount }
host-note-totals-unreadable = DE48 is not 62 digits of totals
# $host: the host's totals (host-note-totals).
host-note-balanced = balanced: { $host }
# $terminal, $host: totals (host-note-totals).
host-note-unbalanced = unbalanced: terminal { $terminal }, host { $host }
# $matched, $records: numbers.
host-note-upload = { $matched }/{ $records } { $records ->
        [one] record
       *[other] records
    } match the journal
# $said: the count the terminal gives; $received, $matched: counts at the host.
host-note-upload-end = upload end: terminal says { $said }, host received { $received } ({ $matched } matched)
# $name: RID/index (A000000333/F1).
host-note-key = key { $name }
host-note-key-not-found = key not found
# $aid: the AID, partly masked.
host-note-aid = AID { $aid }
host-note-aid-not-found = AID not found
# $count: number downloaded.
host-note-keys-downloaded = { $count } { $count ->
        [one] key
       *[other] keys
    } downloaded
host-note-aids-downloaded = { $count } { $count ->
        [one] AID
       *[other] AIDs
    } downloaded
host-note-nothing-to-download = nothing to download
# $from, $to, $of: entry numbers; $more: yes when more pages follow.
host-note-entries =
    entries { $from }-{ $to } of { $of }{ $more ->
        [yes] , more follow
       *[no] {""}
    }

## `host --listen serial:PATH`: the host for one POS on its serial line (commands::host,
## host::pos8583): the first line and the judgement printed when the POS has been quiet.

# $path: the serial port; $baud (number); $framing, $packing: the codes given (cups, len2…).
host-pos-serial-playing = pos8583: playing host on { $path } at { $baud } baud (framing { $framing }, packing { $packing }); MACs are checked once the POS has signed on
# The names of the checks in the judgement's second column (PosFinding::check).
host-pos-check-framing = framing
host-pos-check-software-version = software version
host-pos-check-stan = STAN
host-pos-check-reversal = reversal on timeout
host-pos-check-transaction = transaction
# $count (number): frames not understood; $error: the first one's diagnosis, as the host logged it.
host-pos-framing-bad = { $count } { $count ->
        [one] frame
       *[other] frames
    } not understood: { $error }
host-pos-framing-none = no message arrived from the POS
# $count (number): messages; $framing: the framing code.
host-pos-framing-ok = { $count } { $count ->
        [one] message
       *[other] messages
    }, framing { $framing } OK
# $version, $min: header software versions (31/311003).
host-pos-version-old = header software version { $version } is older than { $min }: update the POS application
host-pos-version = header software version { $version }
# $stans: the reused STANs, comma-separated.
host-pos-stan-reused = STAN reused: { $stans } (the host would answer 94 duplicate)
host-pos-stan-step = STAN increments by 1
host-pos-stan-gaps = STAN unique but not consecutive
# $mti: the unanswered request's MTI; $stan; $reason: DE39 of the reversal.
host-pos-reversed = { $mti } STAN { $stan } unanswered: reversed with DE39 { $reason }
host-pos-reason-none = (none)
host-pos-not-reversed = { $mti } STAN { $stan } unanswered and never reversed
# A sale or authorisation: $entry: swipe, chip, fallback, contactless, manual or the DE22
# digits; $pan: masked; $bank: the issuer (code in English, name in Chinese).
host-pos-transaction = STAN { $stan } { $entry } { $pan } bank { $bank }
host-pos-bank-unknown = unknown
# $rc: the response code the host sent.
host-pos-answered = answered { $rc }
## Notes the host client writes into the timeline.
host-note-skipped = skipped { $got } while waiting for { $mti } STAN { $stan }
host-note-pending = timeout with { $count } { $count ->
        [one] byte
       *[other] bytes
    } pending: { $what }
host-note-reversal = reversal: sending 0400 STAN { $stan } reason { $reason }
host-note-reversal-not-sent = reversal not sent: reconnect failed: { $why }
# Bytes a POS sent that never made a frame; $count (number) bytes, $what the framing findings.
host-pos-never-framed = { $count } bytes never made a frame: { $what }

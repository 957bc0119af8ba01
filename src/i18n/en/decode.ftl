### decode: `decode`: explanations of tracks, ATR, APDU, TLV/EMV tags and ISO 8583 fields.
### Ids start with `decode-`. See docs/i18n.md.

## decode track (explain::track). The labels are padded to one column.

# $track (number) 1–3; $status: the track's status (common-track-status).
decode-track-title = Track { $track }: { $status }
# A track-2 equivalent (chip tag 57 or a pasted one): 'D' separates PAN and expiry.
decode-track-title-equivalent = Track { $track } (equivalent data, 'D' separator): { $status }
# After the title. $chars (number): characters decoded; $direction: decode-track-direction.
decode-track-chars = ({ $chars } { $chars ->
        [one] character
       *[other] characters
    })
decode-track-chars-direction = ({ $chars } { $chars ->
        [one] character
       *[other] characters
    }, { $direction } swipe)
decode-track-only-direction = ({ $direction } swipe)
# Which way a raw bit stream was read.
decode-track-direction =
    { $direction ->
        [forward] forward
       *[reverse] reverse
    }
decode-track-label-pan = PAN
decode-track-label-name = name
decode-track-label-expiry = expiry
decode-track-label-service-code = service code
# $pan: masked (first 6, last 4).
decode-track-pan-luhn-ok = { $pan } (Luhn OK)
decode-track-pan-luhn-failed = { $pan } (Luhn FAILED)
# $expiry: YYMM as read; $yy, $mm: its year and month digits.
decode-track-expiry = { $expiry } (YYMM: 20{ $yy }-{ $mm })
# A field the track should carry but does not.
decode-track-absent = absent
# $chars (number): characters after the service code (tracks 1, 2) or the PAN (track 3), never shown.
decode-track-discretionary = discretionary data: { $chars } { $chars ->
        [one] character
       *[other] characters
    } (not shown)
decode-track-after-pan = after the PAN: { $chars } { $chars ->
        [one] character
       *[other] characters
    } (not shown)

## Service-code digits (ISO/IEC 7813 §10): one message per digit position, $digit the digit.

decode-sc-interchange =
    { $digit ->
        [1] international interchange OK
        [2] international interchange, use IC (chip) where feasible
        [5] national interchange only, except under bilateral agreement
        [6] national interchange only, use IC (chip) where feasible
        [7] no interchange except under bilateral agreement (closed loop)
        [9] test card
       *[other] unknown interchange/technology value (not in ISO/IEC 7813)
    }
decode-sc-authorisation =
    { $digit ->
        [0] normal authorisation
        [2] contact issuer via online means
        [4] contact issuer via online means except under bilateral agreement
       *[other] unknown authorisation-processing value (not in ISO/IEC 7813)
    }
decode-sc-services =
    { $digit ->
        [0] no restrictions, PIN required
        [1] no restrictions
        [2] goods and services only (no cash)
        [3] ATM only, PIN required
        [4] cash only
        [5] goods and services only (no cash), PIN required
        [6] no restrictions, use PIN where feasible
        [7] goods and services only (no cash), use PIN where feasible
       *[other] unknown allowed-services value (not in ISO/IEC 7813)
    }
decode-sc-not-digit = not a digit

## decode atr (explain::atr, codec::atr). Byte names (TA1, TD2), parameter names (FI, DI, WI,
## IFSC, BWI, CWI, EDC, etu) and codes stay as they are in every language.

# $hex: the ATR, spaced hex; $count (number): its length.
decode-atr-title = ATR { $hex } ({ $count ->
        [one] 1 byte
       *[other] { $count } bytes
    })
# $convention: "direct" or "inverse".
decode-atr-ts = { $convention ->
        [direct] direct
       *[inverse] inverse
    } convention
# $bytes: the interface bytes that follow, "TB1, TC1"; $count (number): how many.
decode-atr-follow = { $bytes } { $count ->
        [one] follows
       *[other] follow
    }
decode-atr-follow-none = no interface bytes follow
# $follow: decode-atr-follow; $k (number): historical bytes.
decode-atr-t0 = { $follow }; K={ $k } historical { $k ->
        [one] byte
       *[other] bytes
    }
# $t (number): the protocol TDi offers; $follow: decode-atr-follow.
decode-atr-td = { $t ->
        [15] T=15: global interface bytes follow
       *[other] protocol T={ $t }
    }; { $follow }
decode-atr-tb1-none = no programming voltage (VPP not connected)
decode-atr-tb1 = programming voltage PI1={ $pi1 } II={ $ii } (deprecated)
decode-atr-tc1-minimum = extra guard time N=255: minimum guard time (12 etu T=0, 11 etu T=1)
decode-atr-tc1 = extra guard time N={ $n } etu
# $t (number): the protocol; $fixed, $implicit: "yes" or "no".
decode-atr-ta2 = specific mode, protocol T={ $t }{ $fixed ->
        [yes] , cannot change mode
       *[no] , mode can change
    }{ $implicit ->
        [yes] , implicit parameters (not from TA1)
       *[no] , parameters from the interface bytes
    }
decode-atr-tb2 = programming voltage PI2={ $value } (deprecated)
decode-atr-tc2-wi = T=0 work waiting integer WI={ $wi } (WT = 960 x WI x D etu)
# $value: the byte, hex.
decode-atr-tc2-other = TC2={ $value } (meaningful for T=0 only)
decode-atr-ifsc = T=1 IFSC={ $value } { $value ->
        [one] byte
       *[other] bytes
    }
# $edc: LRC or CRC.
decode-atr-edc = T=1 error detection code: { $edc }
decode-atr-clock-stop = clock stop indicator X={ $x }, class indicator Y={ $y }
decode-atr-spu = standard or proprietary use of contact C6 (SPU) { $value }
# $t: the protocol, or "?".
decode-atr-specific = specific to T={ $t }
decode-atr-historical-none = historical bytes: none
# $count (number); $hex: spaced hex; $ascii: the bytes as ASCII (dots for the rest).
decode-atr-historical = historical bytes ({ $count }): { $hex }  "{ $ascii }"
# $cat: the category byte, hex; $meaning: decode-atr-category-*.
decode-atr-category = category { $cat }: { $meaning }
decode-atr-category-compact = COMPACT-TLV objects followed by a 3-byte status indicator
decode-atr-category-dir = DIR data reference follows
decode-atr-category-compact-status = COMPACT-TLV objects (status indicator, if any, as an object)
decode-atr-category-rfu = RFU (ISO 7816-4)
decode-atr-category-proprietary = proprietary historical bytes
decode-atr-compact-1 = country code
decode-atr-compact-2 = issuer identification number
decode-atr-compact-3 = card service data
decode-atr-compact-4 = initial access data
decode-atr-compact-5 = card issuer's data
decode-atr-compact-6 = pre-issuing data
decode-atr-compact-7 = card capabilities
decode-atr-compact-8 = status indicator
decode-atr-compact-15 = application identifier
decode-atr-compact-unknown = unknown COMPACT-TLV tag
decode-atr-empty = (empty)
decode-atr-status = status indicator: { $hex }
# $note: decode-atr-note-*.
decode-atr-note = note: { $note }
# $tag: the object's first byte, hex; $at (number): its place in the historical bytes;
# $announced (number) bytes it announces; $left (number) bytes there are.
decode-atr-note-compact-short = COMPACT-TLV object { $tag } at historical byte { $at } announces { $announced } { $announced ->
        [one] byte
       *[other] bytes
    }, { $left } left
decode-atr-note-category-00 = category 00 needs a 3-byte status indicator at the end
decode-atr-note-category-10 = category 10 should be followed by one DIR data reference byte
# $value: the TCK, hex.
decode-atr-tck-byte = check byte (XOR of T0..TCK must be 00)
decode-atr-tck-byte-missing = missing (required: a protocol other than T=0 is offered)
decode-atr-tck-byte-absent = absent (not required: only T=0 offered)
decode-atr-extra = extra bytes after the ATR: { $hex }
# $list: "T=0, T=1".
decode-atr-protocols = Protocols offered: { $list }
# $f, $d: "F=372", "D=1"; $default: "yes" when TA1 is absent; $t1: the T=1 parameters or empty.
decode-atr-parameters = Parameters: FI={ $fi } DI={ $di } ({ $f }, { $d }{ $default ->
        [yes] , default
       *[no] {""}
    }), guard time N={ $n }, WI={ $wi }{ $t1 }
decode-atr-tck-ok = TCK OK
# $expected, $got: bytes, hex.
decode-atr-tck-wrong = TCK wrong: expected { $expected }, got { $got }
decode-atr-tck-missing = TCK missing: expected { $expected }
decode-atr-tck-not-required = TCK not required (T=0 only)
decode-atr-emv-ok = EMV: no ATR rule broken
# $count (number): rules broken.
decode-atr-emv-broken = EMV: { $count } { $count ->
        [one] rule
       *[other] rules
    } broken
# The rules (EMV Book 1 §8.3, ISO/IEC 7816-3). $value, $name: the byte's value (hex) and name.
decode-atr-rule-ta1 = EMV rule TA1 in 11..13 (F=372, D=1/2/4): TA1 is { $value } ({ $f }, { $d })
decode-atr-rule-tc1 = EMV rule TC1 = 00 or FF (extra guard time): TC1 is { $value }
decode-atr-rule-td1 = EMV rule TD1 offers T=0 or T=1: TD1 offers T={ $t }
decode-atr-rule-ta2-mode = EMV rule TA2 specific mode with parameters from TA1 (b5 = 0): TA2 is { $value }
decode-atr-rule-ta2-protocol = EMV rule TA2 names the first offered protocol T={ $first }: TA2 names T={ $t }
decode-atr-rule-tc2 = EMV rule TC2 (T=0 WI) = 0A: TC2 is { $value }
decode-atr-rule-ifsc = EMV rule T=1 IFSC (TA3) in 10..FE: { $name } is { $value }
decode-atr-rule-cwi = EMV rule T=1 CWI <= 5: { $name } is { $value } (CWI { $cwi })
decode-atr-rule-bwi = EMV rule T=1 BWI <= 4: { $name } is { $value } (BWI { $bwi })
decode-atr-rule-tc3 = EMV rule T=1 TC3 = 00 (LRC error detection): { $name } is { $value }
decode-atr-rule-tck-missing = ISO 7816-3 TCK present when T other than 0 is offered: TCK missing (expected { $expected })
decode-atr-rule-tck-wrong = ISO 7816-3 TCK check: expected { $expected }, got { $got }
decode-atr-rule-length = ISO 7816-3 ATR at most 33 bytes: this one has { $count }

## Shared by the decoders.

# A length in bytes. $n (number).
decode-bytes =
    { $n ->
        [one] { $n } byte
       *[other] { $n } bytes
    }
# Text the card or message holds, shown as it is. $text: the text.
decode-quoted = "{ $text }"
# After a hex value in which a Luhn-valid digit run was masked.
decode-pan-masked = (card number masked)
# A value the card-data policy hides. $n (number): its length in bytes.
decode-bytes-hidden = [{ $n } { $n ->
        [one] byte
       *[other] bytes
    } hidden]

## decode apdu (explain::apdu). CLA, INS, P1, P2, Lc, Le, SW are the field names (kept).

# $case: the ISO 7816-3 case (1–4); $bytes: the APDU in hex.
decode-apdu-command = Command APDU (case { $case }): { $bytes }
# $bytes: the header and Lc in hex, when the data is a PIN block.
decode-apdu-command-hidden = { $bytes } [data hidden]
decode-apdu-ins-unknown = unknown instruction
decode-apdu-label-data = data
# $n (number): bytes of a PIN block not shown.
decode-apdu-data-pin-hidden = [{ $n } { $n ->
        [one] byte
       *[other] bytes
    } hidden: PIN block]
# $name: the DF name as text (SELECT by name).
decode-apdu-df-name = DF name "{ $name }"
# After Le 256 or 65536.
decode-apdu-le-max = (00: as many as available)
# $n (number): bytes of response data.
decode-apdu-response = Response APDU: { $n } data { $n ->
        [one] byte
       *[other] bytes
    }
# $hex: the bytes of GET CHALLENGE's answer.
decode-apdu-challenge = { $hex } (challenge)
decode-apdu-data-tlv = data (BER-TLV):
# $meaning: the status word's meaning; $class: its class (codes-sw-class-*).
decode-apdu-sw = { $meaning } ({ $class })
# The class byte. $channel: the logical channel number; $sm: decode-apdu-sm-*.
decode-apdu-cla-invalid = invalid class (FF is reserved for PPS)
decode-apdu-cla-proprietary = proprietary class (EMV/PBOC payment commands)
# $chaining: yes or no.
decode-apdu-cla-interindustry =
    interindustry{ $chaining ->
        [yes] , command chaining
       *[no] { "" }
    }, { $sm }, logical channel { $channel }
# $sm: yes or no.
decode-apdu-cla-further =
    interindustry (further logical channels){ $sm ->
        [yes] , secure messaging
       *[no] { "" }
    }, logical channel { $channel }
decode-apdu-sm-none = no secure messaging
decode-apdu-sm-proprietary = proprietary secure messaging
decode-apdu-sm-plain-header = secure messaging, header not authenticated
decode-apdu-sm-authenticated-header = secure messaging, header authenticated
# SELECT's P1-P2: $how (decode-apdu-select-by-*); $which (decode-apdu-select-*-occurrence).
decode-apdu-select = { $how }; { $which }
decode-apdu-select-by-id = select MF/DF/EF by identifier
decode-apdu-select-by-name = select by DF name (AID)
decode-apdu-select-by-ef = select EF under current DF
decode-apdu-select-by-path = select by path from MF
decode-apdu-select-by-other = selection control (see ISO 7816-4)
decode-apdu-select-first-occurrence = first or only occurrence
decode-apdu-select-last-occurrence = last occurrence
decode-apdu-select-next-occurrence = next occurrence
decode-apdu-select-previous-occurrence = previous occurrence
# READ RECORD's P1-P2. $record, $sfi, $mode: numbers as shown.
decode-apdu-record-sfi = record { $record }, SFI { $sfi }
decode-apdu-record-mode = record { $record }, reference mode { $mode }, SFI { $sfi }
# GENERATE AC's P1. $kind: decode-apdu-gac-*; $cda: yes or no.
decode-apdu-gac =
    request { $kind }{ $cda ->
        [yes] , CDA signature requested
       *[no] { "" }
    }
decode-apdu-gac-aac = AAC (decline)
decode-apdu-gac-tc = TC (approve offline)
decode-apdu-gac-arqc = ARQC (go online)
decode-apdu-gac-rfu = RFU cryptogram type
# GET DATA's P1-P2. $tag: hex; $name: the tag's name.
decode-apdu-get-data = data object { $tag } ({ $name })
# VERIFY's P2.
decode-apdu-verify-plain = plaintext offline PIN
decode-apdu-verify-enciphered = enciphered offline PIN
# $ref: P2 in hex.
decode-apdu-verify-other = reference data { $ref }

## decode tlv (explain::tlv), also under APDU response data and DE55.

# $what: the decoder's warning (English: a message for developers, with its offset).
decode-tlv-warning = Warning: { $what }
# $what: the first malformed object (the decoder's message, with its offset).
decode-tlv-not-decoded = Not decoded: { $what } (the objects before it are shown)

## Explanation lines of EMV values (codec::emv::explain), under a tag in decode tlv / 8583.

# $what: the data element; $n, $got (numbers): the lengths.
decode-explain-length = ! { $what } should be { $n } { $n ->
        [one] byte
       *[other] bytes
    }, got { $got }
# $what: the data element; $min, $max, $got (numbers): the lengths the dictionary allows and the one found.
decode-explain-length-range = ! { $what } should be { $min } to { $max } bytes, got { $got }
decode-explain-length-max = ! { $what } should be at most { $max } bytes, got { $got }
# CID: $code (AAC, TC, ARQC, RFU) and its meaning.
decode-explain-cid = { $code }: { $meaning }
decode-explain-cid-advice = advice required
# $reason: codes-cid-reason-*.
decode-explain-cid-reason = reason: { $reason }
decode-explain-cvm-length = ! CVM results should be 3 bytes, got { $got }
# An AFL entry. $sfi, $first, $last, $oda: numbers as shown.
decode-explain-afl-record = record { $first }
decode-explain-afl-records = records { $first }-{ $last }
# $records: decode-explain-afl-record(s).
decode-explain-afl = SFI { $sfi } { $records } ({ $oda } for offline data authentication)
# Tag 80 (response template format 1) and 86 (issuer script command). $aip, $afl, $cid, $atc, $ac, $iad: hex.
decode-explain-format1-gpo = GET PROCESSING OPTIONS format 1: AIP { $aip } ‖ AFL { $afl }
decode-explain-format1-gac = GENERATE AC format 1: CID { $cid } ‖ ATC { $atc } ‖ AC { $ac } ‖ IAD { $iad }
# $cla, $ins, $p1, $p2: hex; $name: the instruction; $n (number): data bytes; $data: hex or hidden.
decode-explain-script-command = C-APDU: CLA { $cla } INS { $ins } ({ $name }) P1 { $p1 } P2 { $p2 }, data { $n } bytes { $data }
decode-explain-script-unknown-ins = unknown instruction
decode-explain-script-data-hidden = (enciphered PIN data, not shown)
# A DOL entry: $tag (hex), $name (the tag's name), $len: decode-bytes.
decode-explain-dol-entry = { $tag } { $name } ({ $len })
# $n (number): the DOL's data length.
decode-explain-dol-total = total { $n } { $n ->
        [one] byte
       *[other] bytes
    }
# 87: $n the priority (1–15).
decode-explain-priority = priority { $n }
decode-explain-priority-confirm = cardholder confirmation required
# A service code digit: $digit, $meaning.
decode-explain-service-code = { $digit }: { $meaning }
# decode tlv: the status word split off the end. $sw1, $sw2: hex; $what: decode-tlv-sw-*.
decode-tlv-sw = status word { $sw1 } { $sw2 }: { $what }
decode-tlv-sw-success = success
decode-tlv-sw-more = more bytes available (GET RESPONSE)
decode-tlv-sw-wrong-le = wrong Le
decode-tlv-sw-other = error or warning (see `cardbench decode apdu`)
# A masked track 1 image: $pan masked, $n (number) bytes.
decode-value-track1 = { $pan } (track 1 data, { $n } { $n ->
        [one] byte
       *[other] bytes
    }, rest hidden)
# A hidden value: $n (number) bytes.
decode-value-hidden = (hidden, { $n } { $n ->
        [one] byte
       *[other] bytes
    })

## decode 8583 (explain::iso8583, explain::fields8583).

# $packing: ascii or cups; $n (number): bytes of input.
decode-8583-title = ISO 8583 message, { $packing } packing, { $n } { $n ->
        [one] byte
       *[other] bytes
    }
# $framing: cups, len2 or ascii4; $hex: the length header; $n (number): bytes that follow.
decode-8583-frame = Frame ({ $framing }): length header { $hex } = { $n } { $n ->
        [one] byte
       *[other] bytes
    } follow (matches)
# After the TPDU's hex. $id, $destination, $source: hex as shown.
decode-8583-tpdu = id { $id }, destination { $destination }, source { $source }
decode-8583-label-header = header
# The CUPS header explained. $app_text: codes-cups-app-*; $requirement_text: codes-cups-req-*.
decode-8583-header = application { $app } ({ $app_text }), software version { $version }, terminal status { $status }, processing requirement { $requirement } ({ $requirement_text }), sub-version { $sub }
# The MTI's four digits in words: codes-mti-*.
decode-8583-mti = { $version }, { $class } { $function }, from { $origin }
decode-8583-mti-invalid = not a 4-digit MTI
# $hex: the bitmap; $bits: the field numbers it sets.
decode-8583-bitmap = Bitmap { $hex }  bits { $bits }
# $n (number): fields in the message.
decode-8583-fields = Fields ({ $n }):
# DE4 in major units. $amount: 0.01.
decode-8583-amount = { $amount } (minor units)
# DE22: $pan (codes-de22-pan-*); $pin (codes-de22-pin-*).
decode-8583-entry-mode = { $pan }; { $pin }
# DE39: approved, or the cause family with its code, name and the action.
decode-8583-rc-approved = no fault to place; action: { $action }
decode-8583-rc-family = cause family { $family } ({ $name }); action: { $action }
# A sub-field: $label, $value; with its meaning.
decode-8583-part = { $label }: { $value }
decode-8583-part-meaning = { $label }: { $value } ({ $meaning })
decode-8583-de55-partial = (not well-formed BER-TLV; what is, is shown)
# DE52. $n (number): bytes.
decode-8583-pin-block = [PIN block, { $n } { $n ->
        [one] byte
       *[other] bytes
    }]
# DE55 packed as text (ASCII), shown by its length only. $n (number): characters.
decode-8583-icc-text = [ICC data, { $n } { $n ->
        [one] character
       *[other] characters
    }]
# DE55 whose bytes are not TLV, shown by its length only. $n (number): bytes.
decode-8583-icc-not-tlv = [ICC data, { $n } { $n ->
        [one] byte
       *[other] bytes
    }, not TLV]
# DE55 objects the message view hides. $n (number): bytes.
decode-8583-tlv-hidden = [hidden, { $n } { $n ->
        [one] byte
       *[other] bytes
    }]
# DE90 parts (ISO 8583:1987 §4.3.90).
decode-8583-de90-1 = 90.1 original MTI
decode-8583-de90-2 = 90.2 original STAN
decode-8583-de90-3 = 90.3 original transmission date and time (MMDDhhmmss)
decode-8583-de90-4 = 90.4 original acquiring institution ID
decode-8583-de90-5 = 90.5 original forwarding institution ID
# DE62 of a sign-on reply. $n (number): bytes; $layout: the 60.3 code.
decode-8583-de62-not-keys = 62: { $n } { $n ->
        [one] byte
       *[other] bytes
    }, not a sign-on key layout (24, 40 or 60 bytes)
decode-8583-de62-keys = 62: sign-on working keys, layout { $layout } ({ $n } { $n ->
        [one] byte
       *[other] bytes
    })
decode-8583-de62-pik = PIK (PIN key)
decode-8583-de62-mak = MAK (MAC key)
decode-8583-de62-tdk = TDK (track key)
decode-8583-de62-key = key
# $part: 62.1…; $name: decode-8583-de62-*; $n (number); $width: key bytes; $kcv: hex.
decode-8583-de62-incomplete = { $part } { $name }: { $n } { $n ->
        [one] byte
       *[other] bytes
    }, incomplete
decode-8583-de62-key-line = { $part } { $name }: encrypted, { $width } { $width ->
        [one] byte
       *[other] bytes
    }; check value { $kcv }
decode-8583-de62-key-line-single = { $part } { $name }: encrypted, { $width } key bytes + 8 zero bytes (a single-length key in a 16-byte slot); check value { $kcv }
# $n (number): bytes of field 62, whose keys are not shown.
decode-8583-de62-hidden = { $n } bytes (working keys encrypted under the TMK; not shown)
# DE63. $code: the 3 letters; $org: the organisation's name.
decode-8583-de63-org = 63.1 card organisation: { $code } ({ $org })
decode-8583-de63-operator = 63.1 operator code: { $code }
# $n (number): characters after 63.1.
decode-8583-de63-rest = 63.2 additional data: { $n } { $n ->
        [one] character
       *[other] characters
    }
# A text field's value (ans), as the message carries it.
decode-8583-text = { $text }

## decode errors: bad input (one line on stderr, exit 2). $expected is the decoder's own words.

# $ch: the character, quoted; $offset: where it is in the input.
decode-apdu-error-hex = apdu: invalid hex character { $ch } at offset { $offset }
decode-apdu-error-odd = apdu: odd number of hex digits (a nibble is missing at offset { $offset })
decode-apdu-error-empty = apdu: no input at offset 0
decode-apdu-error-neither = apdu: not a command (at byte { $offset }: expected { $expected }) nor a response (no SW1 6x/9x at the end)
decode-apdu-error-command = apdu: command: at byte { $offset }: expected { $expected }
decode-apdu-error-response = apdu: response: at byte { $offset }: expected { $expected }
decode-tlv-error-empty = decode tlv: no hex input
# decode 8583: $hex, $error: the hex reader's and the decoder's own words.
decode-8583-error-neither = neither hex ({ $hex }) nor an ASCII 8583 message ({ $error })
# The decoder's error, then a hint: decode-8583-hint-*.
decode-8583-error-hint = { $error } ({ $hint })
decode-8583-hint-framed = the first two bytes are a length that matches the rest: add --framed
decode-8583-hint-tpdu = starts with a TPDU (60): a CUPS frame without its length header?
# $mti: the MTI read as EBCDIC.
decode-8583-hint-ebcdic-mti = the bytes are EBCDIC (F0-F9 are the digits 0-9; MTI { $mti }): this message is EBCDIC-encoded, cardbench reads ASCII
decode-8583-hint-ebcdic-field = the bytes at offset { $offset } look like EBCDIC text (F0-F9 digits, C1-E9 letters): this field is EBCDIC-encoded, cardbench reads ASCII
# Warnings about a field's characters. $field: DE2…; $byte: hex; $text: the field read as EBCDIC (a PAN masked).
decode-8583-warn-not-digit = { $field }: byte { $byte } is not a digit (numeric field)
decode-8583-warn-ebcdic-digits = { $field }: EBCDIC digits, not ASCII; read as EBCDIC: { $text }
decode-8583-warn-ebcdic-text = { $field }: EBCDIC text, not ASCII; read as EBCDIC: { $text }
decode-8583-warn-ebcdic-hidden = { $field }: EBCDIC, not ASCII (card data, not shown)
# DE61 parts; DE48 settlement totals. $part: 48.1/48.2; $scheme; counts (numbers), amounts (0.00); $flag and its meaning.
decode-8583-de61-1 = 61.1 original batch number
decode-8583-de61-2 = 61.2 original STAN
decode-8583-de61-3 = 61.3 original date (MMDD)
decode-8583-de61-rest = 61.4+ further data
decode-8583-de48-domestic = domestic (RMB) cards
decode-8583-de48-foreign = foreign cards
decode-8583-de48-totals = { $part } { $scheme }: debit { $debit_count } for { $debit }, credit { $credit_count } for { $credit }, flag { $flag } { $flag_meaning }
decode-8583-de48-flag-1 = (balanced)
decode-8583-de48-flag-2 = (not balanced)
decode-8583-de48-unreadable = 48: not settlement totals (31 digits per card scheme)

## What bytes that do not fit the expected ISO 8583 framing look like (FramingHint): the host
## trace, `decode 8583 --framed`, the host's notes. English is also the CSV detail's words.
decode-frame-no-bytes = no bytes arrived
# $count (number) bytes that arrived.
decode-frame-too-short = only { $count } byte arrived: not even a length header
# $digits: the 4 bytes as typed, quoted ("0024"); $len (number) their value; $fits: yes or no.
decode-frame-looks-ascii4 = looks like a 4-digit ASCII length ({ $digits } = { $len }{ $fits ->
        [yes] , which matches the bytes that follow
       *[no] {""}
    }), not a 2-byte binary one
# $says (number) the length the header declares; $arrived (number) bytes after the header.
decode-frame-length-mismatch = length header says { $says }, { $arrived } bytes arrived
# $found: the byte found instead of 60 (hex); $instead: ascii, bcd or unknown.
decode-frame-no-tpdu = no TPDU: expected 60 after the length, found { $found }{ $instead ->
        [ascii] {" "}(ASCII digits follow the length: ASCII packing?)
        [bcd] {" "}(a BCD MTI follows the length directly: len2 framing?)
       *[unknown] {""}
    }
decode-frame-tpdu-after-length = a TPDU (60 …) follows the length: this is CUPS framing (TPDU + header)
decode-frame-starts-with-tpdu = starts with a TPDU (60): the length header is missing
# $mti: the first 4 bytes, quoted ("0200").
decode-frame-ascii-mti = starts with an ASCII MTI { $mti } and a hex bitmap: no length header at all?
# $first: the first bytes, spaced hex.
decode-frame-no-ascii4 = no 4-digit ASCII length: first bytes are { $first }
# $len (number): the 2-byte binary length.
decode-frame-looks-binary = looks like a 2-byte binary length ({ $len }, matches the bytes that follow)

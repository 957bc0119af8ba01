### devices: reader drivers, `read` and the simulators: device states and errors.
### Ids start with `devices-`. See docs/i18n.md.

## CRT-310 commands as the frame log names them (codec::crt310::command_name_in; manual §4).

devices-crt310-cmd-reset = reset
devices-crt310-cmd-reset-eject-front = reset, eject front
devices-crt310-cmd-reset-eject-rear = reset, eject rear
devices-crt310-cmd-read-serial = read S/N
devices-crt310-cmd-write-serial = write S/N
devices-crt310-cmd-card-entry-control = card entry control
devices-crt310-cmd-stop-position = stop position
devices-crt310-cmd-led-on = LED on
devices-crt310-cmd-led-off = LED off
devices-crt310-cmd-led-twinkle = LED twinkle
devices-crt310-cmd-sim-power-off = SIM power off
devices-crt310-cmd-reader-status = reader status
devices-crt310-cmd-sensor-status = sensor status
devices-crt310-cmd-detect-ic = detect IC type
devices-crt310-cmd-move-card = move card
devices-crt310-cmd-ic-power-on = IC power on
devices-crt310-cmd-ic-power-off = IC power off
devices-crt310-cmd-cpu-cold-reset = CPU cold reset
devices-crt310-cmd-cpu-warm-reset = CPU warm reset
devices-crt310-cmd-apdu-t0 = T=0 APDU
devices-crt310-cmd-apdu-t1 = T=1 APDU
devices-crt310-cmd-read-tracks = read tracks
devices-crt310-cmd-reread-tracks = re-read tracks
devices-crt310-cmd-set-baud = set baud
devices-crt310-cmd-unknown = unknown command

## CRT-310 abnormal-response codes E (codec::crt310::error_text_in).

devices-crt310-error-undefined-cm = undefined CM
devices-crt310-error-bad-pm = bad PM
devices-crt310-error-cannot-execute = command cannot be executed
devices-crt310-error-bad-data = bad data package
devices-crt310-error-voltage = supply voltage out of range
devices-crt310-error-abnormal-card = abnormal card inside
devices-crt310-error-power-lost = main power lost
devices-crt310-error-unknown = unknown error code

## CRT-591 commands as the frame log names them (codec::crt591::command_name_in; M591 §2.1.1).

devices-crt591-cmd-init = initialise
devices-crt591-cmd-status = status
devices-crt591-cmd-sensor-status = sensor status
devices-crt591-cmd-move-card = move card
devices-crt591-cmd-entry-enable = card entry enable
devices-crt591-cmd-entry-disable = card entry disable
devices-crt591-cmd-read-tracks = read tracks (R02)
devices-crt591-cmd-cpu-cold-reset = CPU cold reset
devices-crt591-cmd-cpu-power-off = CPU power off
devices-crt591-cmd-cpu-status = CPU status
devices-crt591-cmd-apdu-t0 = T=0 APDU
devices-crt591-cmd-apdu-t1 = T=1 APDU
devices-crt591-cmd-cpu-warm-reset = CPU warm reset
devices-crt591-cmd-apdu-auto = APDU (auto T=0/T=1)
devices-crt591-cmd-read-serial = read serial number
devices-crt591-cmd-read-version = read firmware version
devices-crt591-cmd-unknown = unknown command

## CRT-591 error codes e1 e0 (codec::crt591::error_text_in; M591 §2.2).

devices-crt591-error-00 = undefined command
devices-crt591-error-01 = parameter error
devices-crt591-error-02 = command sequence error
devices-crt591-error-03 = not supported by the hardware
devices-crt591-error-04 = command data error
devices-crt591-error-05 = IC contacts not released
devices-crt591-error-10 = card jam
devices-crt591-error-12 = sensor error
devices-crt591-error-13 = card too long
devices-crt591-error-14 = card too short
devices-crt591-error-45 = card moved by hand
devices-crt591-error-51 = motor error
devices-crt591-error-60 = IC supply short circuit
devices-crt591-error-61 = card activation failure
devices-crt591-error-62 = command not supported by the card
devices-crt591-error-63 = no reply from the card within WWT
devices-crt591-error-64 = card protocol error
devices-crt591-error-65 = card not activated
devices-crt591-error-66 = command not supported by the current card
devices-crt591-error-67 = IC transmission error
devices-crt591-error-68 = IC transmission timeout
devices-crt591-error-69 = CPU card not EMV compliant
devices-crt591-error-a0 = stacker empty
devices-crt591-error-a1 = error bin full
devices-crt591-error-b0 = not initialised (power-on reset)
devices-crt591-error-unknown = unknown error code

## CRT-310 frame-log layers (device::crt310::log).

# $pm: the PM byte (hex); $code: the error code E (hex); $meaning: its meaning.
devices-crt310-layer-error = CRT-310 error N { $pm } E{ $code } { $meaning }
# A line of bytes that is not a CRT-310 frame.
devices-layer-bytes = bytes
# $bytes (number): R-APDU data length; $sw: the status word "90 00".
devices-layer-rapdu = R-APDU { $bytes } { $bytes ->
        [one] byte
       *[other] bytes
    } SW { $sw }

## C-APDUs in the frame log (device::emv::describe_capdu_in; EMV Book 3 §6.5). Chinese uses the PBOC names.

# $bytes: the command's bytes in hex (fewer than 4).
devices-apdu-short = { $bytes } (short)
devices-apdu-select-pse = SELECT PSE
devices-apdu-select-ppse = SELECT PPSE
# $aid: the AID or file name selected, hex.
devices-apdu-select = SELECT { $aid }
devices-apdu-select-next = SELECT next { $aid }
# $record: record number; $sfi: short file identifier.
devices-apdu-read-record = READ RECORD { $record } SFI { $sfi }
# $le: Le in hex.
devices-apdu-get-response = GET RESPONSE { $le }
# $tag: the data object's tag in hex (9F36).
devices-apdu-get-data = GET DATA { $tag }
devices-apdu-verify = VERIFY (PIN block hidden)
devices-apdu-gpo = GET PROCESSING OPTIONS
devices-apdu-generate-ac = GENERATE AC
devices-apdu-internal-authenticate = INTERNAL AUTHENTICATE

## `probe`: the card-presence line (Device::card_presence; the MSR605 arms its sensor test).

devices-probe-card-present = present (a card passed the sensor)
# $seconds (number): how long the sensor test was armed.
devices-probe-card-none = none sensed within { $seconds } s
devices-probe-card-unknown = not reported by this profile
# $error: why the reader could not tell (an English device error).
devices-probe-card-error = could not tell: { $error }

## MSR605 frame-log layers and notes (codec::msr605, device::msr605::log; MSR606/605 Programmer's Manual §6–§8).

devices-msr605-cmd-reset = reset
devices-msr605-cmd-read-iso = read ISO
devices-msr605-cmd-write-iso = write ISO
devices-msr605-cmd-comm-test = communication test
devices-msr605-cmd-leds-off = all LEDs off
devices-msr605-cmd-leds-on = all LEDs on
devices-msr605-cmd-led-green = green LED on
devices-msr605-cmd-led-yellow = yellow LED on
devices-msr605-cmd-led-red = red LED on
devices-msr605-cmd-sensor-test = sensor test
devices-msr605-cmd-ram-test = RAM test
devices-msr605-cmd-set-leading-zeros = set leading zeros
devices-msr605-cmd-check-leading-zeros = check leading zeros
devices-msr605-cmd-erase = erase card
devices-msr605-cmd-select-bpi = select BPI
devices-msr605-cmd-read-raw = read raw
devices-msr605-cmd-write-raw = write raw
devices-msr605-cmd-model = get model
devices-msr605-cmd-firmware = get firmware
devices-msr605-cmd-set-bpc = set BPC
devices-msr605-cmd-set-hico = set Hi-Co
devices-msr605-cmd-set-loco = set Lo-Co
devices-msr605-cmd-get-coercivity = get Hi/Lo-Co
devices-msr605-cmd-unknown = unknown command
devices-msr605-status-ok = OK
devices-msr605-status-rw-error = read/write error
devices-msr605-status-format-error = command format error
devices-msr605-status-invalid-command = invalid command
devices-msr605-status-card-moving = card moving error
devices-msr605-status-failure = general failure
devices-msr605-status-undocumented = error (undocumented status)
devices-msr605-model-t2 = track 2 only
devices-msr605-model-t23 = tracks 2+3
devices-msr605-model-t123 = tracks 1+2+3
devices-msr605-model-t12 = tracks 1+2
devices-msr605-model-unknown = unknown
# $name: the command's name (devices-msr605-cmd-*); $code: the byte after ESC, hex.
devices-msr605-layer-command = MSR605 { $name } (ESC { $code })
devices-msr605-layer-incomplete = MSR605 (incomplete command)
# $status: the status byte, hex; $meaning: its meaning (devices-msr605-status-*).
devices-msr605-layer-status = MSR605 status 1B { $status } ({ $meaning })
devices-msr605-layer-block-raw = MSR605 raw data block, status 1B { $status } ({ $meaning })
devices-msr605-layer-block-iso = MSR605 ISO data block, status 1B { $status } ({ $meaning })
# $track (number) 1–3; $bytes (number): the track's length.
devices-msr605-layer-track = track { $track }: { $bytes } { $bytes ->
        [one] byte
       *[other] bytes
    }
devices-msr605-layer-comm-ok = MSR605 communication test OK
devices-msr605-layer-comm-ok-esc-dropped = MSR605 communication test OK (ESC dropped by the line)
# $model: the model byte and its tracks, e.g. "3 (tracks 1+2+3)".
devices-msr605-layer-model = MSR605 model { $model }
# $firmware: the version string, e.g. REVH2.31.
devices-msr605-layer-firmware = MSR605 firmware { $firmware }
devices-msr605-layer-hico = MSR605 Hi-Co
devices-msr605-layer-loco = MSR605 Lo-Co
# $count (number): bytes dropped.
devices-msr605-note-garbage = skipped { $count } { $count ->
        [one] byte
       *[other] bytes
    } of line garbage before a frame
# $why: the framer's reason (English, technical).
devices-msr605-note-resync = bad frame, resync: { $why }
# $what: the reply waited for (devices-msr605-expect-*); $why: the framer's reason.
devices-msr605-note-no-valid = no valid { $what }: { $why }
# $why: the i/o error.
devices-msr605-note-lost = device lost: { $why }
devices-msr605-expect-status = MSR605 status
devices-msr605-expect-comm-test = MSR605 communication test answer (ESC y)
devices-msr605-expect-model = MSR605 model
devices-msr605-expect-firmware = MSR605 firmware version
devices-msr605-expect-coercivity = MSR605 Hi/Lo-Co answer (ESC h / ESC l)
devices-msr605-expect-iso-block = MSR605 ISO read reply (data block)
devices-msr605-expect-raw-block = MSR605 raw read reply (data block)

## `read --chip`: the labels of the flow's outcome (padded to 15 columns) and their values.
devices-chip-outcome = outcome
devices-chip-application = application
devices-chip-expiry = expiry
devices-chip-service-code = service code
# Whether the chip's track-2 equivalent agrees with the stripe of the same card.
devices-chip-match = chip = stripe
devices-chip-match-yes = yes (track 2 equivalent agrees)
devices-chip-match-no = NO (track 2 equivalent differs from the stripe)
devices-chip-match-none = not compared
devices-chip-error = error
devices-chip-cvm-results = CVM results
devices-chip-cryptogram = cryptogram
# $code: the flow's outcome code (EmvOutcome::as_str); English shows the code.
devices-chip-outcome-code = { $code }
# $aid: the application's AID; $label: its label as the card carries it (card data).
devices-chip-application-value = { $aid } { $label }
# A TVR or TSI bit that is set: $byte (number) 1-5; $mask: the bit, hex (80).
devices-chip-bit = byte { $byte } { $mask }

## Device errors for people (device::DeviceError::text). English shows the error as the
## driver wrote it (its `Display`); these are the words of the other languages, with the
## driver's own English detail left out.

devices-error-lost = device lost (the connection was interrupted)
# $ms (number): how long the bench waited.
devices-error-timeout-reader = the reader did not answer within { $ms } ms
devices-error-timeout-card = the card did not answer within { $ms } ms
devices-error-timeout-operator = no card was presented within { $ms } ms
devices-error-protocol = protocol error: the device answered something the protocol does not allow
# $count (number): how many times the reader rejected the frame.
devices-error-nak = frame rejected { $count } { $count ->
        [one] time
       *[other] times
    } (NAK)
devices-error-unsupported = not supported by this device profile
# $target: the device address.
devices-error-open = cannot open { $target }
# $address: what was given.
devices-error-bad-address = bad device address { $address }: expected PROFILE:TARGET, e.g. crt310:/dev/ttyUSB0
devices-error-io = input/output error on the device

## `read`: the stripe's lines (commands::read::swipe_lines) and the waiting line.

# $action: swipe or insert; $device: the device address; $model, $firmware: as the reader
# reports them; $seconds (number).
devices-read-waiting = { $device }: { $model } { $firmware } — { $action ->
        [swipe] swipe
       *[insert] insert
    } a card (waiting { $seconds } s)
devices-read-reader-status = reader status
# $track (number): 1, 2 or 3.
devices-read-track = track { $track }
devices-read-luhn-ok = Luhn ok
devices-read-luhn-bad = Luhn BAD
# $name: the cardholder name as the track carries it.
devices-read-name = name { $name }
devices-read-expiry = expiry { $expiry }
devices-read-service-code = service code { $code }
# $chars (number): length of the discretionary data (never shown).
devices-read-discretionary = discretionary { $chars } { $chars ->
        [one] char
       *[other] chars
    }
# `read --chip` when the reader stops answering during the chip read (exit 2). $device: the
# device address; $error: the reader's error.
devices-read-reader-stopped = the reader { $device } stopped answering during the chip read ({ $error }): the card was not judged — check power, cable and line settings, power-cycle the reader and read again

## `read --chip`: each command's note (EmvStep::note), what the bench made of the card's answer.
devices-emv-note-pse-found = PSE found
devices-emv-note-card-blocked = card blocked
devices-emv-note-no-pse = no PSE: trying the terminal AID list
devices-emv-note-directory-record = directory record
devices-emv-note-end-of-directory = end of directory
devices-emv-note-processing-options = processing options
devices-emv-note-afl-short = processing options; the AFL ends with { $bytes } { $bytes ->
        [one] byte
       *[other] bytes
    } short of a whole 4-byte entry (not read)
devices-emv-note-gpo-conditions = conditions of use not satisfied: application dropped
devices-emv-note-gpo-refused = GPO refused
devices-emv-note-record = record
devices-emv-note-record-missing = record missing
devices-emv-note-app-selected = application selected
devices-emv-note-app-blocked = application blocked
devices-emv-note-no-further-app = no further application
devices-emv-note-not-on-card = not on the card
devices-emv-note-refused = refused
# $aid: the AID (hex) the terminal left out.
devices-emv-note-excluded = { $aid } excluded: cardholder confirmation required (87 b8) and a bench has no cardholder to confirm (Book 1 §12.4)
# $df: the DF name the card answered (hex); $name: the terminal's AID (hex).
devices-emv-note-partial-not-allowed = { $df } is a partial-name match: partial selection not allowed for { $name }
devices-emv-note-partial-blocked = { $df } blocked
devices-emv-note-partial-candidate = partial-name match { $df }: candidate
# $got: the DF name in the FCI (hex); $want: the AID selected (hex).
devices-emv-note-aid-mismatch = the FCI's DF name (84) { $got } is not the application selected { $want }
devices-emv-note-data-object = data object
devices-emv-note-no-data-object = answer without the data object
devices-emv-note-not-available = not available
devices-emv-note-pin-ok = PIN ok
devices-emv-note-pin-wrong = wrong PIN
devices-emv-note-pin-blocked = PIN blocked
devices-emv-note-verify-refused = VERIFY refused
devices-emv-note-dda-ok = DDA ok
devices-emv-note-dda-failed = DDA failed
devices-emv-note-cryptogram = cryptogram
devices-emv-note-no-cryptogram = no cryptogram
devices-emv-note-final-cryptogram = final cryptogram
devices-emv-note-issuer-authenticated = issuer authenticated
devices-emv-note-arpc-refused = ARPC refused
devices-emv-note-script = script command
devices-emv-note-script-refused = script command refused
# $what: what the bench waited for, as the reader driver wrote it (English); Chinese leaves it out.
devices-emv-note-no-answer = { $what }

## `cardbench sim pos`: the simulated terminal's lines on stderr (sim::pos::lines).
# $shown: what the terminal's screen showed (devices-sim-pos-shown-*).
devices-sim-pos-sign-on = sign-on: { $shown }
devices-sim-pos-settlement = settlement: { $shown }
# The screen's states, in words (a technician reads them, not the simulator's type names).
devices-sim-pos-shown-signed-on = signed on
# $rc: the response code shown.
devices-sim-pos-shown-answer = answered RC { $rc }
devices-sim-pos-shown-no-answer = no answer
devices-sim-pos-shown-read-error = card read error
devices-sim-pos-shown-key-error = key error
devices-sim-pos-shown-mac-error = MAC error
devices-sim-pos-shown-printer-error = printer fault
devices-sim-pos-shown-balanced = balanced
devices-sim-pos-shown-unbalanced = not balanced
# One card: $label (English: quoted as Rust does; Chinese: as given), $pan (masked), $entry (swipe, chip, fallback), $chip (the chip part
# or nothing), $stan, $result (the answer), $reversal (the reversal part or nothing).
devices-sim-pos-card = card { $label } { $pan } { $entry }{ $chip } STAN { $stan }: { $result }{ $reversal }
# $tvr: TVR hex; $oda: how offline data authentication ended, as the kernel wrote it.
devices-sim-pos-chip = { " " }(TVR { $tvr }, { $oda })
devices-sim-pos-rc = RC { $rc }
devices-sim-pos-timeout = timeout
# $reason: DE39 of the reversal; $answered: yes or no.
devices-sim-pos-reversal = , reversal { $reason } sent{ $answered ->
        [yes] { " " }and answered
       *[no] , not answered
    }
devices-sim-pos-no-reversal = , no reversal
# $kind: the simulator (crt310, msr605, crt591); $name: the scenario; $cards (number); $baud
# (number); $link: the published link's path, or empty.
devices-sim-serving = cardbench sim { $kind }: scenario "{ $name }", { $cards } { $cards ->
        [one] card
       *[other] cards
    }, { $baud } baud{ $link ->
        [none] {""}
       *[other] , link { $link }
    }; serving until killed
devices-sim-unplugged = cardbench sim: unplugged (line closed)
devices-sim-replugged = cardbench sim: replugged
# $line: one line of the simulated terminal (masked).
devices-sim-pos-line = cardbench sim pos: { $line }
devices-sim-pos-dialling = cardbench sim pos: nothing listens at { $addr } yet; dialling again for up to { $seconds } s (--connect-wait)
devices-sim-pos-deck-done = cardbench sim pos: deck done; holding the line open until stopped
## Notes the CRT-310 and CRT-591 drivers write into the timeline (link trouble and card moves).
devices-link-resent = resend #{ $attempt }
devices-link-ack-lost = ACK lost, reply received
devices-link-skipped = { $count } garbage bytes skipped
devices-link-stale = stale frame skipped
devices-link-no-ack = no ACK
devices-link-enq-again = ENQ again ({ $count })
devices-link-other-response = response for another command skipped
devices-link-bad-bcc-response = bad BCC in response
devices-link-broken-off = reply broken off
devices-link-other-reply = reply to another command skipped
devices-link-bad-bcc-reply = bad BCC in reply
devices-note-baud = line speed now { $baud } baud
devices-note-no-atr-cold = no ATR after cold reset, trying warm reset
devices-note-no-atr-warm = no ATR after warm reset
devices-crt310-note-ejected = card ejected to the front (P={ $p }): insert it again for the next read
devices-crt591-note-b0 = reader not initialised (B0): INIT and again
devices-crt591-note-gate = card returned to the gate: insert it again for the next read
devices-crt591-note-no-atr = no ATR (e={ $code } { $meaning })
# Why a device was lost, in the system's words ($detail, verbatim).
devices-lost-why = { $detail }

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
devices-layer-rapdu = R-APDU { $bytes } bytes SW { $sw }

## C-APDUs in the frame log (device::emv::describe_capdu_in; EMV Book 3 §6.5). Chinese uses the PBOC names.

# $bytes: the command's bytes in hex (fewer than 4).
devices-apdu-short = { $bytes } (short)
devices-apdu-select-pse = SELECT PSE
devices-apdu-select-ppse = SELECT PPSE
# $aid: the AID or file name selected, hex.
devices-apdu-select = SELECT { $aid }
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

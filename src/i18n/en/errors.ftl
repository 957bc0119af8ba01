### errors: why a command could not run, said for people — the app error and the errors it
### wraps (files, devices, hosts, decoders, the system's i/o). English keeps the errors' own
### `Display` text; these English messages mirror it so both languages have every id.
### Ids start with `errors-`.

## The app error (src/error.rs). $reason: the cause, already in the display language.

errors-report = report: { $reason }
errors-could-not-run = the run could not run: { $reason }
# $path: the link path given to --link.
errors-link = cannot publish the pseudo-terminal as { $path }: { $reason }
# $addr: HOST:PORT.
errors-connect = cannot connect to { $addr }: { $reason }
errors-terminal = cannot open the terminal UI ({ $reason }); use `cardbench run --headless` without a terminal
errors-no-terminal-tested = no terminal could be tested: { $reason }
errors-nothing-to-check = nothing to check: no serial port found and no --device given
errors-json = cannot write JSON: { $reason }

## The system's i/o errors, by kind (English shows the system's own text instead).

errors-io-not-found = no such file or directory
errors-io-permission-denied = permission denied
errors-io-connection-refused = connection refused
errors-io-connection-reset = connection reset by the other side
errors-io-connection-aborted = connection aborted
errors-io-not-connected = not connected
errors-io-addr-in-use = address already in use (another program holds the port)
errors-io-addr-not-available = address not available on this machine
errors-io-broken-pipe = the other side closed the connection
errors-io-already-exists = already exists
errors-io-would-block = the operation would block
errors-io-invalid-input = invalid value
errors-io-invalid-data = invalid data
errors-io-timed-out = timed out
errors-io-write-zero = nothing could be written
errors-io-interrupted = interrupted
errors-io-unsupported = not supported on this system
errors-io-unexpected-eof = the data ended early
errors-io-out-of-memory = out of memory
errors-io-not-a-directory = not a folder
errors-io-is-a-directory = is a folder
errors-io-directory-not-empty = the folder is not empty
errors-io-read-only = read-only file system
errors-io-storage-full = the disk is full
errors-io-host-unreachable = host unreachable
errors-io-network-unreachable = network unreachable
errors-io-busy = device or resource busy
# $code: the OS error number.
errors-io-other-code = system error (code { $code })
errors-io-other = system error

## Hex text (src/hexfmt.rs). $ch: the character, quoted; $offset: its position in the text.

errors-hex-bad-char = invalid hex character { $ch } at offset { $offset }
errors-hex-odd = odd number of hex digits (a nibble is missing at the end, offset { $offset })
errors-decode-file-argument = { $path } is a file: decode reads the bytes from its argument or from standard input; use: cardbench decode … - < { $path }
# $kind: the decode kind as typed (`tlv`, `8583`).
errors-decode-stdin-folder = standard input is a folder, not text: decode reads hex (or track text) from its argument or from a file; use: cardbench decode { $kind } - < FILE
errors-decode-stdin-not-text = standard input is not text (a binary file?): decode reads hex (or track text); for binary bytes use: xxd -p FILE | cardbench decode { $kind } -

## Decoders (codec::DecodeError): "LAYER: at byte N: expected WHAT".

# $layer: the decoder's code (tlv, atr, apdu, 8583, frame, emv, …).
errors-decode-layer =
    { $layer ->
        [iso8583] 8583
        [frame] frame
       *[other] { $layer }
    }
# $layer: errors-decode-layer; $offset: byte offset; $expected: what was expected there.
errors-decode = { $layer }: at byte { $offset }: expected { $expected }
# Without a known phrase for what was expected: what kind of fault it is.
errors-decode-kind =
    { $kind ->
        [truncated] { $layer }: at byte { $offset }: the input ends too early
        [checksum] { $layer }: at byte { $offset }: the checksum does not match
        [too-deep] { $layer }: at byte { $offset }: nested too deep
        [too-long] { $layer }: at byte { $offset }: longer than allowed
       *[other] { $layer }: at byte { $offset }: a value the format does not allow
    }

## What a decoder expected ($a, $b, $c: the numbers, tags or hex in the phrase, in order).

errors-exp-ts = TS (3B or 3F)
errors-exp-ts-inverse = TS 3B or 3F (03 is an inverse-convention card read in direct mode)
errors-exp-interface-end = end of interface bytes (an ATR has at most 33 bytes)
errors-exp-historical = { $a } historical bytes (got { $b })
errors-exp-tag-byte = a tag byte
errors-exp-tag-next = a subsequent tag byte
errors-exp-tag-max = a tag of at most { $a } bytes
errors-exp-length-byte = a length byte
errors-exp-length-bytes = { $a } length bytes after { $b }
errors-exp-length-max = a length of at most 4 length bytes (81..84)
errors-exp-definite = a definite length (indefinite length 80 is not used in EMV)
errors-exp-value-bytes = { $a } value bytes for tag { $b } ({ $c } left in input)
errors-exp-data-object = a data object
errors-exp-nesting = nesting of at most { $a } constructed objects
errors-exp-more = more bytes
errors-exp-apdu-header = a 4-byte header CLA INS P1 P2
errors-exp-apdu-lc = extended Lc other than 0000
errors-exp-apdu-le = one Le byte, or Lc (1 byte non-zero or 3 bytes 00 xx xx) and data
errors-exp-sw = SW1 SW2
errors-exp-afl = AFL entries of 4 bytes each
errors-exp-afl-sfi = an SFI of 1..30 in b8-b4 (got { $a })
errors-exp-dol-length = a length byte for DOL tag { $a }
errors-exp-cvm-amounts = 8 bytes of amounts X and Y in a CVM list
errors-exp-cvm-rules = CVM rules of 2 bytes each
errors-exp-mti-ascii = MTI (4 ASCII digits)
errors-exp-mti-bcd = MTI (2 BCD bytes)
errors-exp-bitmap-primary = primary bitmap
errors-exp-bitmap-secondary = secondary bitmap
errors-exp-bytes-left = { $a }: { $b } bytes, only { $c } left
errors-exp-ascii-digits = { $a } in ASCII digits, found byte { $b }
errors-exp-bcd-digits = { $a } in BCD digits, found byte { $b }
errors-exp-as-bcd = { $a } as BCD digits, found byte { $b }
errors-exp-as-hex = { $a } as 16 hex characters
errors-exp-length-at-most = { $a } length at most { $b }, the prefix says { $c }
# $a: a field (errors-exp-field).
errors-exp-length-prefix = { $a } length prefix
errors-exp-length-of = { $a } length
errors-exp-left-over = end of message after the last field in the bitmap, { $a } bytes left over
errors-exp-frame-digits = 4 ASCII digits of length, found byte { $a }
errors-exp-frame-tpdu = TPDU (5 bytes) and header (6 bytes), the length says only { $a }
errors-exp-frame-tpdu-id = TPDU id 60 after the length, found { $a } (no TPDU?)
errors-exp-frame-header = a { $a }-byte length header, only { $b } bytes arrived
errors-exp-frame-short = { $a } bytes (the length header says { $b }, { $c } bytes arrived)
errors-exp-frame-end = end of frame (the length header says { $a }, { $b } bytes arrived)
# $a: the field number; $b: its name.
errors-exp-field = field { $a } ({ $b })
# A decoder's warning: $layer (errors-decode-layer), $offset (number), $what (errors-warn-*).
errors-warning = { $layer }: warning at byte { $offset }: { $what }
# $a: the length byte (hex); $b: the tag; $c: the length it was read as.
errors-warn-ber-length = length byte { $a } of tag { $b } is not valid BER; read as { $c } = bytes left
# $a: the field (errors-exp-field); $b: the nibble (hex).
errors-warn-pad-nibble = { $a }: pad nibble { $b } (expected 0 or F), ignored

## User files (load::LoadError). $path: the file; $key: the key at fault; $reason: why.

errors-load = { $path }: { $reason }
errors-load-key = { $path }: { $key }: { $reason }
# $line: the line of the file at fault (1-based); the rest as errors-load / errors-load-key.
errors-load-line = { $path }:{ $line }: { $reason }
errors-load-line-key = { $path }:{ $line }: { $key }: { $reason }
# $byte: offset of the first byte that is not UTF-8.
errors-load-not-utf8 = not UTF-8 text (byte { $byte })
# $size, $limit: bytes.
errors-load-too-large = file is { $size } bytes; the limit is { $limit } (is it the right file?)
# $name: the scenario name given; $known: the built-in scenarios, comma-separated.
errors-unknown-scenario = { $name }: unknown scenario; built-in: { $known } (or give a .toml file)
# $line: line number; $detail: the toml crate's own message, kept verbatim.
errors-load-toml = line { $line }: { $detail }
# $detail: the loader's own message.
errors-load-detail = { $detail }
# A loader's fault in a library's words ($detail, verbatim): the file's content is wrong.
errors-load-library = { $detail }

## The acquirer host link (host::HostError). $addr: HOST:PORT; $reason: why.

errors-host-bind = cannot listen on { $addr }: { $reason }
errors-host-connect = cannot connect to host { $addr }: { $reason }
errors-host-rules = host rules { $reason }
errors-host-bad-link = bad host address { $reason }
errors-host-io = i/o error: { $reason }

## Report files and folders (report::ReportError, report::FolderError). $path: the folder.

# $detail: the CSV library's message, kept verbatim.
errors-report-csv = { $detail }
# $files: the names already in the folder.
errors-folder-not-fresh = report folder { $path } already holds { $files }: a new run never mixes with an old one; choose another --out or move that folder away
errors-folder-link = report folder { $path } is a symbolic link; refusing to write through it
errors-folder-not-a-dir = report folder { $path } exists and is not a folder
# $reason: the system's failure.
errors-folder-create = cannot create report folder { $path }: { $reason }; choose another --out (a folder you can write to)

## Devices (device::DeviceError; English shows the error's own text).

# $open: "cannot open TARGET"; $reason: why.
errors-device-open = { $open }: { $reason }
# $reason: the system's failure; $hint: what to do.
errors-device-open-hinted = { $reason } ({ $hint })
errors-device-open-busy-fix = another program holds the port: close it, or stop ModemManager; see docs/hardware.md
errors-device-open-permission-fix = add the user to the `dialout` group, see docs/hardware.md
errors-device-open-missing-fix = is the reader or terminal plugged in? try `cardbench ports`
errors-io-not-a-serial-port = not a serial port
errors-device-open-not-serial-fix = a reader is on a serial line such as /dev/ttyUSB0 or /dev/serial/by-id/…; try `cardbench ports`
errors-device-io = input/output error on the device: { $reason }

## Track input (decode track). $offset: position in the input; $ch: the character, quoted.

errors-track-hex = track: invalid hex character { $ch } at offset { $offset }
errors-track-odd = track: odd number of hex digits (a nibble is missing at offset { $offset })
errors-track-empty = track: no input at offset 0 (expected track text, or hex with --raw)
# $track: 1, 2 or 3; $status: what is wrong with it (common-track-status).
errors-decode-incomplete = { $layer }: not all of the input decoded; the output marks what did not and why (fix those bytes and decode again)

## Refusals of single commands. $path: the folder or file given.

errors-summarize-no-folder = { $path }: no such run folder or attempts.csv
errors-summarize-no-attempts = { $path }: no attempts.csv in this folder or below
# $file: trace.jsonl; $reason: the system's failure.
errors-replay-no-trace = { $path }: cannot read { $file } ({ $reason }); cardbench replay needs a run folder written by this version
errors-batch-no-terminals = no terminals: give --device D (repeatable) or --stations FILE
# $profile: the device profile (crt310, msr605, …).
errors-read-no-stripe = { $profile } cannot read a stripe
errors-read-no-chip = { $profile } has no chip reader (read without --chip)
# $part: deck or bins (the --deck or --bins file); $reason: errors-load.
# $reason: why the --bins file cannot be read as BIN rows (errors-load).
errors-bins-file = --bins: { $reason }
errors-run-file =
    { $part ->
        [deck] the run could not run: deck: { $reason }
       *[other] the run could not run: BIN file: { $reason }
    }
# $known: the profiles the bench knows, comma-separated.
errors-unknown-profile = unknown profile; known: { $known }
# $device: the device address given; $profile: its profile, quoted.
errors-run-unknown-profile = the run could not run: { $device }: unknown profile { $profile } (known: { $known })
# $device: the device address given; $profile: its profile, quoted; $known as above.
errors-device-unknown-profile = { $device }: unknown profile { $profile } (known: { $known })

# $device: the device address; $reason: why it could not be opened.
errors-cannot-open-device = cannot open { $device }: { $reason }

## A deck file's faults (deck.rs); $card_no (number) the card's place in the file, $value the
## value as written (quoted).
errors-load-deck-no-cards = the deck has no [[card]]
errors-load-deck-interface = card { $card_no }: unknown interface { $value } (swipe, chip, network)
errors-load-deck-expect-interface = card { $card_no }: expect: unknown interface { $value }
# $words: the expectation words a deck may use, comma-separated.
errors-load-deck-expect = unknown expectation { $value }: pass, { $words }, rc:NN, or a signal code (docs/checklist.md)
errors-load-deck-tracks = card { $card_no }: tracks must be 1, 2 or 3
errors-load-deck-scheme = card { $card_no }: unknown scheme { $value }
errors-load-deck-pin = card { $card_no }: pin must be 4 to 12 digits
errors-load-scenario-no-cards = the scenario presents no cards, so a run would test nothing: add [[card]] entries or choose a deck (--deck FILE)
# $profile: the device profile, quoted.
errors-load-no-builtin-deck = no built-in deck for profile { $profile }: choose a deck (--deck FILE)

## A stations file's faults (batch); $value / $label as written (quoted).
errors-load-no-stations = no [[station]] entries
errors-load-station-device = { $value }: expected PROFILE:TARGET
errors-load-station-twice = duplicate station label { $label }
## A BIN file's faults (--bins CSV); $value as written (quoted), $known the schemes.
errors-load-bins-quote = unterminated quote
errors-load-bins-prefix = { $value } is not 1–12 digits
errors-load-bins-scheme = { $value } is not a scheme ({ $known })
errors-load-bins-type = { $value } is not debit, credit, quasi-credit or prepaid
errors-load-bins-country = { $value } is not a two-letter country code (CN)
# The csv reader's own error text ($detail, kept verbatim).
errors-load-csv = { $detail }
## A host rules file's faults (docs/host-rules.md); $value as written (quoted).
errors-load-rule-time = { $value }: expected HH:MM-HH:MM or +0m..+30m
errors-load-rule-amount = { $value }: expected 12.51 or .51, at most 9999999999.99 (DE4 holds 12 digits)
errors-load-rule-bin = expected prefixes of 1 to 12 digits
errors-load-rule-mti = { $value }: expected four digits (0200)
errors-load-rule-card = holds a card number: write its last 4 digits or its masked form
# $max: the largest delay in ms; $value: the delay given.
errors-load-rule-delay = at most { $max } (ten minutes), not { $value }
errors-load-rule-processing = expected 0 to 9
errors-load-rule-script = expected "71" or "72"
errors-load-rule-rc = { $value }: a response code is two letters or digits (00, 51, A1)
## A simulator scenario's faults (docs/scenarios.md). $key: the key at fault; $why: what is
## wrong with it (one of errors-load-sim-*).
errors-load-field = { $key }: { $why }
# $card_no (number) the card's place in the scenario; $label its label (quoted).
errors-load-sim-card = card #{ $card_no } ({ $label }): { $why }
# $app_no (number) the application's place on the card.
errors-load-sim-app = app #{ $app_no }: { $why }
# $max: the longest think time in ms; $value: the one given.
errors-load-sim-think-time = at most { $max } (ten minutes), not { $value }
errors-load-sim-aid-prefix = an AID prefix is 1 to 16 bytes
# $size (number) bytes given; $max (number) the limit.
errors-load-sim-identity-long = { $size } bytes; a device identity string has at most { $max } (it must fit one reply frame)
errors-load-sim-identity-ascii = { $value } must be printable ASCII
# $value (number) the track given.
errors-load-sim-track = track must be 1, 2 or 3, not { $value }
errors-load-sim-probability = a probability is between 0.0 and 1.0, not { $value }
errors-load-sim-pan = 12 to 19 digits
errors-load-sim-expiry = 4 digits YYMM
errors-load-sim-service-code = 3 digits
errors-load-sim-digits = digits only
errors-load-sim-name = 2 to 26 upper-case track-1 characters, e.g. ZHANG/SAN
# $track, $len, $max (numbers).
errors-load-sim-track-long = track { $track } would be { $len } characters, sentinels and LRC included; a stripe holds { $max }
errors-load-sim-atr = 2 to 33 bytes
errors-load-sim-pin = 4 to 12 digits
errors-load-sim-aid = 5 to 16 bytes
errors-load-sim-priority = 1 to 15
errors-load-sim-aip = 2 bytes
# $detail: the TLV decoder's error.
errors-load-sim-pdol = not a list of tag + length ({ $detail })
errors-load-sim-record = a record template starts with 70
errors-load-sim-app-label = at most 16 characters
## A POS simulator scenario's faults (docs/pos.md); $value: the value (or the card's label) as
## written, quoted.
errors-load-pos-framing = pos.framing { $value }: cups, len2 or ascii4
errors-load-pos-version = pos.software_version { $value }: expected MM/SSSSSS digits
errors-load-pos-sign-on = pos.sign_on { $value }: 001, 003, 004 or 006
errors-load-pos-mac = pos.mac { $value }: pos-ecb or x9.19
errors-load-pos-master-key = pos.master_key: 32 hex digits
errors-load-pos-kernel = pos.kernel_version { $value }: 4 hex digits
errors-load-pos-batch = pos.batch { $value }: 6 digits
errors-load-pos-entry = card { $value }: entry must be swipe, chip or fallback
errors-load-pos-pan = card { $value }: pan must be 13 to 19 digits
errors-load-pos-aip = card { $value }: aip must be 4 hex digits
errors-load-pos-pin = card { $value }: pin must be 4 to 12 digits
## Key and parameter files' faults (docs/pos.md).
errors-load-missing = missing
# $digits (number) hex digits a key has; $kind: the key kind (TDES, SM4).
errors-load-key-hex = expected { $digits } hex digits ({ $kind })
# $got: the key's computed check value; $want: the one the file gives.
errors-load-key-kcv = check value is { $got }, the file says { $want }
errors-load-key-mac = { $value }: pos-ecb or x9.19
errors-load-key-terminal-id-place = belongs in a [[terminal]]
errors-load-key-terminal-id = 8 characters (DE41)
errors-load-key-bin = one or more digit prefixes
# $got, $min, $max (numbers) bytes; $same: yes when min and max are equal.
errors-load-param-bytes = { $got } bytes; expected { $same ->
        [yes] { $min } bytes
       *[no] { $min } to { $max } bytes
    }
errors-load-param-percent = 0 to 99
errors-load-param-expiry = YYYYMMDD
errors-load-param-exponent = 03 or 010001
## Terminal (EMV kernel) and CA key files' faults (docs/terminal.md).
# $detail: why the text is not hex (errors-hex-*).
errors-load-not-hex = not hex ({ $detail })
# $got, $min, $max (numbers) bytes; $same: yes when min and max are equal.
errors-load-terminal-hex-bytes = { $same ->
        [yes] { $min } bytes of hex
       *[no] { $min } to { $max } bytes of hex
    } (got { $got })
errors-load-terminal-n3 = a 3-digit numeric code written as 4 digits with a leading 0 (e.g. 0156)
# $got (number) the value given.
errors-load-terminal-percent = 0 to 99 (got { $got })
errors-load-terminal-max-target = at least target_percent
# $floor: the floor limit.
errors-load-terminal-threshold = at most the floor limit ({ $floor })
errors-load-terminal-no-key-file = no key file here
errors-load-capk-rid = a RID is 5 bytes
errors-load-capk-index = one byte (hex)
errors-load-capk-modulus = a modulus of 64 to 248 bytes and exponent 03 or 010001
# $want: the checksum computed from the key (hex).
errors-load-capk-checksum = SHA-1 checksum does not match the key (computed { $want })

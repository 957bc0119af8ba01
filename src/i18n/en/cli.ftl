### cli: the command line itself — errors that stop a command (one line on stderr, with the
### fix) and words shared by several subcommands' output. Ids start with `cli-`.

# The one line printed when a command cannot run (exit 2). $message: the error, then the fix.
cli-error = cardbench: error: { $message }

## Fixes appended to an error ("… — FIX").

# $addr: HOST:PORT that refused the connection.
cli-fix-connect-refused = nothing is listening on { $addr }: start the host (or ser2net) there, or check the address and port
cli-fix-link = pass --link a new path or one that is already a symlink; a file or folder is never replaced
cli-fix-nothing-to-check = plug the reader in, or pass --device PROFILE:TARGET (crt310:/dev/ttyUSB0, msr605:rfc2217://HOST:PORT)
cli-fix-help = cardbench --help lists the commands, and cardbench COMMAND --help their flags

## Help (`cardbench … --help`). English help is the clap derive's doc comments (src/cli.rs);
## these English messages are the same text, kept equal by `commands::help`'s tests, so both
## languages have the same ids. Ids: cli-PATH-about for a command, cli-PATH-ARG for an
## argument (PATH: the subcommands, e.g. `batch`, `report-summarize`; ARG: the argument's id).

# The usage line's heading, written right before the usage (so it ends in its own space or colon).
cli-heading-usage = Usage:
cli-heading-arguments = Arguments:
cli-heading-options = Options:
cli-heading-commands = Commands:
# Replaces `[OPTIONS]` in a usage line.
cli-usage-options = [OPTIONS]
# The placeholder for a subcommand in a usage line (`cardbench [OPTIONS] [COMMAND]`).
cli-usage-command = COMMAND
# Appended to an argument's help. $value: its default.
cli-note-default = [default: { $value }]
# $name: the environment variable; $value: its value now (empty when unset).
cli-note-env = [env: { $name }={ $value }]
# $values: the accepted values, comma-separated.
cli-note-values = [possible values: { $values }]
cli-help-flag = Print help
cli-version-flag = Print version
cli-help-about = Print this message or the help of the given subcommand(s)

cli-about = Card-reader and POS terminal test bench: swipe, chip and network checklist, diagnosis and CSV reports
cli-lang = UI language: en or zh-CN. Without it (and without CARDBENCH_LANG) the language follows the locale (LC_ALL, LC_MESSAGES, LANG: zh_* is Chinese)
cli-bins = Extra BIN data (CSV: prefix,bank,scheme,type,country) that adds to or overrides the built-in table

cli-decode-about = Explain bytes pasted from a log: tracks, ATR, APDU, TLV, ISO 8583
cli-decode-kind = What the input is: track (stripe text or --raw bits), atr, apdu, tlv or 8583
cli-decode-input = The input (hex, or track text); `-` or nothing reads stdin
cli-decode-more = More input words, joined to INPUT with spaces (hex pasted unquoted, with spaces)
cli-decode-format = ISO 8583 packing: ascii (every field as text) or cups (BCD numbers, CUPS POS spec)
cli-decode-framed = The 8583 input carries its transport framing (CUPS: length + TPDU + header for --format cups; 2-byte length for ascii)
cli-decode-raw = Track input is a raw bit stream (hex bytes as the reader's raw mode sends them)
cli-decode-json = Print one JSON document

cli-sim-about = Run a device simulator on a pseudo-terminal (prints `PTY <path>` first)
cli-sim-kind = Which device to simulate: msr605, crt310 or crt591 (card readers), pos (a POS terminal)
cli-sim-scenario = Scenario: a built-in name (crt310-default, msr605-default, demo, crt310-mute, …) or a TOML file (docs/scenarios.md); the simulator's built-in default otherwise
cli-sim-baud = Line speed the simulator paces its output at (10 bit-times per byte), 300 to 4000000
cli-sim-link = Publish the pseudo-terminal under this symlink (like /dev/serial/by-id). Only a symlink is ever replaced, never a file or folder; it is removed when the simulator exits
cli-sim-connect = POS simulator: dial this host over TCP (HOST:PORT) instead of opening a pseudo-terminal
cli-sim-connect-wait = With --connect: seconds to keep dialling while the host is not listening yet (retries with backoff, 0.1 s doubling to 2 s), 0 to 3600; 0 gives up at the first refusal

cli-ports-about = List serial ports with USB identity and stable names

cli-probe-about = Identify a device and show its status
# $profiles: the device profiles, comma-separated (crt310, crt591, msr605, pos8583).
cli-probe-device = Device address PROFILE:TARGET, e.g. crt310:/dev/ttyUSB0, msr605:tcp://127.0.0.1:3001, crt310:rfc2217://10.0.0.7:4001, crt310:sim or crt310:sim:SCENARIO. Profiles: { $profiles }
cli-probe-baud = Serial line speed in baud, 300 to 4000000 (also the in-process simulator's pace); the profile's default otherwise

cli-read-about = Wait for one card and print what was read (masked)
cli-read-device = { cli-probe-device }
cli-read-baud = { cli-probe-baud }
cli-read-chip = Read the chip (EMV flow) instead of the stripe
cli-read-terminal = With --chip: the terminal configuration (TOML, docs/terminal.md); by default the built-in one
cli-read-json = Print one JSON document instead of lines
cli-read-wait = Seconds to wait for a card (1 to 86400; 0 is refused: there is no "wait forever")

cli-run-about = Run the checklist on one terminal
cli-run-device = { cli-probe-device }
cli-run-baud = { cli-probe-baud }
cli-run-deck = Deck file (TOML, docs/checklist.md); by default the deck matching the simulator's default scenario (batch: for every terminal whose station names none)
cli-run-host = Acquirer host: HOST:PORT, or `sim[:RULES.toml]` for the built-in host simulator; without it the network steps are skipped (batch: the host of every terminal)
cli-run-terminal = Terminal configuration for the chip steps (TOML, docs/terminal.md): terminal data, AID list and parameters, CA public keys; by default the built-in one
cli-run-out = Report folder, created fresh (a folder that already holds files is refused); by default reports/<station>-<timestamp> (batch: reports/batch-<timestamp>, one sub-folder per terminal)
cli-run-operator = Operator's name or id, recorded in run.toml
cli-run-ticket = Repair or QA ticket number, recorded in run.toml
cli-run-headless = No TUI: one line per attempt, then the verdict
cli-run-station = Station name written in every row (and in the default report folder's name)
cli-run-swipes = Swipes per card (1 to 99)
cli-run-prompt-timeout = Seconds to wait for the operator at each prompt (1 to 86400)
cli-run-keys = POS terminals: the keys file (master keys, MAC algorithm, issuer keys; docs/pos.md), or `test` for the built-in test keys (the default)
cli-run-params = POS terminals: the IC parameters and CA public keys the host serves in downloads (docs/pos.md), or `test` for the built-in ones (the default)
cli-run-excel = CSV for Excel: UTF-8 BOM and CRLF line ends

cli-host-about = ISO 8583 acquirer host simulator over TCP
cli-host-listen = Where to listen: a TCP address (127.0.0.1:5800) for terminals that dial the host, or a serial port (/dev/ttyUSB0, serial:PATH[@BAUD], 9600 baud by default) to play host for one POS on its serial line
cli-host-rules = Rules file (TOML, docs/host-rules.md) or a built-in name (demo); default: approve everything
cli-host-framing = Message framing: len2 (2-byte length), cups (length + TPDU + header) or ascii4 (4 ASCII digits of length)
cli-host-packing = ISO 8583 packing: ascii or cups (BCD numbers)
cli-host-idle-timeout = Seconds a TCP terminal may stay silent before the host closes its connection
cli-host-max-connections = TCP connections open at once; at the cap a new terminal closes the longest-idle one
cli-host-max-per-peer = TCP connections open at once from one IP address
cli-host-keys = { cli-run-keys }
cli-host-params = { cli-run-params }
cli-host-after-help =
    Examples:
      cardbench host --listen 127.0.0.1:5800                 terminals connect over TCP
      cardbench host --listen /dev/ttyUSB0 --framing cups     play host for one POS on its serial line
      cardbench host --listen serial:/dev/ttyS0@115200        the same, at another line speed

cli-tui-about = The terminal UI (start screen)

cli-demo-about = The terminal UI against the built-in simulated terminal
cli-demo-scenario = Built-in scenario name (demo, crt310-mute, crt310-worn-head, …; docs/scenarios.md) or a scenario file
cli-demo-pos = A whole POS terminal instead: the simulated UnionPay POS with a dead keypad while the host has one bank down (docs/pos.md)
cli-demo-out = Report folder, created fresh (a folder that already holds files is refused); by default reports/demo-<timestamp>
cli-demo-operator = { cli-run-operator }
cli-demo-ticket = { cli-run-ticket }

cli-batch-about = Run the checklist on many terminals at once (QA line)
cli-batch-devices = A terminal to test, PROFILE:TARGET as for `run --device` (repeat for each)
cli-batch-stations = Stations file (TOML: one [[station]] per terminal, docs/batch.md)
cli-batch-deck = { cli-run-deck }
cli-batch-host = { cli-run-host }
cli-batch-terminal = { cli-run-terminal }
cli-batch-out = { cli-run-out }
cli-batch-operator = { cli-run-operator }
cli-batch-ticket = { cli-run-ticket }
cli-batch-swipes = { cli-run-swipes }
cli-batch-excel = { cli-run-excel }
cli-batch-baud = Serial line speed in baud, 300 to 4000000 (also the in-process simulators' pace)

cli-report-about = Reports: merge and summarise attempt CSVs
cli-report-summarize-about = Merge attempts.csv files of several runs into per-bank, per-card and per-terminal summaries
cli-report-summarize-dirs = Run folders (or attempts.csv files)
cli-report-summarize-json = Print one JSON document instead of the tables
cli-report-summarize-out = Write the summary CSVs into this folder as well

cli-doctor-about = Check a serial port before a run
cli-doctor-device = The device to check, PROFILE:TARGET (crt310:/dev/ttyUSB0, msr605:rfc2217://HOST:PORT); every serial port found otherwise

cli-replay-about = Reopen a finished run from its report folder (trace.jsonl), with no device: the TUI's end screen, or --headless the verdict through today's diagnosis
cli-replay-dir = The run's report folder (it holds trace.jsonl)
cli-replay-headless = No TUI: print the verdict again, from the recorded attempts, through today's diagnosis

cli-completions-about = Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout
cli-completions-shell = The shell to complete for, e.g. `cardbench completions bash > /etc/bash_completion.d/cardbench`

cli-man-about = Print the man page (roff) on stdout: `cardbench man > cardbench.1`

## A command line clap refused, said in the user's language (`commands::usage`). English
## shows clap's own words; these English messages say the same for id parity.

# $arg: the argument as typed.
cli-usage-unknown-argument = unexpected argument '{ $arg }' found
# $suggestion: a flag or subcommand that exists.
cli-usage-did-you-mean = a similar one exists: '{ $suggestion }'
# $arg: the flag and its value name (`--format <FORMAT>`); $value: the value as typed.
cli-usage-invalid-value = invalid value '{ $value }' for '{ $arg }'
# $values: the accepted values, comma-separated.
cli-usage-possible-values = possible values: { $values }
cli-usage-value-missing = a value is required for '{ $arg }' but none was supplied
# $args: the missing arguments, comma-separated.
cli-usage-missing-required = the following required arguments were not provided: { $args }
# $command: the subcommand as typed.
cli-usage-invalid-subcommand = unrecognized subcommand '{ $command }'
cli-usage-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
# $other: the argument(s) it conflicts with.
cli-usage-conflict = the argument '{ $arg }' cannot be used with { $other }
cli-usage-conflict-others = one or more of the other specified arguments
cli-usage-repeated = the argument '{ $arg }' cannot be used multiple times
cli-usage-too-many = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-usage-wrong-count = wrong number of values for '{ $arg }'
cli-usage-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-usage-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
cli-usage-other = the command line could not be read
# $said: what was refused; $why: why (from the value's check).
cli-usage-because = { $said }: { $why }
# $said: what was refused; $more: the possible values or a suggestion.
cli-usage-also = { $said }; { $more }

## Why a value was refused (`cli::BadValue`), after "invalid value … for …: ".

# $value: the value as typed.
cli-bad-swipes = { $value } is not a number of swipes from 1 to 99
cli-bad-number = not a whole number
cli-bad-number-too-large = the number is too large
# $value: the number; $low, $high: the accepted range.
cli-bad-range = { $value } is not in { $low }..={ $high }
cli-bad-no-station = a station needs a name
# $count: the label's length; $max: the longest allowed (the refused value is already quoted
# before it). $label (next messages): the label as shown, quoted and masked.
cli-bad-label-too-long = the label is { $count } characters long; a label has at most { $max }
cli-bad-label-control = { $label } holds a control character (ESC, CR, LF, …)
cli-bad-label-card-number = { $label } holds a card number; name the card, never write its number (a ticket or order number that only looks like one: break its digits with a letter or a slash, e.g. { $example })
cli-bad-label-folder = { $label } cannot be used as a folder name
cli-bad-lang = unknown language { $value }: use en or zh-CN

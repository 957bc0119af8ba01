### doctor: `doctor`, `ports`, `probe`: port checks and their advice.
### Ids start with `doctor-`. See docs/i18n.md.

## The line of one check: "FAIL  permissions: FINDING — fix: FIX".

doctor-level-ok = OK
doctor-level-warn = WARN
doctor-level-fail = FAIL
# Appended to a check's line when something needs doing; $fix: what to do.
doctor-fix = { " " }— fix: { $fix }

## Check names.

doctor-check-exists = exists
doctor-check-permissions = permissions
doctor-check-in-use = not in use
doctor-check-modem-manager = ModemManager
doctor-check-latency = latency timer
doctor-check-reachable = reachable
doctor-check-rfc2217 = rfc2217
doctor-check-identity = identity

## System errors in words.

doctor-io-not-found = no such file or device
doctor-io-permission-denied = permission denied
doctor-io-refused = connection refused
doctor-io-timed-out = timed out
doctor-io-reset = the connection was closed by the other side
doctor-io-unreachable = the address cannot be reached

## Findings and fixes.

doctor-no-ports = no serial ports found (USB adapters show as /dev/ttyUSBn or /dev/ttyACMn)
doctor-exists-missing-fix = plug the adapter in and check the cable; `cardbench ports` and `ls -l /dev/serial/by-id` list what is there
# $path: the port given; $stable: its /dev/serial/by-id name.
doctor-exists-stable-name = { $path } (stable name { $stable })
doctor-exists-use-stable-name = use the stable name { $stable }: ttyUSBn numbers change on replug
doctor-exists-simulator = built-in simulator
# $addr: the address the bench listens on (HOST:PORT).
doctor-exists-listen = the bench listens on { $addr }
doctor-permissions-node-fix = check the device node's owner, group and mode (`ls -l`), and ACLs or SELinux
# $mode: octal mode (660); $group: the node's group.
doctor-permissions-mode = mode { $mode }, group { $group }
# $desc: the mode and group above.
doctor-permissions-root = { $desc }; running as root
doctor-permissions-ok = { $desc }; this user may read and write it
doctor-permissions-not-in-group = { $desc }; this user is not in group { $group }
doctor-permissions-join-group-fix = `sudo usermod -aG { $group } $USER`, then log out and in again
doctor-permissions-root-group = { $desc }; only root may open it
# $group: the system's serial group (dialout or uucp); $node: the device node.
doctor-permissions-root-group-fix = give the port the { $group } group with a udev rule (SUBSYSTEM=="tty", KERNEL=="{ $node }", GROUP="{ $group }", MODE="0660"), then `sudo usermod -aG { $group } $USER` and log in again
doctor-in-use-not-checked = not tried: this user may not open the port (see permissions)
# $holders: "minicom (pid 1234), …".
doctor-in-use-held-by = held by { $holders }
doctor-in-use-modem-manager-fix = ModemManager is probing it: add the udev rule below, or `sudo systemctl stop ModemManager`
doctor-in-use-close-fix = close that program (`kill { $pid }` if it is stale)
doctor-in-use-simulator = the pseudo-terminal of `cardbench sim` (pid { $pid }): it keeps its own end open; no other program holds it
doctor-in-use-free = no other process has it open; exclusive open succeeded
doctor-open-permission-denied = the exclusive open was refused: permission denied (not in use by another program)
doctor-in-use-busy-fix = close the program that holds it
doctor-in-use-other-fix = see the message; check the cable and the adapter
# $error: why the open failed.
doctor-in-use-open-failed = exclusive open failed: { $error }
doctor-mm-not-running = not running
doctor-mm-running = running (pid { $pid }); it sends AT commands to new serial ports and holds them 10–20 s
# $rule: a udev rule.
doctor-mm-fix = put { $rule } in /etc/udev/rules.d/99-cardbench.rules and `sudo udevadm control --reload`
doctor-latency-none = not a USB-serial adapter with a latency timer
doctor-latency-none-driver = not a USB-serial adapter with a latency timer (driver { $driver })
# $ms (number): the timer; $driver: the kernel driver.
doctor-latency-slow = { $ms } ms ({ $driver }); short replies wait up to { $ms } ms each
# $file: the sysfs file.
doctor-latency-fix = `echo 1 | sudo tee { $file }` (permanent: udev rule ACTION=="add", SUBSYSTEM=="usb-serial", DRIVER=="{ $driver }", ATTR{"{"}latency_timer{"}"}="1")
doctor-latency-ok = { $ms } ms ({ $driver })
doctor-latency-unreadable = { $file } unreadable
doctor-latency-unreadable-fix = run as a user that can read sysfs
# $addr: HOST:PORT.
doctor-tcp-ok = tcp://{ $addr } accepts connections
doctor-tcp-fix = is ser2net running on that host and the port exported (ser2net.yaml accepter tcp,PORT)? firewall?
doctor-refused = { $addr } refused the connection: nothing is listening there
doctor-refused-fix = check that ser2net is running on that host and listening on that port (`systemctl status ser2net`; the accepter line in ser2net.yaml)
# $baud (number): the speed the server confirmed.
doctor-rfc2217-ok = rfc2217://{ $addr } negotiated COM-PORT-OPTION; server confirmed { $baud } baud
doctor-rfc2217-fix = the ser2net accepter must be telnet(rfc2217),tcp,PORT; use tcp:// for a raw port
# $profile: crt310 / msr605; $model, $firmware, $serial: what the device said.
doctor-identity-ok = { $profile } answered: model { $model }, firmware { $firmware }, serial { $serial }
doctor-identity-fix = check the profile ({ $profile }), baud rate and cable; power-cycle the reader
# $profile: the profile asked for; $known: the profiles there are, "crt310, crt591, msr605".
doctor-identity-unknown-profile = unknown profile "{ $profile }" (known: { $known })
# $addr: HOST:PORT. The English check shows the transport's own sentence, which says the same.
doctor-rfc2217-not-negotiated = rfc2217://{ $addr }: the server did not negotiate COM-PORT-OPTION (RFC 2217); is it a raw port? try tcp://{ $addr }

## `probe`: one line per fact, the label padded to 10 columns (commands::probe).

doctor-probe-device = device
doctor-probe-link = link
# $pty: the pseudo-terminal the built-in simulator answers on (/dev/pts/3).
doctor-probe-link-sim = built-in simulator (pty { $pty })
# $path: the stable name given (/dev/serial/by-id/…); $now: the device it points to now.
doctor-probe-link-now = { $path } (now { $now })
doctor-probe-profile = profile
doctor-probe-model = model
doctor-probe-firmware = firmware
doctor-probe-serial = serial
doctor-probe-serial-none = (the device reports none)
# What the device can do: interface names (common-interface-*) and this one, joined.
doctor-probe-can = can
doctor-probe-can-host = host
doctor-probe-list-sep = {", "}
doctor-probe-card = card
doctor-probe-status = status
doctor-probe-ready = ready

## `ports`: the table's column heads (commands::ports) and the port types.

doctor-ports-port = PORT
doctor-ports-type = TYPE
doctor-ports-vid-pid = VID:PID
doctor-ports-serial = SERIAL
doctor-ports-description = DESCRIPTION
# $kind: how the system sees the port (usb, pci, bluetooth, unknown), the English word.
doctor-ports-kind =
    { $kind ->
        [usb] usb
        [pci] pci
        [bluetooth] bluetooth
       *[other] { $kind }
    }
doctor-ports-none = no serial ports found (check the cable and permissions: dialout group; pseudo-terminals are not listed, pass their path directly)

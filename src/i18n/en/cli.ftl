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

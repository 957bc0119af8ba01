### host: `host` and the host client: the acquirer host simulator, sign-on, reversals.
### Ids start with `host-`. See docs/i18n.md.

### doctor: `doctor`, `ports`, `probe`: port checks and their advice.
### Ids start with `doctor-`. See docs/i18n.md.

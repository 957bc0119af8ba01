### report: report files and `report summarize`: column titles for people, the printable report.
### Ids start with `report-`. See docs/i18n.md.

### report: report files and `report summarize`: column titles for people, the printable report.
### Ids start with `report-`. See docs/i18n.md.

report-verdict-pass = 通过
report-verdict-not-tested = 未测试
report-reason-not-tested = { $cards } 张卡中 { $count } 张未测试：运行在测到它们之前已结束
report-written = 报告已写入 { $dir }
report-stopping = 已请求停止（Ctrl-C / SIGTERM）：正在结束运行并写入全部报告；再按一次 Ctrl-C 立即退出

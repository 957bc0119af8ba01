### tui：技师界面：开始界面、检查清单、时间线、浮层、底部按键提示、对话框。
### 消息 id 以 `tui-` 开头。见 docs/i18n.md。

## Run counts (header, end line, export): cards, not attempts.

tui-counts-running = { $done }/{ $cards } 张卡 · { $failed } 张失败（{ $checks } 项检查）
tui-counts-failed = { $cards } 张卡中 { $failed } 张失败（{ $checks } 项检查）
tui-counts-not-tested = { $count } 张卡未测试
tui-end-faults = 运行结束 — { $counts }，见诊断
tui-end-stopped = 运行{ $how } — { $counts }
tui-end-how-stopped = 已被操作员停止
tui-end-how-lost = 结束：设备断开
tui-end-how-could-not-run = 无法运行
tui-export-writing = 正在写入全部报告文件…

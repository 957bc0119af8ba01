### report: report files and `report summarize`: column titles for people, the printable report.
### Ids start with `report-`. See docs/i18n.md.

report-verdict-pass = 通过
report-verdict-not-tested = 未测试
report-reason-not-tested = { $cards } 张卡中 { $count } 张未测试：运行在测到它们之前已结束
report-written = 报告已写入 { $dir }
report-stopping = 已请求停止（Ctrl-C / SIGTERM）：正在结束运行并写入全部报告；再按一次 Ctrl-C 立即退出

## report.html: the printable report (one per run, one per batch).

report-html-title = 银行卡与终端测试报告
report-html-batch-title = 批量质检报告
report-html-identity = 测试信息
report-html-station = 工位
report-html-operator = 操作员
report-html-ticket = 工单号
report-html-terminal = 终端
report-html-model = 型号
report-html-firmware = 固件
report-html-serial = 序列号
report-html-device = 设备地址
report-html-deck = 测试卡组
report-html-host = 收单主机
report-html-started = 开始时间
report-html-ended = 结束时间
report-html-end = 结束方式
report-html-tool = 工具
report-html-computer = 计算机
report-html-none = 无
report-end-running = 仍在运行（或被强行终止）
report-end-complete = 已完成
report-end-stopped = 被操作员停止
report-end-device-lost = 设备断开
# How a run ended and why: $end (report-end-*), $reason (why, as recorded).
report-end-with-reason = { $end }：{ $reason }
report-end-could-not-run = 无法运行
report-html-verdict = 结论
report-html-no-fault = 未发现故障：所有预期均已满足。
report-html-not-complete = 运行未完成：未测到的卡标记为"未测试"。
# 未跑完所有检查的运行（docs/report-format.md "A run that did not finish"）。
# 无结论时打印报告的结论。$why：运行如何结束（report-end-*），或为何不完整。
report-html-incomplete = 未完成（{ $why }）：已执行的检查中未发现故障，但并非所有检查都已执行。
# 不完整运行中无结论时的诊断部分（及控制台结论块）。
report-no-fault-in-what-ran = 已执行的检查中未发现故障（本次运行不完整）
# 不完整运行的结论之后列出未执行的检查（控制台、report.html）。$checks：卡（接口）；卡（接口）……
report-not-tested-list = 未测试：{ $checks }
# 运行已结束但仍不完整的原因：有卡（或接口）未测试。
report-incomplete-cards = 部分卡未测试
# `replay` 的轨迹没有结束记录（运行被强行终止，或文件被截断）。
report-replay-truncated = 不完整：轨迹在运行结束前中断（被强行终止或文件被截断）
report-html-counts = { $cards } 张卡中 { $failed } 张失败（{ $checks } 项检查失败）；{ $untested } 张未测试
report-html-actions = 处理建议
report-html-confidence = 可信度
report-html-charts = 故障概览
report-html-chart-banks = 各发卡行失败卡数
report-html-chart-interfaces = 各接口失败卡数
report-html-chart-latency = 每笔授权的主机响应时间（毫秒）
report-html-no-latency = 没有计时的主机交易
report-html-cards = 测试卡
report-html-card = 卡片
report-html-bank = 发卡行
report-html-result = 结果
report-html-first-failure = 首个失败
report-html-action = 处理建议
report-html-diagnosis = 诊断
report-html-evidence = 证据
report-html-banks = 发卡行
report-html-tested = 已测
report-html-failed = 失败
report-html-not-tested = 未测试
report-html-reason = 原因
report-html-terminals = 终端
report-html-yield = 良率
report-html-yield-value = { $tested } 台终端中 { $passed } 台通过
report-html-legend-failed = 失败
report-html-legend-passed = 通过
report-html-legend-not-tested = 未测试
report-html-not-tested-cell = 未测试
report-html-footer = 卡号已屏蔽（仅显示前 6 位和后 4 位）；本报告不含磁道数据、CVV、PIN 或密钥。同一文件夹中的 CSV 文件、run.toml 和 report.xlsx 包含相同的结果。
report-replay-bad-lines = trace.jsonl 中有 { $count } 行无法读取，已跳过
report-replay-counts = 已记录的运行：{ $cards } 张卡中 { $failed } 张失败（{ $checks } 项检查）；结束方式：{ $end }


## `report summarize` as text (summarize::render). The CSV files keep the English column names.

report-summary-intro = 共 { $rows } 条尝试记录，来自 { $files } 个文件；通过 { $pass }，失败 { $fail }，出错 { $error }，跳过 { $skip }
report-summary-bad-rows = （跳过 { $count } 条无法读取的记录）
# 已计入而未重复统计的文件。$count（数字）；$files：路径，逗号分隔。
report-summary-skipped = { $count } 个文件未重复统计（重复给出、经其他路径到达，或位于已读取合并 attempts.csv 的批次文件夹内）：{ $files }
report-summary-per-bank = 按银行（刷卡/插卡/网络 = 失败数/尝试数）
report-summary-per-card = 按卡片
report-summary-per-terminal = 按终端
report-summary-unknown-bank = （未知银行）
report-summary-col-bank = 银行
report-summary-col-cards = 卡数
report-summary-col-terminals = 终端数
report-summary-col-card = 卡片
report-summary-col-pan = 卡号
report-summary-col-scheme = 卡组织
report-summary-col-station = 工位
report-summary-col-terminal = 终端
report-summary-col-model = 型号
report-summary-col-firmware = 固件
report-summary-col-attempts = 尝试
report-summary-col-pass = 通过
report-summary-col-fail = 失败
report-summary-col-error = 出错
report-summary-col-pass-rate = 通过率
report-summary-col-swipe = 刷卡
report-summary-col-chip = 插卡
report-summary-col-network = 网络
report-summary-col-family = 原因
report-summary-col-culprit = 故障对象
report-summary-col-run-started = 开始时间
report-summary-col-outcome = 结果
report-summary-col-source = 来源
report-summary-col-terminals-tested = 已测终端
report-summary-col-terminals-passed = 通过终端
report-summary-col-yield = 良率
# 良率表最后一行：所有来源合计。
report-summary-all = 合计
report-failed-card = 第 { $card_no } 张卡（{ $label }）

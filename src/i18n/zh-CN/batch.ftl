### batch：`batch`：产线批量测试的进度、结论和工位消息。
### 消息 id 以 `batch-` 开头。见 docs/i18n.md。

batch-bank-finding = 银行结论（{ $rule }）：{ $culprit } —— { $total } 台终端中有 { $terminals } 台出现；属银行故障，非终端故障
# 批量的 banks.csv：某银行失败的终端之后，列出其卡全部通过的终端。$terminals：终端标签，逗号分隔。
batch-bank-passed-on = 在 { $terminals } 上全部通过

# terminals.csv：失败检查项的文字说明（failing_checks_text）和处理建议（action）。
batch-check-words = { $card } · { $interface } { $step }：{ $meaning }
batch-check-words-run = { $interface } { $step }：{ $meaning }
batch-identity-model = 不是预期的终端：型号为 { $reported }，工位登记的是 { $expected }
batch-identity-serial = 不是预期的终端：序列号为 { $reported }，工位登记的是 { $expected }
batch-action-identity = 核对该端口上的终端是否为工位登记的那台（型号、序列号），然后重新测试
batch-action-could-not-run = 运行 `cardbench doctor --device { $device }`，按提示排除问题后重新测试该终端

# 批次的 report.html。
batch-html-folder = 批次文件夹
batch-html-chart-terminals = 各终端失败检查项
batch-html-failing = 失败检查项

batch-summary = { $terminals } 台终端：{ $pass } 台通过，{ $fail } 台失败，{ $error } 台出错 — { $csv }
batch-bar-cards = 张卡
batch-bar-opening = 正在打开…
batch-bar-running = 测试中
batch-bar-device-lost = 设备断开 — 正在重连
batch-bar-reconnected = 已重连
batch-device-lost = { $station }：设备断开（{ $why }），正在重连
batch-reconnected = { $station }：已重连
batch-progress-top = { $terminals } 台终端：{ $running } 台测试中 · { $pass } 台通过 · { $fail } 台失败 · { $error } 台出错   检查：{ $checks_pass } 项通过，{ $checks_fail } 项失败

batch-note-aborted = 已中止：{ $why }
batch-note-lost = 设备断开 { $lost } 次，重新连接 { $reconnected } 次
batch-worker-panicked = 该终端的检查线程意外崩溃

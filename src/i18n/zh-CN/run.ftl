### run：`run` 和 `demo`：无界面运行的进度行、运行结束、检查引擎的提示。
### 消息 id 以 `run-` 开头。见 docs/i18n.md。

run-nothing-tested = 没有任何卡片步骤得到测试：本次运行不能判为通过

run-started = 测试 { $station } { $device }{ $link }：{ $profile } { $model } 固件 { $firmware } 序列号 { $serial } — { $cards } 张卡 → { $dir }
run-device-lost = 设备断开：{ $why }
run-device-reconnected = 设备已重连
run-passed = 通过：全部符合预期：{ $dir }（报告）
run-failed = 失败：部分检查未通过：{ $dir }（报告）
# 无检查失败但并非所有检查都已执行时运行的最后一行（退出码 2）。$why：如何结束或为何不完整；$untested、$cards（数字）：未测试的卡数、卡组卡数；$dir：报告文件夹。
run-incomplete = 未完成：并非所有检查都已执行（{ $why }）；已执行的检查均未失败；{ $cards } 张卡中 { $untested } 张未测试：{ $dir }（报告）
# 未跑完的失败运行，在"不通过"行之下。$why、$untested、$cards：同 run-incomplete。
run-also-incomplete = 本次运行也不完整（{ $why }）：{ $cards } 张卡中 { $untested } 张未测试
run-verdict = 诊断结论：
run-no-fault = 未发现故障

# 无关具体卡片的步骤（连接、回响测试）行首，放在方括号里："[运行]"。
run-line-run = 运行

## 运行提前结束的原因（RunEnd）：run.toml 与 CSV 保留英文。
run-end-no-device = 没有设备
run-end-reader-silent = 读卡器不再应答
run-end-not-back = 设备断开，{ $secs } 秒内没有重新连上：{ $reason }
run-end-cannot-append = 无法追加写入 attempts.csv：{ $reason }
run-end-host = 主机 { $host }：{ $reason }
run-end-no-thread = 无法启动检查线程：{ $reason }
run-end-worker-panicked = 检查线程意外崩溃
run-end-bins = BIN 文件：{ $reason }
# $reason 以“文件 … 无法使用”开头：合起来读作“场景文件 … 无法使用”。
run-end-deck = { $what ->
        [scenario] 场景
       *[deck] 卡组
    }{ $reason }
run-end-deck-unfit = 卡组要求测试{ $what }，但该 { $profile } 读卡器无法测试：请选择适合该读卡器的卡组（内置卡组，或 --deck 指定其具备的接口）
run-end-reports = 无法在 { $dir } 写入报告：{ $reason }
run-end-unknown-profile = { $device }：未知的设备类型「{ $profile }」（已知类型：{ $known }）
run-end-pos-target = pos8583 只接受 `tcp-listen:HOST:PORT`、串口路径或 `sim`（本台即主机）
run-note-stopped = 测试中止：{ $reason }
run-note-retrying = 重做此步骤
run-note-reconnected = 设备已重连；继续当前步骤
run-note-run-toml = 无法写入 run.toml：{ $reason }
run-note-refused-column = 拒绝写入含卡号的单元格（{ $column } 列）
run-note-refused-cell = 拒绝写入含卡号的单元格：{ $cell }
run-note-export-failed = 导出失败：{ $reason }
run-note-summaries = 无法写入汇总：{ $reason }
run-note-nothing-to-skip = 当前没有可跳过的步骤：步骤正在进行（仅在等待刷卡或插卡时可跳过）
run-end-engine-gone = 检查引擎意外停止
run-end-trace-cut = 记录的运行没有结束（轨迹在第 { $count } 次尝试后中断）

### run：`run` 和 `demo`：无界面运行的进度行、运行结束、检查引擎的提示。
### 消息 id 以 `run-` 开头。见 docs/i18n.md。

run-nothing-tested = 没有任何卡片步骤得到测试：本次运行不能判为通过

run-started = 测试 { $station } { $device }{ $link }：{ $profile } { $model } 固件 { $firmware } 序列号 { $serial } — { $cards } 张卡 → { $dir }
run-device-lost = 设备断开：{ $why }
run-device-reconnected = 设备已重连
run-passed = 通过：全部符合预期：{ $dir }（报告）
run-failed = 失败：部分检查未通过：{ $dir }（报告）
run-verdict = 诊断结论：
run-no-fault = 未发现故障

# 无关具体卡片的步骤（连接、回响测试）行首，放在方括号里："[运行]"。
run-line-run = 运行

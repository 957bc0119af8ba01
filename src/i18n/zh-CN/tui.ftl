### tui：技师界面：开始界面、检查清单、时间线、浮层、底部按键提示、对话框。
### 消息 id 以 `tui-` 开头。见 docs/i18n.md。

## The whole screen.

tui-too-small = 窗口太小（{ $width }×{ $height }）：请至少调到 { $min_width }×{ $min_height }（放大窗口或缩小字体）。

## Checklist panel.

tui-matrix-more = 上方 { $above } 张 · 下方 { $below } 张 · ↑↓ 滚动

## src/tui/ui/start.rs

tui-cardbench-choose-a-terminal-to = cardbench — 选择要测试的终端
tui-devices = 设备
tui-no-serial-ports-detected-r = （未检测到串口 — 按 r 重新扫描）
tui-demo = 演示
tui-simulated-terminal-with-faults-demo = 带故障的模拟终端，演示卡组与主机
tui-built-in-crt-310-simulator = 内置 CRT-310 模拟器（刷卡 + 插卡）
tui-built-in-msr605-simulator-swipe = 内置 MSR605 模拟器（刷卡）
tui-built-in-crt-591-simulator = 内置 CRT-591 模拟器（发卡机：刷卡 + 插卡）
tui-built-in-pos-simulator = 内置银联 POS 终端模拟器（ISO 8583）
tui-run-settings = 运行设置
tui-the-demo-deck = 演示卡组
tui-the-demo-host-boc-down = 演示主机（中国银行故障）
tui-profile = 设备类型
tui-deck = 卡组
tui-host = 主机
tui-device-address = 设备地址
tui-remembered-in = 设置保存于

## src/tui/ui/header.rs

tui-connecting = 正在连接
tui-running = 运行中
tui-finished-all-passed = 完成：全部通过
tui-finished-faults-found = 完成：发现故障
tui-aborted = 已中止
tui-fw = 固件
tui-sn = 序列号
tui-lang-tag = {" "}中文{" "}

## src/tui/ui/prompt.rs

tui-operator = 操作提示
tui-time-left = 剩余时间
tui-r-retry-s-skip = r：重试 · s：跳过
tui-connecting-to-the-device = 正在连接设备…
tui-working = 处理中…
tui-run-finished-every-check-passed = 运行结束 — 所有检查通过
tui-run-aborted = 运行中止
tui-device-lost = 设备断开
tui-reports-in = 报告目录
tui-reports-line = 报告目录：{ $dir }

# On the diagnosis panel's border when not all of it fits: the keys that reach the rest.
tui-diag-more = {" "}↓ 更多：Tab ↑↓ 回车{" "}

## src/tui/ui/footer.rs

tui-select = 选择
tui-start = 开始
tui-profile-2 = 类型
tui-deck-2 = 卡组
tui-host-2 = 主机
tui-rescan = 扫描
tui-key-lang-other = English
tui-help = 帮助
tui-quit = 退出
tui-retry = 重试
tui-skip = 跳过
tui-timeline = 时间线
tui-details = 详情
tui-export = 导出

# The footer under an overlay (the overlay takes every key while open).
tui-key-scroll = 滚动
tui-key-close = 关闭
tui-key-stay = 留在此页
tui-key-keep = 确认
tui-key-cancel = 取消
tui-key-delete = 删除

## src/tui/ui/overlay/help.rs

tui-choose-a-device = 选择设备
tui-start-the-checklist = 开始检查
tui-reader-profile-for-a-serial = 串口设备类型
tui-test-deck = 测试卡组
tui-acquirer-host-none-network-steps = 收单主机（无：跳过网络检查）
tui-rescan-serial-ports = 重新扫描串口
tui-english = English ↔ 中文
tui-this-help = 本帮助
tui-retry-this-step = 重试此步骤
tui-skip-this-step = 跳过此步骤
tui-focus-the-link-timeline = 聚焦链路时间线
tui-next-panel-matrix-timeline-diagnosis = 切换面板（清单、时间线、诊断）
tui-move-in-the-focused-panel = 在当前面板中移动
tui-first-line-of-the-panel = 面板第一行
tui-details-of-the-selected-line = 所选行的详情
tui-follow-the-run-again = 重新跟随运行
tui-export-summaries-and-diagnosis-now = 立即导出汇总与诊断
tui-quit-asks-while-a-run = 退出（运行中会先确认）
tui-pgup-pgdn-scroll-any-other = ↑↓ PgUp PgDn 滚动 · 按其他任意键关闭帮助。

## src/tui/ui/overlay/quit.rs

tui-the-run-is-still-in = 检查仍在进行中。
tui-stop-it-and-quit-reports = 停止并退出？已写入的报告会保留。
tui-the-run-has-finished = 检查已经结束。
tui-quit-the-reports-are-written = 退出？报告已写入。
tui-quit-2 = {" "}退出{"   "}
tui-stay = {" "}留在此页

## src/tui/ui/overlay/mod.rs

tui-keys = 按键
tui-quit-3 = 退出？
tui-frame-details = 帧详情
tui-card-details = 卡片详情
tui-conclusion = 诊断结论
tui-esc-closes = {" "}Esc 关闭{" "}
tui-esc-closes-scroll = {" "}Esc 关闭 · ↑↓ 滚动{" "}

## src/tui/ui/overlay/frame.rs

tui-this-line-has-left-the = 该行已移出时间线缓冲区。
tui-bench-device = > 测试台 → 设备
tui-device-bench = < 设备 → 测试台
tui-bench-note = {""}* 测试台备注
tui-time = 时间
tui-link = 链路
tui-direction = 方向
tui-bytes = 字节数
tui-hex = 十六进制
tui-decoded = 解码
tui-nothing-decoded = {"  "}（无解码）

## src/tui/ui/overlay/card.rs

tui-bank = 银行
tui-scheme = 卡组织
tui-interfaces = 检查项
tui-reference-card-known-good = ★ 参考卡（已知完好）
tui-no-attempts-yet = 尚无检查记录。

## src/tui/ui/overlay/conclusion.rs

tui-cause = 原因
tui-at-fault = 故障对象
tui-confidence = 置信度
tui-rule = 规则
tui-finding = 结论
tui-action = 处理
tui-evidence = 证据

## src/tui/ui/theme.rs

tui-outcome-pass = 通过
tui-outcome-fail = 失败
tui-outcome-skip = 跳过
tui-outcome-error = 错误

## src/tui/ui/timeline.rs

tui-paused-end-follows = {" "}· 已暂停，End 跟随
tui-no-traffic-yet = （尚无通信）

## src/tui/ui/latency.rs

tui-host-latency-ms = 主机延迟 毫秒
tui-last = 最近
tui-max = 最大
tui-no-network-checks-yet = （尚无网络检查）

## src/tui/ui/matrix.rs

tui-checklist = 检查清单
tui-card = 卡片

## src/tui/ui/banks.rs

tui-failed-cards-by-bank = 各银行失败卡数
tui-no-attempts-yet-2 = （尚无检查）

## src/tui/ui/diagnosis.rs

tui-diagnosis = 诊断
tui-no-fault-found-every-expectation = 未发现故障：所有预期均已满足。
tui-the-run-could-not-start = 测试未能开始：{ $why }。没有测试任何项目，没有诊断。
tui-the-run-stopped-before-a = 运行在诊断前停止（已写入的报告保留）。
tui-the-diagnosis-appears-at-the = 诊断将在运行结束时显示（e：立即导出）。

## src/tui/keys.rs

tui-export-requested = 已请求导出

## src/tui/run_view.rs

tui-device-reconnected = 设备已重新连接
tui-unknown-bank = 未知银行

## src/tui/ui/start.rs

tui-default-the-simulator-s-deck = 默认（模拟器自带卡组）
tui-default-builtin-deck = 默认（内置卡组 { $name }）
tui-none-network-steps-skip = 无（网络检查跳过）

## src/tui/ui/prompt.rs

tui-waiting-for-the-host = 等待主机应答…
tui-waiting-for-the-terminal = 等待终端发来报文…

## Counts (plural forms: "1 check", "2 checks").

tui-header-counts = { $done }/{ $cards } 张卡 · { $failed } 项失败
tui-run-finished-failures = 运行结束 — { $count } 项检查失败，见诊断
tui-timeline-title = 链路时间线（{ $count } 行）
tui-evidence-count = 证据（{ $count }）

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

## Start screen: settings typed in.

tui-settings-station = 工位
tui-settings-operator = 操作员
tui-settings-ticket = 工单号
tui-settings-out = 报告目录
tui-settings-out-default = 当前目录下的 reports/
tui-entry-typed-address = 手动输入的地址（网络或串口）
tui-input-device-example = 类型:目标 — crt310:tcp://10.0.0.7:4001、msr605:rfc2217://10.0.0.7:4002、crt310:/dev/ttyUSB1
tui-input-host-example = 主机:端口（10.0.0.5:5800）、sim 或 sim:规则文件.toml
tui-input-station-example = 本测试台的名称，写入每一行报告（如 `bench-3`）
tui-input-free-text = 任意文字，写入 run.toml（留空：无）
tui-input-out-example = 一个目录；每次运行在其中建立自己的子目录（留空：reports/）
tui-input-keys = 回车确认 · Esc 取消 · 退格删除
tui-help-type-host = 输入收单主机地址（主机:端口）
tui-help-type-address = 输入设备地址（tcp://、rfc2217:// 或串口路径）
tui-help-station = 工位名称
tui-help-operator = 操作员
tui-help-ticket = 维修或质检工单号
tui-help-out = 报告目录
tui-key-address = 地址
tui-key-back = 返回
tui-quit-stop-and-back = 停止并返回开始界面？已写入的报告会保留。

tui-list-separator = {"；"}

## 开始界面：输入值被拒绝的原因（显示在输入行下方）。

tui-start-unknown-profile = 未知的设备类型；已知类型：{ $known }
tui-start-bad-host = 主机地址无效：{ $why }
tui-start-station-empty = 工位名称不能为空
tui-start-bad-folder = 目录无效：{ $why }

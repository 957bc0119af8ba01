### cli：命令行本身——命令无法运行时的错误（stderr 一行，附解决办法）及多个子命令共用的词。

cli-error = cardbench：错误：{ $message }

## 附在错误后的解决办法（“… — 办法”）。

cli-fix-connect-refused = { $addr } 上没有程序在监听：请在该地址启动主机（或 ser2net），或检查地址和端口
cli-fix-link = 请为 --link 指定一个新路径或已有的符号链接；普通文件和目录永远不会被替换
cli-fix-nothing-to-check = 请接上读卡器，或用 --device 指定 类型:目标（crt310:/dev/ttyUSB0、msr605:rfc2217://主机:端口）
cli-fix-help = cardbench --help 列出全部命令，cardbench 命令 --help 列出该命令的参数

## 帮助（`cardbench … --help`）。id：命令为 cli-路径-about，参数为 cli-路径-参数。

cli-heading-usage = 用法：
cli-heading-arguments = 参数：
cli-heading-options = 选项：
cli-heading-commands = 命令：
cli-usage-options = [选项]
cli-usage-command = 命令
cli-note-default = [默认：{ $value }]
cli-note-env = [环境变量：{ $name }={ $value }]
cli-note-values = [可选值：{ $values }]
cli-help-flag = 显示帮助
cli-version-flag = 显示版本
cli-help-about = 显示本帮助，或所给子命令的帮助

cli-about = 读卡器与 POS 终端测试台：磁条、芯片与网络检查清单，故障诊断与 CSV 报告
cli-lang = 界面语言：`en` 或 `zh-CN`。不给出（且未设 `CARDBENCH_LANG`）时按系统区域设置（`LC_ALL`、`LC_MESSAGES`、`LANG`：`zh_*` 为中文）
cli-bins = 补充的 BIN 数据（CSV：前缀,银行,卡组织,卡类型,国家），添加或覆盖内置表

cli-decode-about = 解释从日志中粘贴的字节：磁道、ATR、APDU、TLV、ISO 8583
cli-decode-kind = 输入的类型：`track`（磁道文本，或配合 --raw 的原始位流）、`atr`、`apdu`、`tlv` 或 `8583`
cli-decode-input = 输入（十六进制或磁道文本）；`-` 或不给出时从标准输入读取
cli-decode-more = 更多输入，以空格接在输入之后（不加引号粘贴的带空格十六进制）
cli-decode-format = ISO 8583 打包方式：`ascii`（各域均为文本）或 `cups`（BCD 数字，银联 POS 规范）
cli-decode-framed = 8583 输入带有传输报文头（`--format cups` 时为长度 + TPDU + 报文头；`ascii` 时为 2 字节长度）
cli-decode-raw = 磁道输入为原始位流（读卡器原始模式发出的十六进制字节）
cli-decode-json = 输出一个 JSON 文档

cli-sim-about = 在伪终端上运行设备模拟器（先输出 `PTY <路径>`）
cli-sim-kind = 要模拟的设备：`msr605`、`crt310` 或 `crt591`（读卡器），`pos`（POS 终端）
cli-sim-scenario = 场景：内置名称（`crt310-default`、`msr605-default`、`demo`、`crt310-mute` 等）或 TOML 文件（docs/scenarios.md）；不给出时用模拟器的内置默认场景
cli-sim-baud = 模拟器输出的节奏所按的线路速率（每字节 10 个位时间），300 到 4000000
cli-sim-link = 以此符号链接发布伪终端（类似 /dev/serial/by-id）。只会替换符号链接，绝不替换文件或目录；模拟器退出时删除该链接
cli-sim-connect = POS 模拟器：通过 TCP 拨号到此主机（主机:端口），而不是打开伪终端
cli-sim-connect-wait = 与 --connect 同用：主机尚未监听时继续拨号的秒数（重试间隔从 0.1 秒倍增到 2 秒），0 到 3600；0 表示第一次被拒即放弃

cli-ports-about = 列出串口及其 USB 标识和固定名称

cli-probe-about = 识别设备并显示其状态
cli-probe-device = 设备地址 类型:目标，例如 crt310:/dev/ttyUSB0、msr605:tcp://127.0.0.1:3001、crt310:rfc2217://10.0.0.7:4001、crt310:sim 或 crt310:sim:场景。设备类型：{ $profiles }
cli-probe-baud = 串口波特率，300 到 4000000（也是进程内模拟器的节奏）；不给出时用该设备类型的默认值

cli-read-about = 等待一张卡并输出读到的内容（已掩码）
cli-read-device = { cli-probe-device }
cli-read-baud = { cli-probe-baud }
cli-read-chip = 读芯片（EMV 流程）而不是磁条
cli-read-terminal = 配合 --chip：终端配置（TOML，docs/terminal.md）；默认用内置配置
cli-read-json = 输出一个 JSON 文档而不是逐行文本
cli-read-wait = 等待刷卡或插卡的秒数（1 到 86400；不接受 0：没有“无限等待”）

cli-run-about = 在一台终端上运行检查清单
cli-run-device = { cli-probe-device }
cli-run-baud = { cli-probe-baud }
cli-run-deck = 卡组文件（TOML，docs/checklist.md）；默认用与模拟器默认场景相配的卡组（`batch`：用于未指定卡组的每个工位）
cli-run-host = 收单行主机：主机:端口，或 `sim[:RULES.toml]` 使用内置主机模拟器；不给出时跳过网络步骤（`batch`：每台终端的主机）
cli-run-terminal = 芯片步骤的终端配置（TOML，docs/terminal.md）：终端数据、AID 列表与参数、CA 公钥；默认用内置配置
cli-run-out = 报告目录，新建（已有文件的目录会被拒绝）；默认为 reports/<工位>-<时间戳>（`batch`：reports/batch-<时间戳>，每台终端一个子目录）
cli-run-operator = 操作员姓名或工号，记入 run.toml
cli-run-ticket = 维修单或质检单号，记入 run.toml
cli-run-headless = 不用终端界面：每次尝试输出一行，最后输出结论
cli-run-station = 工位名称，写入每一行（也用于默认报告目录名）
cli-run-swipes = 每张卡的刷卡次数（1 到 99）
cli-run-prompt-timeout = 每次提示等待操作员的秒数（1 到 86400）
cli-run-keys = POS 终端：密钥文件（主密钥、MAC 算法、发卡行密钥；docs/pos.md），或 `test` 使用内置测试密钥（默认）
cli-run-params = POS 终端：主机在下载中下发的 IC 卡参数和 CA 公钥（docs/pos.md），或 `test` 使用内置参数（默认）
cli-run-excel = 供 Excel 使用的 CSV：带 UTF-8 BOM，行尾为 CRLF

cli-host-about = 基于 TCP 的 ISO 8583 收单行主机模拟器
cli-host-listen = 监听位置：TCP 地址（127.0.0.1:5800），供拨号到主机的终端连接；或串口（/dev/ttyUSB0、serial:路径[@波特率]，默认 9600 波特），在其串口线上为一台 POS 充当主机
cli-host-rules = 规则文件（TOML，docs/host-rules.md）或内置名称（`demo`）；默认全部批准
cli-host-framing = 报文分帧：`len2`（2 字节长度）、`cups`（长度 + TPDU + 报文头）或 `ascii4`（4 位 ASCII 数字长度）
cli-host-packing = ISO 8583 打包方式：`ascii` 或 `cups`（BCD 数字）
cli-host-idle-timeout = TCP 终端无数据多少秒后主机关闭其连接
cli-host-max-connections = 同时打开的 TCP 连接数；达到上限时，新终端会挤掉空闲最久的连接
cli-host-max-per-peer = 同一 IP 地址同时打开的 TCP 连接数
cli-host-keys = { cli-run-keys }
cli-host-params = { cli-run-params }
cli-host-after-help =
    示例：
      `cardbench host --listen 127.0.0.1:5800`               终端通过 TCP 连接
      `cardbench host --listen /dev/ttyUSB0 --framing cups`   在一台 POS 的串口线上充当主机
      `cardbench host --listen serial:/dev/ttyS0@115200`      同上，使用另一线路速率

cli-tui-about = 终端界面（开始屏幕）

cli-demo-about = 连接内置模拟终端的终端界面
cli-demo-scenario = 内置场景名称（`demo`、`crt310-mute`、`crt310-worn-head` 等；docs/scenarios.md）或场景文件
cli-demo-pos = 改为整台 POS 终端：模拟的银联 POS，键盘失灵，同时主机端有一家银行不可用（docs/pos.md）
cli-demo-out = 报告目录，新建（已有文件的目录会被拒绝）；默认为 reports/demo-<时间戳>
cli-demo-operator = { cli-run-operator }
cli-demo-ticket = { cli-run-ticket }

cli-batch-about = 同时在多台终端上运行检查清单（质检产线）
cli-batch-devices = 要测试的终端，类型:目标，同 `run --device`（每台重复一次）
cli-batch-stations = 工位文件（TOML：每台终端一个 [[station]]，docs/batch.md）
cli-batch-deck = { cli-run-deck }
cli-batch-host = { cli-run-host }
cli-batch-terminal = { cli-run-terminal }
cli-batch-out = { cli-run-out }
cli-batch-operator = { cli-run-operator }
cli-batch-ticket = { cli-run-ticket }
cli-batch-swipes = { cli-run-swipes }
cli-batch-excel = { cli-run-excel }
cli-batch-baud = 串口波特率，300 到 4000000（也是进程内模拟器的节奏）

cli-report-about = 报告：合并并汇总各次尝试的 CSV
cli-report-summarize-about = 把多次运行的 attempts.csv 合并为按银行、按卡、按终端的汇总
cli-report-summarize-dirs = 运行目录（或 attempts.csv 文件）
cli-report-summarize-json = 输出一个 JSON 文档而不是表格
cli-report-summarize-out = 同时把汇总 CSV 写入此目录

cli-doctor-about = 运行前检查串口
cli-doctor-device = 要检查的设备，类型:目标（crt310:/dev/ttyUSB0、msr605:rfc2217://主机:端口）；不给出时检查找到的每个串口

cli-replay-about = 从报告目录（trace.jsonl）重新打开一次已结束的运行，无需设备：终端界面的结束屏幕，或配合 --headless 用当前的诊断重新给出结论
cli-replay-dir = 该次运行的报告目录（其中有 trace.jsonl）
cli-replay-headless = 不用终端界面：根据记录的尝试，用当前的诊断重新输出结论

cli-completions-about = 在标准输出打印命令行补全脚本（`bash`、`zsh`、`fish`、`elvish`、`powershell`）
cli-completions-shell = 要补全的命令行程序，例如 `cardbench completions bash > /etc/bash_completion.d/cardbench`

cli-man-about = 在标准输出打印手册页（`roff` 格式）：`cardbench man > cardbench.1`

## 被拒绝的命令行（`commands::usage`），一行。

cli-usage-unknown-argument = 不认识的参数 '{ $arg }'
cli-usage-did-you-mean = 有一个相近的：'{ $suggestion }'
cli-usage-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
cli-usage-possible-values = 可选值：{ $values }
cli-usage-value-missing = '{ $arg }' 需要一个值，但没有给出
cli-usage-missing-required = 缺少必需的参数：{ $args }
cli-usage-invalid-subcommand = 没有 '{ $command }' 这个命令
cli-usage-missing-subcommand = '{ $command }' 后面需要一个子命令
cli-usage-conflict = 参数 '{ $arg }' 不能与 { $other } 同时使用
cli-usage-conflict-others = 另外给出的某个参数
cli-usage-repeated = 参数 '{ $arg }' 只能给出一次
cli-usage-too-many = '{ $arg }' 多出了一个值 '{ $value }'，它不再接受更多的值
cli-usage-wrong-count = '{ $arg }' 的值的个数不对
cli-usage-no-equals = 给 '{ $arg }' 赋值时需要等号
cli-usage-invalid-utf8 = 参数中有无效的 UTF-8 字节
cli-usage-other = 无法理解这个命令行
cli-usage-because = { $said }：{ $why }
cli-usage-also = { $said }；{ $more }

## 值被拒绝的原因（`cli::BadValue`）。

cli-bad-swipes = { $value } 不是 1 到 99 之间的刷卡次数
cli-bad-number = 不是整数
cli-bad-number-too-large = 数字太大
cli-bad-range = { $value } 不在 { $low } 到 { $high } 之间
cli-bad-no-station = 工位需要一个名称
cli-bad-label-too-long = 名称有 { $count } 个字符，最多 { $max } 个字符
cli-bad-label-control = { $label } 含有控制字符（如换行、回车）
cli-bad-label-card-number = { $label } 含有卡号；请给卡起个名字，不要写卡号（只是形似卡号的工单号或订单号：用字母或斜杠把数字隔开，例如 { $example }）
cli-bad-label-folder = { $label } 不能用作目录名
cli-bad-lang = 未知语言 { $value }：请用 `en` 或 `zh-CN`

### errors：命令无法运行的原因——应用错误及其包含的错误（文件、设备、主机、解码、系统输入输出）。

errors-report = 报告：{ $reason }
errors-could-not-run = 本次运行无法进行：{ $reason }
errors-link = 无法把伪终端发布为 { $path }：{ $reason }
errors-connect = 无法连接 { $addr }：{ $reason }
errors-terminal = 无法打开终端界面（{ $reason }）；没有终端时请用 `cardbench run --headless`
errors-no-terminal-tested = 没有一台终端能够测试：{ $reason }
errors-nothing-to-check = 没有可检查的设备：找不到串口，也没有指定 --device
errors-json = 无法写出 JSON：{ $reason }

errors-io-not-found = 找不到文件或目录
errors-io-permission-denied = 权限不足
errors-io-connection-refused = 连接被拒绝
errors-io-connection-reset = 连接被对方重置
errors-io-connection-aborted = 连接被中止
errors-io-not-connected = 未连接
errors-io-addr-in-use = 地址已被占用（另一个程序占着该端口）
errors-io-addr-not-available = 本机没有该地址
errors-io-broken-pipe = 对方已关闭连接
errors-io-already-exists = 已存在
errors-io-would-block = 操作会阻塞
errors-io-invalid-input = 取值无效
errors-io-invalid-data = 数据无效
errors-io-timed-out = 超时
errors-io-write-zero = 无法写入任何数据
errors-io-interrupted = 被中断
errors-io-unsupported = 本系统不支持
errors-io-unexpected-eof = 数据提前结束
errors-io-out-of-memory = 内存不足
errors-io-not-a-directory = 不是文件夹
errors-io-is-a-directory = 是一个文件夹
errors-io-directory-not-empty = 文件夹不为空
errors-io-read-only = 文件系统只读
errors-io-storage-full = 磁盘已满
errors-io-host-unreachable = 主机不可达
errors-io-network-unreachable = 网络不可达
errors-io-busy = 设备或资源忙
errors-io-other-code = 系统错误（错误码 { $code }）
errors-io-other = 系统错误

errors-hex-bad-char = 第 { $offset } 个字符 { $ch } 不是十六进制数字
errors-hex-odd = 十六进制位数为奇数（末尾缺半个字节，位置 { $offset }）
errors-decode-file-argument = { $path } 是一个文件：decode 从参数或标准输入读取字节；请用：cardbench decode … - < { $path }
errors-decode-stdin-folder = 标准输入是一个文件夹，不是文本：decode 从参数或文件读取十六进制（或磁道文本）；请用：cardbench decode { $kind } - < 文件
errors-decode-stdin-not-text = 标准输入不是文本（是二进制文件吗？）：decode 读取十六进制（或磁道文本）；二进制字节请用：xxd -p 文件 | cardbench decode { $kind } -

errors-decode-layer =
    { $layer ->
        [iso8583] 8583 报文
        [frame] 8583 帧
        [tlv] TLV
        [atr] ATR
        [apdu] APDU
        [emv] EMV
        [track] 磁道
       *[other] { $layer }
    }
errors-decode = { $layer }：第 { $offset } 字节处期望 { $expected }
errors-decode-kind =
    { $kind ->
        [truncated] { $layer }：第 { $offset } 字节处数据提前结束
        [checksum] { $layer }：第 { $offset } 字节处校验值不符
        [too-deep] { $layer }：第 { $offset } 字节处嵌套过深
        [too-long] { $layer }：第 { $offset } 字节处超出允许长度
       *[other] { $layer }：第 { $offset } 字节处的值不符合格式
    }

errors-exp-ts = TS（3B 或 3F）
errors-exp-ts-inverse = TS 为 3B 或 3F（03 是按正向约定读取的反向约定卡）
errors-exp-interface-end = 接口字节结束（ATR 最多 33 字节）
errors-exp-historical = { $a } 个历史字节（实际 { $b } 个）
errors-exp-tag-byte = 一个标签字节
errors-exp-tag-next = 标签的后续字节
errors-exp-tag-max = 最多 { $a } 字节的标签
errors-exp-length-byte = 一个长度字节
errors-exp-length-bytes = { $b } 之后的 { $a } 个长度字节
errors-exp-length-max = 最多 4 个长度字节的长度（81..84）
errors-exp-definite = 确定长度（EMV 不用不定长度 80）
errors-exp-value-bytes = 标签 { $b } 的 { $a } 个值字节（输入只剩 { $c } 字节）
errors-exp-data-object = 一个数据对象
errors-exp-nesting = 最多 { $a } 层嵌套的结构对象
errors-exp-more = 更多字节
errors-exp-apdu-header = 4 字节的命令头 CLA INS P1 P2
errors-exp-apdu-lc = 不为 0000 的扩展 Lc
errors-exp-apdu-le = 一个 Le 字节，或 Lc（1 个非零字节，或 3 字节 00 xx xx）加数据
errors-exp-sw = 状态字 SW1 SW2
errors-exp-afl = 每项 4 字节的 AFL
errors-exp-afl-sfi = 第 8–4 位为 1..30 的 SFI（实际 { $a }）
errors-exp-dol-length = DOL 标签 { $a } 的长度字节
errors-exp-cvm-amounts = CVM 列表中 8 字节的金额 X 和 Y
errors-exp-cvm-rules = 每条 2 字节的 CVM 规则
errors-exp-mti-ascii = MTI（4 位 ASCII 数字）
errors-exp-mti-bcd = MTI（2 字节 BCD）
errors-exp-bitmap-primary = 主位图
errors-exp-bitmap-secondary = 次位图
errors-exp-bytes-left = { $a }：需要 { $b } 字节，只剩 { $c } 字节
errors-exp-ascii-digits = ASCII 数字形式的{ $a }，实际字节 { $b }
errors-exp-bcd-digits = BCD 数字形式的{ $a }，实际字节 { $b }
errors-exp-as-bcd = BCD 数字形式的{ $a }，实际字节 { $b }
errors-exp-as-hex = 16 个十六进制字符的{ $a }
errors-exp-length-at-most = { $a }长度最多 { $b }，长度前缀却是 { $c }
errors-exp-length-prefix = { $a }的长度前缀
errors-exp-length-of = { $a }的长度
errors-exp-left-over = 位图中最后一个域之后报文结束，却多出 { $a } 字节
errors-exp-frame-digits = 4 位 ASCII 数字的长度，实际字节 { $a }
errors-exp-frame-tpdu = TPDU（5 字节）和报文头（6 字节），长度却只有 { $a }
errors-exp-frame-tpdu-id = 长度之后是 TPDU 标识 60，实际 { $a }（没有 TPDU？）
errors-exp-frame-header = { $a } 字节的长度头，只收到 { $b } 字节
errors-exp-frame-short = { $a } 字节（长度头为 { $b }，收到 { $c } 字节）
errors-exp-frame-end = 帧结束（长度头为 { $a }，收到 { $b } 字节）
errors-exp-field = 第 { $a } 域（{ $b }）
errors-warning = { $layer }：第 { $offset } 字节处：{ $what }
errors-warn-ber-length = 标签 { $b } 的长度字节 { $a } 不是有效的 BER 编码；按剩余字节数 { $c } 读取
errors-warn-pad-nibble = { $a }：填充半字节 { $b }（应为 0 或 F），已忽略

errors-load = 文件 { $path } 无法使用：{ $reason }
errors-load-key = 文件 { $path } 无法使用（键 `{ $key }`）：{ $reason }
errors-load-line = 文件 { $path } 第 { $line } 行无法使用：{ $reason }
errors-load-line-key = 文件 { $path } 第 { $line } 行无法使用（键 `{ $key }`）：{ $reason }
errors-load-not-utf8 = 不是 UTF-8 文本（第 { $byte } 字节）
errors-load-too-large = 文件有 { $size } 字节，上限 { $limit } 字节（文件选对了吗？）
errors-unknown-scenario = { $name }：未知的场景；内置场景：{ $known }（或给出 .toml 场景文件）
errors-load-toml = 第 { $line } 行有误，请对照文档改正这一行（TOML 解析器的说明：「{ $detail }」）
errors-load-library = 文件内容有误，请对照文档改正（原文说明：「{ $detail }」）
errors-load-detail = 「{ $detail }」

errors-host-bind = 无法在 { $addr } 上监听：{ $reason }
errors-host-connect = 无法连接主机 { $addr }：{ $reason }
errors-host-rules = 主机规则{ $reason }
errors-host-bad-link = 主机地址有误：{ $reason }
errors-host-io = 输入输出错误：{ $reason }

errors-report-csv = CSV 文件无法读写「{ $detail }」
errors-folder-not-fresh = 报告文件夹 { $path } 里已有 `{ $files }`：新的运行不会与旧的混在一起；请换一个 --out，或把该文件夹移走
errors-folder-link = 报告文件夹 { $path } 是符号链接，拒绝通过它写入
errors-folder-not-a-dir = 报告文件夹 { $path } 已存在，但不是文件夹
errors-folder-create = 无法创建报告文件夹 { $path }：{ $reason }；请换一个可写入的 --out

errors-device-open = { $open }：{ $reason }
errors-device-open-hinted = { $reason }（{ $hint }）
errors-device-open-busy-fix = 另一个程序占着该端口：请关闭它，或停止 ModemManager；见 docs/hardware.md
errors-device-open-permission-fix = 请把用户加入 `dialout` 组，见 docs/hardware.md
errors-device-open-missing-fix = 读卡器或终端插好了吗？可运行 `cardbench ports` 查看
errors-io-not-a-serial-port = 不是串口
errors-device-open-not-serial-fix = 读卡器接在 /dev/ttyUSB0 或 /dev/serial/by-id/… 这样的串口上；可运行 `cardbench ports` 查看
errors-device-io = 设备输入输出错误：{ $reason }

errors-track-hex = 磁道：第 { $offset } 个字符 { $ch } 不是十六进制数字
errors-track-odd = 磁道：十六进制位数为奇数（第 { $offset } 个字符处缺半个字节）
errors-track-empty = 磁道：没有输入（应为磁道文本，或配合 --raw 的十六进制）
errors-decode-incomplete = { $layer ->
    [track] 磁道
    [atr] ATR
    [apdu] APDU
    [tlv] TLV
   *[other] ISO 8583
}：输入未能全部解码；输出中已标出未解码之处及原因（改正这些字节后再解码）

errors-summarize-no-folder = { $path }：没有这个运行文件夹或 `attempts.csv` 文件
errors-summarize-no-attempts = { $path }：该文件夹及其子文件夹中没有 `attempts.csv`
errors-replay-no-trace = { $path }：无法读取 `{ $file }`（{ $reason }）；回放需要本版本写出的运行文件夹
errors-batch-no-terminals = 没有终端：请用 --device 指定（可重复），或用 --stations 指定文件
errors-read-no-stripe = { $profile } 不能读磁条
errors-read-no-chip = { $profile } 没有芯片读卡器（去掉 --chip 再读）
errors-bins-file = --bins（BIN 表文件）：{ $reason }
errors-run-file =
    { $part ->
        [deck] 本次运行无法进行：卡组{ $reason }
       *[other] 本次运行无法进行：BIN 表{ $reason }
    }
errors-unknown-profile = 未知的设备类型；已知类型：{ $known }
errors-run-unknown-profile = 本次运行无法进行：{ $device }：未知的设备类型 { $profile }（已知类型：{ $known }）
errors-device-unknown-profile = { $device }：未知的设备类型 { $profile }（已知类型：{ $known }）

errors-cannot-open-device = 无法打开 { $device }：{ $reason }

## 卡组文件的错误（deck.rs）。
errors-load-deck-no-cards = 卡组里没有任何卡：请添加 `[[card]]` 条目
errors-load-deck-interface = 第 { $card_no } 张卡：未知的接口 { $value }（可用 `swipe`、`chip`、`network`）
errors-load-deck-expect-interface = 第 { $card_no } 张卡：`expect` 中有未知的接口 { $value }（可用 `swipe`、`chip`、`network`）
errors-load-deck-expect = 未知的预期结果 { $value }：可用 `pass`、`{ $words }`、`rc:NN` 或信号代码（见 docs/checklist.md）
errors-load-deck-tracks = 第 { $card_no } 张卡：`tracks` 只能是 1、2 或 3
errors-load-deck-scheme = 第 { $card_no } 张卡：未知的卡组织 { $value }
errors-load-deck-pin = 第 { $card_no } 张卡：`pin` 必须是 4 到 12 位数字
errors-load-scenario-no-cards = 场景里没有任何卡，运行将什么也测不了：请添加 `[[card]]` 条目，或选择一个卡组（--deck 文件）
errors-load-no-builtin-deck = 设备类型 { $profile } 没有内置卡组：请选择一个卡组（--deck 文件）

## 工位文件与 BIN 文件的错误。
errors-load-no-stations = 文件里没有任何工位：请添加 `[[station]]` 条目
errors-load-station-device = { $value } 不是设备地址：应写成 `PROFILE:TARGET`（设备类型:位置）
errors-load-station-twice = 工位名称 { $label } 重复：每个工位的名称必须不同
errors-load-bins-quote = 引号没有闭合：请补上另一个双引号
errors-load-bins-prefix = { $value } 不是 1–12 位数字的 BIN 前缀
errors-load-bins-scheme = { $value } 不是已知的卡组织（可用：{ $known }）
errors-load-bins-type = { $value } 不是已知的卡类型：可用 `debit`、`credit`、`quasi-credit` 或 `prepaid`
errors-load-bins-country = { $value } 不是两个字母的国家代码（如 CN）
errors-load-csv = CSV 格式有误，请检查这一行的逗号和引号（CSV 解析器的说明：「{ $detail }」）
## 主机规则文件的错误（docs/host-rules.md）。
errors-load-rule-time = { $value }：时间应写成 HH:MM-HH:MM 或 +0m..+30m
errors-load-rule-amount = { $value }：金额应写成 12.51 或 .51，最大 9999999999.99（DE4 只有 12 位数字）
errors-load-rule-bin = BIN 前缀应为 1 到 12 位数字
errors-load-rule-mti = { $value }：MTI 应为四位数字（如 0200）
errors-load-rule-card = 含有卡号：请只写卡号后 4 位或其掩码形式
errors-load-rule-delay = 最多 { $max } 毫秒（十分钟），而不是 { $value }
errors-load-rule-processing = 应为 0 到 9
errors-load-rule-script = 应为 "71" 或 "72"
errors-load-rule-rc = { $value }：应答码是两位字母或数字（如 00、51、A1）
## 模拟器场景文件的错误（docs/scenarios.md）。
errors-load-field = `{ $key }`：{ $why }
errors-load-sim-card = 第 { $card_no } 张卡（{ $label }）：{ $why }
errors-load-sim-app = 第 { $app_no } 个应用：{ $why }
errors-load-sim-think-time = 最多 { $max } 毫秒（十分钟），而不是 { $value }
errors-load-sim-aid-prefix = AID 前缀应为 1 到 16 字节
errors-load-sim-identity-long = 有 { $size } 字节；设备标识最多 { $max } 字节（须能放进一帧应答）
errors-load-sim-identity-ascii = { $value } 只能是可打印的 ASCII 字符
errors-load-sim-track = 磁道只能是 1、2 或 3，而不是 { $value }
errors-load-sim-probability = 概率应在 0.0 到 1.0 之间，而不是 { $value }
errors-load-sim-pan = 卡号应为 12 到 19 位数字
errors-load-sim-expiry = 有效期应为 4 位数字（`YYMM`，年月）
errors-load-sim-service-code = 服务代码应为 3 位数字
errors-load-sim-digits = 只能是数字
errors-load-sim-name = 持卡人姓名应为 2 到 26 个一磁道可用的大写字符，例如 ZHANG/SAN
errors-load-sim-track-long = 第 { $track } 磁道将有 { $len } 个字符（含起止符和 LRC）；磁条一条磁道最多 { $max } 个
errors-load-sim-atr = ATR 应为 2 到 33 字节
errors-load-sim-pin = PIN 应为 4 到 12 位数字
errors-load-sim-aid = AID 应为 5 到 16 字节
errors-load-sim-priority = 优先级应为 1 到 15
errors-load-sim-aip = AIP 应为 2 字节
errors-load-sim-pdol = 不是“标签 + 长度”的列表（{ $detail }）
errors-load-sim-record = 记录模板应以 70 开头
errors-load-sim-app-label = 最多 16 个字符
## POS 模拟器场景文件的错误（docs/pos.md）。
errors-load-pos-framing = `pos.framing` 的值 { $value } 无效：可用 `cups`、`len2` 或 `ascii4`
errors-load-pos-version = `pos.software_version` 的值 { $value } 无效：应为 `MM/SSSSSS` 形式的数字
errors-load-pos-sign-on = `pos.sign_on` 的值 { $value } 无效：可用 001、003、004 或 006
errors-load-pos-mac = `pos.mac` 的值 { $value } 无效：可用 `pos-ecb` 或 `x9.19`
errors-load-pos-master-key = `pos.master_key`：应为 32 位十六进制数字
errors-load-pos-kernel = `pos.kernel_version` 的值 { $value } 无效：应为 4 位十六进制数字
errors-load-pos-batch = 批次号 `pos.batch` 的值 { $value } 无效：应为 6 位数字
errors-load-pos-entry = 卡 { $value }：`entry` 只能是 `swipe`、`chip` 或 `fallback`
errors-load-pos-pan = 卡 { $value }：卡号应为 13 到 19 位数字
errors-load-pos-aip = 卡 { $value }：`aip` 应为 4 位十六进制数字
errors-load-pos-pin = 卡 { $value }：PIN 应为 4 到 12 位数字
## 密钥文件与参数文件的错误（docs/pos.md）。
errors-load-missing = 缺少此项
errors-load-key-hex = 应为 { $digits } 位十六进制数字（{ $kind }）
errors-load-key-kcv = 校验值（KCV）算出来是 { $got }，文件里写的是 { $want }：密钥或校验值写错了
errors-load-key-mac = { $value }：MAC 算法可用 `pos-ecb` 或 `x9.19`
errors-load-key-terminal-id-place = 应写在 `[[terminal]]` 里，而不是 `[master]` 里
errors-load-key-terminal-id = 终端号应为 8 个字符（DE41）
errors-load-key-bin = 应为一个或多个数字组成的 BIN 前缀
errors-load-param-bytes = 有 { $got } 字节；应为 { $same ->
        [yes] { $min } 字节
       *[no] { $min } 到 { $max } 字节
    }
errors-load-param-percent = 应为 0 到 99
errors-load-param-expiry = 日期应写成 `YYYYMMDD`
errors-load-param-exponent = 指数应为 03 或 010001
## 终端（EMV 内核）参数文件与 CA 公钥文件的错误（docs/terminal.md）。
errors-load-not-hex = 不是十六进制（{ $detail }）
errors-load-terminal-hex-bytes = 应为 { $same ->
        [yes] { $min } 字节的十六进制
       *[no] { $min } 到 { $max } 字节的十六进制
    }（实际 { $got } 字节）
errors-load-terminal-n3 = 应为 3 位数字代码，写成带前导 0 的 4 位数字（如 0156）
errors-load-terminal-percent = 应为 0 到 99（实际 { $got }）
errors-load-terminal-max-target = 不能小于 `target_percent`
errors-load-terminal-threshold = 不能大于最低限额（{ $floor }）
errors-load-terminal-no-key-file = 此处不能引用公钥文件
errors-load-capk-rid = RID 应为 5 字节
errors-load-capk-index = 公钥索引应为一个字节（十六进制）
errors-load-capk-modulus = 模数应为 64 到 248 字节，指数应为 03 或 010001
errors-load-capk-checksum = SHA-1 校验和与公钥不符（按公钥算出的是 { $want }）：公钥或校验和写错了

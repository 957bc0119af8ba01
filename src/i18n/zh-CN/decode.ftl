### decode：`decode`：磁道、ATR、APDU、TLV/EMV 标签和 ISO 8583 域的解释。
### 消息 id 以 `decode-` 开头。见 docs/i18n.md。

## decode track（explain::track）。

decode-track-title = 磁道 { $track }：{ $status }
decode-track-title-equivalent = 磁道 { $track }（等效数据，分隔符 'D'）：{ $status }
decode-track-chars = （{ $chars } 个字符）
decode-track-chars-direction = （{ $chars } 个字符，{ $direction }刷卡）
decode-track-only-direction = （{ $direction }刷卡）
decode-track-direction =
    { $direction ->
        [forward] 正向
       *[reverse] 反向
    }
decode-track-label-pan = 卡号
decode-track-label-name = 持卡人姓名
decode-track-label-expiry = 有效期
decode-track-label-service-code = 服务代码
decode-track-pan-luhn-ok = { $pan }（Luhn 校验通过）
decode-track-pan-luhn-failed = { $pan }（Luhn 校验失败）
decode-track-expiry = { $expiry }（年月：20{ $yy }-{ $mm }）
decode-track-absent = 无
decode-track-discretionary = 自定义数据：{ $chars } 个字符（不显示）
decode-track-after-pan = 卡号之后：{ $chars } 个字符（不显示）

## 服务代码各位（ISO/IEC 7813 §10）。

decode-sc-interchange =
    { $digit ->
        [1] 国际通用
        [2] 国际通用，尽可能使用芯片
        [5] 仅限国内使用（双边协议除外）
        [6] 仅限国内使用，尽可能使用芯片
        [7] 不可互通（双边协议除外，封闭环境）
        [9] 测试卡
       *[other] 未知的交换/技术取值（ISO/IEC 7813 中没有）
    }
decode-sc-authorisation =
    { $digit ->
        [0] 正常授权
        [2] 通过联机方式联系发卡行
        [4] 通过联机方式联系发卡行（双边协议除外）
       *[other] 未知的授权处理取值（ISO/IEC 7813 中没有）
    }
decode-sc-services =
    { $digit ->
        [0] 无限制，需要 PIN
        [1] 无限制
        [2] 仅限商品和服务（不可取现）
        [3] 仅限 ATM，需要 PIN
        [4] 仅限取现
        [5] 仅限商品和服务（不可取现），需要 PIN
        [6] 无限制，尽可能使用 PIN
        [7] 仅限商品和服务（不可取现），尽可能使用 PIN
       *[other] 未知的服务限制取值（ISO/IEC 7813 中没有）
    }
decode-sc-not-digit = 不是数字

## decode atr（explain::atr、codec::atr）。字节名（TA1、TD2）、参数名（FI、DI、WI、IFSC、BWI、CWI、
## EDC、etu）和代码保持原样。

decode-atr-title = ATR { $hex }（{ $count } 字节）
decode-atr-ts = { $convention ->
        [direct] 正向
       *[inverse] 反向
    }约定
decode-atr-follow = 其后为 { $bytes }{ $count ->
       *[other] {""}
    }
decode-atr-follow-none = 其后无接口字节
decode-atr-t0 = { $follow }；K={ $k } 个历史字节
decode-atr-td = { $t ->
        [15] T=15：其后为全局接口字节
       *[other] 协议 T={ $t }
    }；{ $follow }
decode-atr-tb1-none = 无编程电压（VPP 未连接）
decode-atr-tb1 = 编程电压 PI1={ $pi1 } II={ $ii }（已废弃）
decode-atr-tc1-minimum = 额外保护时间 N=255：最小保护时间（T=0 为 12 etu，T=1 为 11 etu）
decode-atr-tc1 = 额外保护时间 N={ $n } etu
decode-atr-ta2 = 专用模式，协议 T={ $t }{ $fixed ->
        [yes] ，不可切换模式
       *[no] ，可切换模式
    }{ $implicit ->
        [yes] ，隐含参数（不取自 TA1）
       *[no] ，参数取自接口字节
    }
decode-atr-tb2 = 编程电压 PI2={ $value }（已废弃）
decode-atr-tc2-wi = T=0 工作等待时间整数 WI={ $wi }（WT = 960 × WI × D etu）
decode-atr-tc2-other = TC2={ $value }（仅对 T=0 有意义）
decode-atr-ifsc = T=1 IFSC={ $value } 字节
decode-atr-edc = T=1 错误检测码：{ $edc }
decode-atr-clock-stop = 时钟停止指示 X={ $x }，电压类别指示 Y={ $y }
decode-atr-spu = 触点 C6 的标准或专有用途（SPU）{ $value }
decode-atr-specific = 专用于 T={ $t }
decode-atr-historical-none = 历史字节：无
decode-atr-historical = 历史字节（{ $count }）：{ $hex }  「{ $ascii }」
decode-atr-category = 类别 { $cat }：{ $meaning }
decode-atr-category-compact = COMPACT-TLV 对象，末尾为 3 字节状态指示
decode-atr-category-dir = 其后为 DIR 数据引用
decode-atr-category-compact-status = COMPACT-TLV 对象（状态指示如有，也作为对象）
decode-atr-category-rfu = 保留（RFU，ISO 7816-4）
decode-atr-category-proprietary = 专有历史字节
decode-atr-compact-1 = 国家代码
decode-atr-compact-2 = 发卡行标识号
decode-atr-compact-3 = 卡服务数据
decode-atr-compact-4 = 初始访问数据
decode-atr-compact-5 = 发卡行数据
decode-atr-compact-6 = 预发行数据
decode-atr-compact-7 = 卡片能力
decode-atr-compact-8 = 状态指示
decode-atr-compact-15 = 应用标识符
decode-atr-compact-unknown = 未知的 COMPACT-TLV 标签
decode-atr-empty = （空）
decode-atr-status = 状态指示：{ $hex }
decode-atr-note = 注意：{ $note }
decode-atr-note-compact-short = 历史字节第 { $at } 字节处的 COMPACT-TLV 对象 { $tag } 声明 { $announced } 字节，仅剩 { $left } 字节
decode-atr-note-category-00 = 类别 00 要求末尾有 3 字节状态指示
decode-atr-note-category-10 = 类别 10 之后应为 1 字节 DIR 数据引用
decode-atr-tck-byte = 校验字节（T0 至 TCK 的异或须为 00）
decode-atr-tck-byte-missing = 缺失（必需：提供了 T=0 以外的协议）
decode-atr-tck-byte-absent = 无（不需要：仅提供 T=0）
decode-atr-extra = ATR 之后的多余字节：{ $hex }
decode-atr-protocols = 提供的协议：{ $list }
decode-atr-parameters = 参数：FI={ $fi } DI={ $di }（{ $f }，{ $d }{ $default ->
        [yes] ，默认值
       *[no] {""}
    }），保护时间 N={ $n }，WI={ $wi }{ $t1 }
decode-atr-tck-ok = TCK 正确
decode-atr-tck-wrong = TCK 错误：应为 { $expected }，实为 { $got }
decode-atr-tck-missing = TCK 缺失：应为 { $expected }
decode-atr-tck-not-required = 不需要 TCK（仅 T=0）
decode-atr-emv-ok = EMV：未违反 ATR 规则
decode-atr-emv-broken = EMV：违反 { $count } 条规则
decode-atr-rule-ta1 = EMV 规则 TA1 应在 11..13（F=372，D=1/2/4）：TA1 为 { $value }（{ $f }，{ $d }）
decode-atr-rule-tc1 = EMV 规则 TC1 应为 00 或 FF（额外保护时间）：TC1 为 { $value }
decode-atr-rule-td1 = EMV 规则 TD1 应提供 T=0 或 T=1：TD1 提供 T={ $t }
decode-atr-rule-ta2-mode = EMV 规则 TA2 专用模式须使用 TA1 的参数（b5 = 0）：TA2 为 { $value }
decode-atr-rule-ta2-protocol = EMV 规则 TA2 应指明首个提供的协议 T={ $first }：TA2 指明 T={ $t }
decode-atr-rule-tc2 = EMV 规则 TC2（T=0 WI）应为 0A：TC2 为 { $value }
decode-atr-rule-ifsc = EMV 规则 T=1 IFSC（TA3）应在 10..FE：{ $name } 为 { $value }
decode-atr-rule-cwi = EMV 规则 T=1 CWI <= 5：{ $name } 为 { $value }（CWI { $cwi }）
decode-atr-rule-bwi = EMV 规则 T=1 BWI <= 4：{ $name } 为 { $value }（BWI { $bwi }）
decode-atr-rule-tc3 = EMV 规则 T=1 TC3 应为 00（LRC 错误检测）：{ $name } 为 { $value }
decode-atr-rule-tck-missing = ISO 7816-3 提供 T=0 以外的协议时须有 TCK：TCK 缺失（应为 { $expected }）
decode-atr-rule-tck-wrong = ISO 7816-3 TCK 校验：应为 { $expected }，实为 { $got }
decode-atr-rule-length = ISO 7816-3 ATR 最多 33 字节：此 ATR 有 { $count } 字节

## 各解码器共用

decode-bytes = { $n } 字节
decode-quoted = 「{ $text }」
decode-pan-masked = （卡号已遮蔽）
decode-bytes-hidden = [已隐藏 { $n } 字节]

## decode apdu

decode-apdu-command = 命令 APDU（情形 { $case }）：{ $bytes }
decode-apdu-command-hidden = { $bytes } [数据已隐藏]
decode-apdu-ins-unknown = 未知指令
decode-apdu-label-data = 数据
decode-apdu-data-pin-hidden = [已隐藏 { $n } 字节：PIN 块]
decode-apdu-df-name = DF 名称「{ $name }」
decode-apdu-le-max = （00：有多少取多少）
decode-apdu-response = 响应 APDU：{ $n } 字节数据
decode-apdu-challenge = { $hex }（随机数）
decode-apdu-data-tlv = 数据（BER-TLV）：
decode-apdu-sw = { $meaning }（{ $class }）
decode-apdu-cla-invalid = 无效类别（FF 保留给 PPS）
decode-apdu-cla-proprietary = 专有类别（EMV/PBOC 支付命令）
decode-apdu-cla-interindustry =
    行业间通用{ $chaining ->
        [yes] ，命令链
       *[no] { "" }
    }，{ $sm }，逻辑通道 { $channel }
decode-apdu-cla-further =
    行业间通用（扩展逻辑通道）{ $sm ->
        [yes] ，安全报文
       *[no] { "" }
    }，逻辑通道 { $channel }
decode-apdu-sm-none = 无安全报文
decode-apdu-sm-proprietary = 专有安全报文
decode-apdu-sm-plain-header = 安全报文，命令头未认证
decode-apdu-sm-authenticated-header = 安全报文，命令头已认证
decode-apdu-select = { $how }；{ $which }
decode-apdu-select-by-id = 按标识符选择 MF/DF/EF
decode-apdu-select-by-name = 按 DF 名称（AID）选择
decode-apdu-select-by-ef = 选择当前 DF 下的 EF
decode-apdu-select-by-path = 从 MF 起按路径选择
decode-apdu-select-by-other = 选择控制（见 ISO 7816-4）
decode-apdu-select-first-occurrence = 第一个或唯一一个
decode-apdu-select-last-occurrence = 最后一个
decode-apdu-select-next-occurrence = 下一个
decode-apdu-select-previous-occurrence = 上一个
decode-apdu-record-sfi = 记录 { $record }，SFI { $sfi }
decode-apdu-record-mode = 记录 { $record }，引用方式 { $mode }，SFI { $sfi }
decode-apdu-gac =
    请求 { $kind }{ $cda ->
        [yes] ，请求 CDA 签名
       *[no] { "" }
    }
decode-apdu-gac-aac = AAC（拒绝）
decode-apdu-gac-tc = TC（脱机批准）
decode-apdu-gac-arqc = ARQC（请求联机）
decode-apdu-gac-rfu = RFU 密文类型
decode-apdu-get-data = 数据对象 { $tag }（{ $name }）
decode-apdu-verify-plain = 明文脱机 PIN
decode-apdu-verify-enciphered = 密文脱机 PIN
decode-apdu-verify-other = 引用数据 { $ref }

## decode tlv

decode-tlv-warning = 警告：{ $what }
decode-tlv-not-decoded = 未能解码：{ $what }（之前的对象已显示）

## EMV 数据元的解释行

decode-explain-length = ! { $what } 应为 { $n } 字节，实为 { $got } 字节
decode-explain-length-range = ! { $what } 应为 { $min }–{ $max } 字节，实为 { $got } 字节
decode-explain-length-max = ! { $what } 应不超过 { $max } 字节，实为 { $got } 字节
decode-explain-cid = { $code }：{ $meaning }
decode-explain-cid-advice = 需要通知
decode-explain-cid-reason = 原因：{ $reason }
decode-explain-cvm-length = ! CVM 结果应为 3 字节，实为 { $got } 字节
decode-explain-afl-record = 记录 { $first }
decode-explain-afl-records = 记录 { $first }-{ $last }
decode-explain-afl = SFI { $sfi } { $records }（其中 { $oda } 条用于脱机数据认证）
decode-explain-format1-gpo = 取处理选项格式 1：AIP { $aip } ‖ AFL { $afl }
decode-explain-format1-gac = 生成应用密文格式 1：CID { $cid } ‖ ATC { $atc } ‖ AC { $ac } ‖ IAD { $iad }
decode-explain-script-command = 命令 APDU：CLA { $cla } INS { $ins }（{ $name }）P1 { $p1 } P2 { $p2 }，数据 { $n } 字节 { $data }
decode-explain-script-unknown-ins = 未知指令
decode-explain-script-data-hidden = （加密的 PIN 数据，不显示）
decode-explain-dol-entry = { $tag } { $name }（{ $len }）
decode-explain-dol-total = 共 { $n } 字节
decode-explain-priority = 优先级 { $n }
decode-explain-priority-confirm = 需要持卡人确认
decode-explain-service-code = { $digit }：{ $meaning }
decode-tlv-sw = 状态字 { $sw1 } { $sw2 }：{ $what }
decode-tlv-sw-success = 成功
decode-tlv-sw-more = 还有数据可取（取响应）
decode-tlv-sw-wrong-le = Le 错误
decode-tlv-sw-other = 错误或警告（见 `cardbench decode apdu`）
decode-value-track1 = { $pan }（磁道 1 数据，{ $n } 字节，其余已隐藏）
decode-value-hidden = （已隐藏，{ $n } 字节）

## decode 8583

decode-8583-title =
    ISO 8583 报文，{ $packing ->
        [cups] 银联 CUPS
       *[other] ASCII
    } 打包，{ $n } 字节
decode-8583-frame =
    帧（{ $framing ->
        [cups] 银联 CUPS
        [len2] 2 字节长度头
       *[other] 4 位 ASCII 长度头
    }）：长度头 { $hex } = 其后 { $n } 字节（一致）
decode-8583-tpdu = 标识 { $id }，目的地址 { $destination }，源地址 { $source }
decode-8583-label-header = 报文头
decode-8583-header = 应用类别 { $app }（{ $app_text }），软件版本号 { $version }，终端状态 { $status }，处理要求 { $requirement }（{ $requirement_text }），子版本 { $sub }
decode-8583-mti = { $version }，{ $class }{ $function }，来自{ $origin }
decode-8583-mti-invalid = 不是 4 位 MTI
decode-8583-bitmap = 位图 { $hex }  位 { $bits }
decode-8583-fields = 数据域（{ $n } 个）：
decode-8583-amount = 金额 { $amount }
decode-8583-entry-mode = { $pan }；{ $pin }
decode-8583-rc-approved = 无故障可定位；处理：{ $action }
decode-8583-rc-family = 原因类别 { $family }（{ $name }）；处理：{ $action }
decode-8583-part = { $label }：{ $value }
decode-8583-part-meaning = { $label }：{ $value }（{ $meaning }）
decode-8583-de55-partial = （不是格式正确的 BER-TLV；已显示格式正确的部分）
decode-8583-pin-block = [PIN 块，{ $n } 字节]
decode-8583-icc-text = [IC 卡数据，{ $n } 个字符]
decode-8583-icc-not-tlv = [IC 卡数据，{ $n } 字节，不是 TLV]
decode-8583-tlv-hidden = [已隐藏，{ $n } 字节]
decode-8583-de90-1 = 90.1 原始 MTI
decode-8583-de90-2 = 90.2 原始流水号（STAN）
decode-8583-de90-3 = 90.3 原始交易传输时间（月日时分秒）
decode-8583-de90-4 = 90.4 原始受理机构标识码
decode-8583-de90-5 = 90.5 原始发送机构标识码
decode-8583-de62-not-keys = 62：{ $n } 字节，不是签到密钥格式（24、40 或 60 字节）
decode-8583-de62-keys = 62：签到工作密钥，格式 { $layout }（{ $n } 字节）
decode-8583-de62-pik = PIK（PIN 密钥）
decode-8583-de62-mak = MAK（MAC 密钥）
decode-8583-de62-tdk = TDK（磁道密钥）
decode-8583-de62-key = 密钥
decode-8583-de62-incomplete = { $part } { $name }：{ $n } 字节，不完整
decode-8583-de62-key-line = { $part } { $name }：已加密，{ $width } 字节；校验值 { $kcv }
decode-8583-de62-key-line-single = { $part } { $name }：已加密，{ $width } 字节密钥 + 8 字节零（单倍长密钥占 16 字节位置）；校验值 { $kcv }
decode-8583-de62-hidden = { $n } 字节（以终端主密钥加密的工作密钥，不显示）
decode-8583-de63-org = 63.1 卡组织：{ $code }（{ $org }）
decode-8583-de63-operator = 63.1 操作员代码：{ $code }
decode-8583-de63-rest = 63.2 附加数据：{ $n } 个字符
decode-8583-text = 「{ $text }」

## decode 的输入错误

decode-apdu-error-hex = apdu：偏移 { $offset } 处有无效的十六进制字符 { $ch }
decode-apdu-error-odd = apdu：十六进制位数为奇数（偏移 { $offset } 处缺少半个字节）
decode-apdu-error-empty = apdu：没有输入（偏移 0）
decode-apdu-error-neither = apdu：既不是命令（第 { $offset } 字节处应为：{ $expected }），也不是响应（末尾没有 6x/9x 开头的 SW1）
decode-apdu-error-command = apdu：命令：第 { $offset } 字节处应为：{ $expected }
decode-apdu-error-response = apdu：响应：第 { $offset } 字节处应为：{ $expected }
decode-tlv-error-empty = decode tlv：没有十六进制输入
decode-8583-error-neither = 既不是十六进制（{ $hex }），也不是 ASCII 8583 报文（{ $error }）
decode-8583-error-hint = { $error }（{ $hint }）
decode-8583-hint-framed = 前两个字节是与其余部分相符的长度：请加 --framed
decode-8583-hint-tpdu = 以 TPDU（60）开头：是不是缺了长度头的银联 CUPS 帧？
decode-8583-hint-ebcdic-mti = 这些字节是 EBCDIC 编码（F0-F9 是数字 0-9；MTI { $mti }）：本报文为 EBCDIC 编码，cardbench 只读 ASCII
decode-8583-hint-ebcdic-field = 偏移 { $offset } 处的字节像 EBCDIC 文本（F0-F9 为数字，C1-E9 为字母）：该域为 EBCDIC 编码，cardbench 只读 ASCII
decode-8583-warn-not-digit = { $field }：字节 { $byte } 不是数字（数字型字段）
decode-8583-warn-ebcdic-digits = { $field }：为 EBCDIC 数字而非 ASCII；按 EBCDIC 读为：{ $text }
decode-8583-warn-ebcdic-text = { $field }：为 EBCDIC 文本而非 ASCII；按 EBCDIC 读为：{ $text }
decode-8583-warn-ebcdic-hidden = { $field }：为 EBCDIC 而非 ASCII（卡数据，不显示）
decode-8583-de61-1 = 61.1 原批次号
decode-8583-de61-2 = 61.2 原流水号
decode-8583-de61-3 = 61.3 原交易日期（MMDD）
decode-8583-de61-rest = 61.4+ 其他数据
decode-8583-de48-domestic = 内卡（人民币）
decode-8583-de48-foreign = 外卡
decode-8583-de48-totals = { $part } { $scheme }：借记 { $debit_count } 笔共 { $debit }，贷记 { $credit_count } 笔共 { $credit }，对账标志 { $flag }{ $flag_meaning }
decode-8583-de48-flag-1 = （对账平）
decode-8583-de48-flag-2 = （对账不平）
decode-8583-de48-unreadable = 48：不是结算总额（每类卡 31 位数字）

## 收到的字节与预期的 ISO 8583 帧格式不符时的判断（FramingHint）。
decode-frame-no-bytes = 一个字节也没收到
decode-frame-too-short = 只收到 { $count } 个字节：连长度头都不够
decode-frame-looks-ascii4 = 像是 4 位 ASCII 数字长度（{ $digits } = { $len }{ $fits ->
        [yes] ，与后面的字节数相符
       *[no] {""}
    }），而不是 2 字节二进制长度
decode-frame-length-mismatch = 长度头写的是 { $says }，实际收到 { $arrived } 个字节
decode-frame-no-tpdu = 没有 TPDU：长度之后应为 60，实际是 { $found }{ $instead ->
        [ascii] （长度后面是 ASCII 数字：报文是 ASCII 打包？）
        [bcd] （长度后面直接是 BCD 编码的 MTI：是 `len2` 帧格式？）
       *[unknown] {""}
    }
decode-frame-tpdu-after-length = 长度之后是 TPDU（60 …）：这是银联 CUPS 帧格式（TPDU + 报文头）
decode-frame-starts-with-tpdu = 以 TPDU（60）开头：缺了长度头
decode-frame-ascii-mti = 开头是 ASCII 的 MTI { $mti } 和十六进制位图：完全没有长度头？
decode-frame-no-ascii4 = 没有 4 位 ASCII 数字长度：开头几个字节是 { $first }
decode-frame-looks-binary = 像是 2 字节二进制长度（{ $len }，与后面的字节数相符）

### host：`host` 和主机客户端：收单行主机模拟器、签到、冲正。
### 消息 id 以 `host-` 开头。见 docs/i18n.md。

## One-line summaries of ISO 8583 messages in the timeline and `host` output (host::wire::summary_in).

host-summary-echo = 回响测试
host-summary-sign-on = 签到
host-summary-sign-off = 签退
host-summary-network-management = 网络管理
host-summary-reversal = 冲正
host-summary-authorisation = 预授权
host-summary-purchase = 消费
host-summary-balance-inquiry = 余额查询
host-summary-void-refund = 撤销/退货
host-summary-financial = 金融交易
host-summary-stan = 流水号 { $stan }
host-summary-pan = PAN { $pan }
host-summary-amount = 金额 { $amount }
host-summary-entry = 输入方式 { $mode }
host-summary-rc = 应答码 { $rc }（{ $meaning }）

## Frame layers of the host link (host::wire::record).

host-layer-frame = { $framing } 帧 长度={ $len }
host-layer-tpdu = TPDU { $tpdu } 报文头 { $header }（版本 { $version }，处理要求 { $requirement }）
host-layer-undecodable = 无法解码：{ $error }
host-layer-bad-frame = 帧错误：{ $problems }

## The host's log lines (`cardbench host`, host::acquirer and host::server_net).

host-line-listening = 主机在 { $addr } 监听（帧格式 `{ $framing }`，打包方式 `{ $packing }`，{ $rules } 条规则，密钥 `{ $keys }`，主密钥 KCV { $kcv }，MAC 算法 `{ $mac }`；最多 { $connections } 个连接，每个对端 { $per_peer } 个，空闲超时 { $idle } 秒）；终端签到后才做 MAC 校验
host-line-bank = 发卡行 { $bank }
host-line-version = 软件版本 { $version }
host-line-not-request = 不是请求：忽略
host-line-no-reply = （不应答）
host-line-closed = （关闭连接）
host-line-malformed-reply = 畸形应答
host-line-requirement = 处理要求 { $requirement }
host-line-state-unavailable = 主机状态不可用
host-line-cannot-encode = 应答无法编码：{ $error }
host-line-malformed-request = 畸形请求（{ $bytes } 字节）：{ $why }；不应答
host-line-not-packing = （报文体看起来不是 `{ $packing }` 打包方式）
host-line-write-failed = { $line }（写入失败：{ $error }）
host-line-not-reading = { $line }（终端不读取应答：关闭连接）
host-line-cannot-serve = 无法提供服务：{ $error }
host-line-accept-failed = 接受连接失败：{ $error }
host-line-refused = { $peer } 被拒绝：所有连接槽都在处理报文（总数上限 { $all }，每个对端 { $per_peer }）
host-line-evicted = 关闭来自 { $who } 的空闲连接，为 { $peer } 腾出位置
host-line-closed-mid-frame = { $peer } 在报文中途关闭（{ $bytes } 字节）：{ $why }
host-line-unusable-frame = { $peer } 报文不可用（{ $bytes } 字节）：{ $why }；关闭连接
host-line-idle = { $peer } 空闲 { $secs } 秒：关闭连接
host-line-slow = { $peer } { $secs } 秒后报文仍不完整（{ $bytes } 字节）：关闭慢速发送方
host-line-read-error = { $peer } 读取错误：{ $error }

## Which rule decided.

host-rule-default = 默认
host-rule-withheld = 测试台：不应答，以观察冲正
host-rule-no-sm4-key = 本终端没有 SM4 主密钥
host-rule-mac-check = MAC 校验
host-rule-pin-check = PIN 校验
host-rule-arqc-check = ARQC 校验
host-rule-totals-unreadable = 结算总额无法读取
host-rule-totals-differ = 结算总额不平

## Request kinds.

host-kind-sign-on = 签到
host-kind-sign-off = 签退
host-kind-echo = 回响测试
host-kind-status-upload = 状态上送
host-kind-key-query = 公钥查询
host-kind-key-download = 公钥下载
host-kind-key-end = 公钥下载结束
host-kind-param-query = 参数查询
host-kind-param-download = 参数下载
host-kind-param-end = 参数下载结束
host-kind-authorisation = 预授权
host-kind-purchase = 消费
host-kind-refund = 退货
host-kind-financial = 金融交易
host-kind-reversal = 冲正
host-kind-script-notice = 脚本处理结果通知
host-kind-settlement = 结算
host-kind-batch-upload = 批上送
host-kind-batch-upload-end = 批上送结束
host-kind-other = 其他

## The handlers' notes.

host-note-no-mac = 无 MAC
host-note-mac-ok = MAC 校验通过
host-note-mac-other = MAC 算法为 `{ $algorithm }`
host-note-mac-wrong = MAC 校验失败
host-note-not-signed-on = 未签到
host-note-no-pin = 无 PIN
host-note-pin-correct = PIN 校验正确
host-note-pin-wrong = PIN 错误
host-note-pin-malformed = PIN 块格式错误
host-note-pin-not-in-deck = 卡组中没有此卡的 PIN
host-note-no-pin-key = 无 PIN 密钥
host-note-arqc-ok = ARQC 校验通过
host-note-arqc-wrong = ARQC 错误
host-note-no-issuer-key = 无发卡行密钥
host-note-no-arqc = 无 ARQC
host-note-reverses = 冲正流水号 { $stan }
host-note-no-original = 没有流水号 { $stan } 的原交易
host-note-reverses-de90 = 冲正 { $mti } 流水号 { $stan }（由 DE90 指明）
host-note-no-original-de90 = 没有 DE90 所指的 { $mti } 流水号 { $stan } 的原交易
host-note-script-result =
    { $original } 的脚本处理结果{ $maced ->
        [yes] ，带 MAC
       *[no] {""}
    }
host-note-totals = 借记 { $debit_count } 笔/{ $debit_amount }，贷记 { $credit_count } 笔/{ $credit_amount }
host-note-totals-unreadable = DE48 不是 62 位数字的总额
host-note-balanced = 对账平：{ $host }
host-note-unbalanced = 对账不平：终端 { $terminal }，主机 { $host }
host-note-upload = { $records } 条记录中 { $matched } 条与流水相符
host-note-upload-end = 批上送结束：终端报 { $said } 笔，主机收到 { $received } 笔（{ $matched } 笔相符）
host-note-key = 公钥 { $name }
host-note-key-not-found = 没有此公钥
host-note-aid = AID { $aid }
host-note-aid-not-found = 没有此 AID
host-note-keys-downloaded = 已下载 { $count } 个公钥
host-note-aids-downloaded = 已下载 { $count } 个 AID
host-note-nothing-to-download = 无可下载内容
host-note-entries =
    第 { $from }-{ $to } 条，共 { $of } 条{ $more ->
        [yes] ，后面还有
       *[no] {""}
    }

## `host --listen serial:PATH`：为一台 POS 在串口上充当主机。

host-pos-serial-playing = `pos8583`：在 { $path } 上充当主机，{ $baud } 波特（帧格式 `{ $framing }`，打包方式 `{ $packing }`）；POS 签到后才做 MAC 校验
host-pos-check-framing = 帧格式
host-pos-check-software-version = 软件版本
host-pos-check-stan = 流水号
host-pos-check-reversal = 超时冲正
host-pos-check-transaction = 交易
host-pos-framing-bad = { $count } 帧无法识别：{ $error }
host-pos-framing-none = 没有收到 POS 的报文
host-pos-framing-ok = { $count } 条报文，帧格式 `{ $framing }` 正常
host-pos-version-old = 报文头软件版本 { $version } 低于 { $min }：请升级 POS 应用程序
host-pos-version = 报文头软件版本 { $version }
host-pos-stan-reused = 流水号重复：{ $stans }（主机会应答 94 重复交易）
host-pos-stan-step = 流水号逐笔加 1
host-pos-stan-gaps = 流水号不重复，但不连续
host-pos-reversed = { $mti } 流水号 { $stan } 未获应答：已冲正，DE39 为 { $reason }
host-pos-reason-none = （无）
host-pos-not-reversed = { $mti } 流水号 { $stan } 未获应答，且没有冲正
host-pos-transaction = 流水号 { $stan } { $entry ->
        [swipe] 刷卡
        [chip] 插卡
        [fallback] 降级刷卡
        [contactless] 闪付
        [manual] 手工输入
       *[other] 输入方式 { $entry }
    } { $pan } 发卡行 { $bank }
host-pos-bank-unknown = 未知
host-pos-answered = 应答码 { $rc }
## 主机客户端写入时间线的提示。
host-note-skipped = 等待 { $mti } 流水号 { $stan } 时跳过 { $got }
host-note-pending = 超时，仍有 { $count } 字节未处理：{ $what }
host-note-reversal = 冲正：发送 0400，流水号 { $stan }，原因 { $reason }
host-note-reversal-not-sent = 冲正未发出：重新连接失败：{ $why }
host-pos-never-framed = { $count } 个字节始终没有组成一帧：{ $what }

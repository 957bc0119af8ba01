### judge：各次检查记录的详情（checklist::judge）。英文是 attempts.csv 的 detail 列；中文只用于屏幕。

## 详情各部分之间的分隔。

judge-part-separator = {"；"}

## 刷卡（checklist::judge::swipe）。

judge-swipe-track = 磁道 { $track } { $status }
judge-swipe-tracks-agree = 磁道 1 与磁道 2 一致
judge-swipe-tracks-disagree = 磁道 1 与磁道 2 不一致
judge-swipe-reader = 读卡器状态 { $status }
judge-swipe-also = 本次刷卡还发现：{ $part }
judge-swipe-luhn-ok = Luhn 校验通过
judge-swipe-luhn-failed = Luhn 校验失败
judge-swipe-expired = 已过期 { $expiry }
judge-swipe-expiry = 有效期 { $expiry }
judge-swipe-service-code = 服务代码 { $code }
judge-swipe-chip-card = 芯片卡，应插卡
judge-swipe-bin-unknown = BIN 未知
judge-tally = 刷卡 { $swipes } 次后：{ $tracks }
judge-tally-track = 磁道 { $track } { $ok }/{ $swipes } 正常
judge-tally-track-faults = 磁道 { $track } { $ok }/{ $swipes } 正常（{ $faults }）
judge-tally-fault = { $count } 次{ $code }
judge-list-separator = {"，"}

## 卡片身份与日期（checklist::judge::identity）。

judge-wrong-card = 读到的是 { $got } 的卡，卡组配置为 { $want }
judge-date-no-month = 有效期 { $date } 中没有 { $month } 月
judge-date-no-day = 有效期 { $date } 中没有 { $day } 日

## 芯片（checklist::judge::chip）。

judge-chip-atr = ATR { $bytes } 字节，T={ $protocol }
judge-chip-mute = 冷复位和热复位后均无 ATR
judge-chip-no-card = IC 卡位无卡（{ $code }）
judge-chip-with-trail = { $why }；{ $trail }
judge-chip-card-blocked = 卡片已锁定（选择 PSE 返回 6A81）
judge-chip-app-blocked = 应用已锁定（6283）
judge-chip-no-application = 卡上没有终端 AID 列表中的应用（6A82）
judge-chip-stopped = 卡片停止响应
judge-chip-none-selected = 未选中应用（{ $outcome }）
judge-chip-selected-pse = 已通过 PSE 选择应用「{ $label }」
judge-chip-selected-aid-list = 已通过 AID 列表选择应用「{ $label }」
judge-chip-facts = ODA { $oda }；TVR { $tvr } TSI { $tsi } CVM { $cvm }
judge-chip-arqc = ARQC，ATC { $atc }；{ $facts }
judge-chip-cryptogram-other = 卡片返回 { $kind }（{ $meaning }）；{ $facts }
judge-chip-arqc-versions-differ = ARQC，ATC { $atc }，但卡片应用版本与终端不同（TVR 第 2 字节 b8）；{ $facts }
judge-chip-arqc-velocity = ARQC，ATC { $atc }：卡片超过连续脱机交易次数上限（TVR 第 4 字节），已按要求联机；{ $facts }
judge-chip-verify-ok = 脱机 PIN 验证通过（验证命令 9000）；CVM { $cvm }
judge-chip-verify-blocked = 卡片脱机 PIN 已锁定：PIN 尝试计数器为 0（TVR 第 3 字节 b6）；CVM { $cvm }
judge-chip-verify-wrong = 卡片拒绝测试卡组中的 PIN（剩余 { $tries } 次）：卡组 PIN 与卡片不符；CVM { $cvm }
judge-chip-verify-refused = 验证命令被拒绝（{ $sw }）；CVM { $cvm }
judge-chip-stopped-genac = 卡片在生成应用密文时停止响应；{ $facts }
judge-chip-stopped-internal-auth = 卡片在内部认证时停止响应；{ $facts }
judge-chip-no-cryptogram = 生成应用密文未返回密文；{ $facts }
judge-chip-records = 获取处理选项 AIP { $aip } AFL { $afl }；已读 { $records } 条记录
judge-chip-gpo-refused = 获取处理选项被拒绝
judge-chip-track2-same = 芯片的二磁道等效数据（57）与磁条二磁道一致
judge-chip-track2-differs = 芯片的二磁道等效数据（57）与磁条二磁道不一致
judge-chip-expired = 应用已过期（5F24 { $expiry }）
judge-chip-bad-date = 5F24：{ $why }
judge-chip-expiry = 5F24 { $expiry }；服务代码 { $code }
judge-oda-not-performed = 未执行
judge-oda-ok = { $method } 通过
judge-oda-failed = { $method } 失败：{ $why }
judge-cryptogram-meaning =
    { $kind ->
        [AAC] 交易拒绝
        [TC] 脱机批准
        [ARQC] 请求联机授权
       *[other] 保留
    }

## 网络（checklist::judge::network）。

judge-net-no-host = 未配置主机（--host）
judge-net-nothing-to-authorise = 刷卡和插卡步骤都未读到卡号：无可授权
judge-net-wrong-card = { $why }：未发送授权
judge-net-connected = 已连接 { $addr }
judge-net-connect-failed = { $why }（{ $addr }）
judge-net-echo-ok = 0800/0810 回响测试（301）已应答
judge-net-echo-rc = 0800/0810 回响测试应答码非零
judge-net-echo-no-reply = 无 0810
judge-net-auth = { $mti } 流水号 { $stan } 输入方式 { $entry } { $de22 }：应答码 { $code } { $meaning }
judge-net-entry =
    { $entry ->
        [swipe] 刷卡
        [chip] 插卡
       *[fallback] 降级
    }
judge-net-auth-failed = { $mti } 流水号 { $stan }：{ $why }
judge-net-reversal-card-declined = 已发送冲正 0400（原因 { $reason }）：主机已批准，卡片在第二次生成应用密文时拒绝；0410 应答码 { $code }
judge-net-reversal-ok = 0200 失败后已发送 0400 冲正（原因 { $reason }），0410 应答码 { $code }
judge-net-reversal-unanswered = 已发送 0400 冲正（原因 { $reason }），无 0410
judge-net-reversal-not-sent = 0400 冲正（原因 { $reason }）无法发送

## 记录器（checklist::record）与引擎。

judge-expected-failure-met = 预期的失败（{ $expected }）已出现；{ $detail }

## 脱机数据认证（ODA）失败原因。

judge-oda-why-no-ca-key = 终端中没有 CA 公钥 { $rid }/{ $index }
judge-oda-why-missing = 缺少标签 { $tag }
judge-oda-why-static-data = 参与 ODA 的记录不是 70 模板
judge-oda-why-issuer-cert = 发卡行公钥证书：{ $why }
judge-oda-why-issuer-id = 发卡行公钥证书属于其他发卡行
judge-oda-why-issuer-expired = 发卡行公钥证书已过期（{ $expiry }）
judge-oda-why-icc-cert = IC 卡公钥证书：{ $why }
judge-oda-why-icc-pan = IC 卡公钥证书对应其他卡号
judge-oda-why-icc-expired = IC 卡公钥证书已过期（{ $expiry }）
judge-oda-why-ssad = 签名的静态应用数据：{ $why }
judge-oda-why-sdad = 签名的动态应用数据：{ $why }
judge-oda-why-no-sdad = 没有签名的动态应用数据
# CDA（EMV Book 2 §6.6.2）：签名的 GENERATE AC 响应。
judge-oda-why-cda-layout = IC 卡动态数据不符合 CDA 格式
judge-oda-why-cda-cid = 签名中的 CID 为 { $signed }，卡片返回 { $returned }
judge-oda-why-cda-hash = 交易数据哈希值不符
judge-cert-why-length = { $got } 字节，密钥需要 { $want } 字节
judge-cert-why-rsa = 无法用该密钥恢复
judge-cert-why-framing = 恢复的数据不是以 6A 开头、BC 结尾
judge-cert-why-format = 格式 { $got }，应为 { $want }
judge-cert-why-algorithm = 算法标识 { $value }，应为 01
judge-cert-why-hash = 哈希值不符
judge-cert-why-key-layout = 密钥长度与证书不符

## 整机 POS（checklist::judge::pos）。

judge-pos-shown-read-error = 终端显示读卡错误
judge-pos-shown-key-error = 终端显示密钥错误
judge-pos-shown-nothing = 终端没有发出任何报文
judge-pos-shown-other = 没有收到报文；终端显示了其他内容
judge-pos-not-signed-on = 未签到
judge-pos-mac-wrong = MAC 错误
judge-pos-mac-algorithm = MAC 按 { $algorithm } 计算
judge-pos-mac-missing = 无 MAC
judge-pos-fallback = 芯片卡以降级方式发送
judge-pos-entry-mode = 输入方式：{ $mode ->
        [swipe] 刷卡
        [chip] 插卡
        [fallback] 降级
        [contactless] 闪付
        [manual] 手输
       *[other] { $mode }
    }
judge-pos-no-de22 = 无 DE22
judge-pos-track2 = DE35：{ $problem }
judge-pos-pin-wrong = PIN 与卡组中的不一致
judge-pos-pin-block-bad = PIN 块格式错误
judge-pos-no-de55 = 无 DE55
judge-pos-de55-lacks = DE55 缺少 { $tags }
judge-pos-kernel-version = 9F09 为 { $got }，参数要求 { $want }
judge-pos-tvr-oda = TVR { $tvr }：脱机数据认证失败
judge-pos-tvr-version = TVR：应用版本不一致
judge-pos-reversed = 已冲正，DE39 { $code }
judge-pos-withheld = 无应答（测试台扣留）
judge-pos-host-rc = 主机应答 RC { $rc }
judge-pos-sale = { $mti } { $entry ->
        [swipe] 刷卡
        [chip] 插卡
        [fallback] 降级
        [contactless] 闪付
        [manual] 手输
       *[other] { $entry }
    } 流水号 { $stan } { $answer }{ $mac ->
        [ok] ；MAC 正确
       *[none] {""}
    }{ $pin ->
        [correct] ，PIN 正确
       *[none] {""}
    }{ $arqc }
judge-pos-no-sign-on = 未签到：{ $why }
judge-pos-keys-refused = 签到 { $count } 次：终端拒绝了密钥（校验值）；主密钥 KCV { $kcv }
judge-pos-sign-on-rc = 签到应答 RC { $rc }
judge-pos-sign-on-ok = 签到 { $layout }，{ $kcv }，批次号 { $batch }
judge-pos-downloads-ok = 公钥和 IC 参数已下载（{ $count } 条）
judge-pos-downloads-ignored = 主机要求下载{ $asked ->
        [keys] 公钥
        [both] 公钥和 IC 参数
       *[params] IC 参数
    }，终端未完成{ $missing ->
        [keys] 公钥下载
       *[params] IC 参数下载
    }
judge-pos-version-old = 报文头软件版本 { $version } 低于 { $min }
judge-pos-version = 报文头软件版本 { $version }
judge-pos-stans-ok = { $count } 个流水号，无重复
judge-pos-stan-reused = 流水号重复：{ $stans }（主机将应答 94）
judge-pos-reversal-ok = 流水号 { $stan } 未获应答：已冲正，DE39 98
judge-pos-reversal-wrong = 流水号 { $stan } 未获应答：已冲正，DE39 { $code }（应为 98）
judge-pos-no-reversal = 流水号 { $stan } 未获应答，且始终未冲正
judge-pos-no-settlement = 未结算：{ $why }
judge-pos-balanced = 对账平：{ $totals }
judge-pos-unbalanced = 终端 { $terminal }，主机 { $host }（RC 95）
judge-pos-totals-unreadable = 无法读取结算总额
judge-pos-upload = { $records } 笔记录与主机流水一致
judge-pos-arqc = { $check ->
        [valid] ARQC 正确
        [invalid] ARQC 错误
        [no-key] 无发卡行密钥
        [none] 无 ARQC
       *[other] { $text }
    }
judge-pos-totals = 借记 { $debit }，贷记 { $credit }

judge-online-facts = 授权响应码 { $arc }，发卡行认证 { $auth }，第二次生成应用密文 { $cid2 }，脚本 { $sent }/{ $received }；TVR { $tvr }，TSI { $tsi }
judge-online-auth-ok = 通过
judge-online-auth-failed = 失败
judge-online-auth-none = 未执行
judge-online-not-sent = 未发送
judge-online-none = 主机应答未送达卡片
judge-online-ok = 联机完成：{ $facts }
judge-online-issuer-auth-failed = 卡片拒绝发卡行的 ARPC（发卡行认证失败）；{ $facts }
judge-online-script-failed = 卡片拒绝执行发卡行脚本命令；{ $facts }
judge-online-no-cryptogram = 第二次生成应用密文无密文返回；{ $facts }
judge-online-declined-after-approval = 主机已批准的交易被卡片拒绝（AAC）；{ $facts }
judge-online-stopped = 联机完成过程中卡片停止响应；{ $facts }
judge-chip-aid-mismatch = 应用不符：{ $why }
judge-device-no-reply = 读卡器没有应答：{ $reason }

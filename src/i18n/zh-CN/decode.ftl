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
